import { describe, expect, it } from "vitest";
import { ownerProblems, ownersNamedIn, pickOwner } from "../../../src/routing/route.ts";
import type { RuleSet } from "../../../src/routing/rule-set.schema.ts";

// Routing may only make owners of people who may own cases (coordinator or above). Whoever the
// rules name as an owner is checked when the rules are saved, and skipped when routing runs if
// their role no longer allows it.

const COORDINATOR = "U0COORDRO1";
const OTHER_COORDINATOR = "U0COORDRO2";
const STAFF = "U0STAFFRO1";
const LIAISON = "U0LIAISON1";

const RULES: RuleSet = {
  version: 1,
  teams: [
    { id: "patient-relations", name: "Patient Relations", members: [COORDINATOR, STAFF] },
    { id: "billing", name: "Billing", members: [] },
  ],
  riskManagement: { contacts: [STAFF] },
  rules: [{ id: "billing-to-liaison", when: { categories: ["billing"] }, route: { team: "billing", strategy: "named", person: LIAISON } }],
  default: { team: "patient-relations", strategy: "round_robin" },
};

const owners = new Set([COORDINATOR, OTHER_COORDINATOR]);
const mayOwn = (userId: string) => owners.has(userId);

describe("ownersNamedIn", () => {
  it("lists every team member and named person, where the rules name them, and no risk-management contact", () => {
    expect(ownersNamedIn(RULES)).toEqual([
      { userId: COORDINATOR, path: "teams[0].members[0]" },
      { userId: STAFF, path: "teams[0].members[1]" },
      { userId: LIAISON, path: "rules[0].route.person" },
    ]);
    expect(ownersNamedIn({ ...RULES, default: { team: "billing", strategy: "named", person: STAFF } }).at(-1)).toEqual({ userId: STAFF, path: "default.person" });
  });
});

describe("ownerProblems", () => {
  it("names each place and person who may not own cases, and what to do", () => {
    expect(ownerProblems(RULES, mayOwn)).toEqual([
      `teams[0].members[1]: ${STAFF} is not a coordinator: grant the role first, or pick another owner`,
      `rules[0].route.person: ${LIAISON} is not a coordinator: grant the role first, or pick another owner`,
    ]);
  });

  it("finds nothing wrong when every owner may own cases", () => {
    expect(ownerProblems(RULES, () => true)).toEqual([]);
  });
});

describe("pickOwner skips whoever may not own cases", () => {
  it("named: leaves the case unassigned rather than give it to them", () => {
    expect(pickOwner({ strategy: "named", person: STAFF, candidates: [], openCounts: new Map(), cursor: 0, mayOwn })).toEqual({ ownerId: null, nextCursor: 0 });
    expect(pickOwner({ strategy: "named", person: COORDINATOR, candidates: [], openCounts: new Map(), cursor: 0, mayOwn }).ownerId).toBe(COORDINATOR);
  });

  it("round robin: takes turns among the others only", () => {
    const turns = [0, 1, 2, 3].map((cursor) => pickOwner({ strategy: "round_robin", candidates: [COORDINATOR, STAFF, OTHER_COORDINATOR], openCounts: new Map(), cursor, mayOwn }).ownerId);
    expect(turns).toEqual([COORDINATOR, OTHER_COORDINATOR, COORDINATOR, OTHER_COORDINATOR]);
  });

  it("fewest open: never picks them, however few cases they have", () => {
    const openCounts = new Map([[STAFF, 0], [COORDINATOR, 5], [OTHER_COORDINATOR, 3]]);
    expect(pickOwner({ strategy: "fewest_open", candidates: [STAFF, COORDINATOR, OTHER_COORDINATOR], openCounts, cursor: 0, mayOwn }).ownerId).toBe(OTHER_COORDINATOR);
  });

  it("leaves the case unassigned when nobody on the team may own it", () => {
    expect(pickOwner({ strategy: "round_robin", candidates: [STAFF], openCounts: new Map(), cursor: 4, mayOwn })).toEqual({ ownerId: null, nextCursor: 4 });
    expect(pickOwner({ strategy: "fewest_open", candidates: [STAFF], openCounts: new Map(), cursor: 0, mayOwn }).ownerId).toBeNull();
  });
});
