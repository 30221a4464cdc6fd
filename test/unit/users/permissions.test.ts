import { describe, expect, it } from "vitest";
import {
  APPROVER_ROLES,
  type CaseAccess,
  type CaseAction,
  CASE_ACTIONS,
  canActOnCase,
  canAdminister,
  canListTeamCases,
  canLookUpCase,
  canOwnCases,
  canSeeApprovals,
  canSeeCaseStatus,
  canViewCase,
  hasRole,
  OWNER_ROLES,
  REFUSALS,
  worksEveryTeam,
} from "../../../src/users/permissions.ts";
import { ROLES, type Role } from "../../../src/users/roles.ts";

const ACTOR = "U0ACTOR01";
const SOMEONE_ELSE = "U0OTHER01";
const FILER = "U0NURSE01";

// The access situations that matter: whose case it is, whether the actor is on its team, who filed it.
const SITUATIONS = {
  owner: { ownerId: ACTOR, filedBy: FILER, actorOnTeam: false },
  ownerOnTeam: { ownerId: ACTOR, filedBy: FILER, actorOnTeam: true },
  teamMember: { ownerId: SOMEONE_ELSE, filedBy: FILER, actorOnTeam: true },
  outsider: { ownerId: SOMEONE_ELSE, filedBy: FILER, actorOnTeam: false },
  filer: { ownerId: SOMEONE_ELSE, filedBy: ACTOR, actorOnTeam: false },
  unassignedOnTeam: { ownerId: null, filedBy: FILER, actorOnTeam: true },
  unassignedOutsider: { ownerId: null, filedBy: FILER, actorOnTeam: false },
} as const satisfies Record<string, CaseAccess>;
type Situation = keyof typeof SITUATIONS;

const coordinatorsUp: readonly Role[] = ["coordinator", "manager", "admin"];
const managersUp: readonly Role[] = ["manager", "admin"];

// Who is allowed, written out per action and situation (not derived from the code under test).
// Every action needs permission to view the case first: its team (or its owner) and the managers.
const viewers: Record<Situation, readonly Role[]> = {
  // Owning a case opens it only for the team: a staff "owner" (never assigned now) gets nothing.
  owner: coordinatorsUp,
  ownerOnTeam: coordinatorsUp,
  teamMember: coordinatorsUp,
  outsider: managersUp,
  // The filer follows the status (canSeeCaseStatus), never the record: not even a coordinator of another team who filed it.
  filer: managersUp,
  unassignedOnTeam: coordinatorsUp,
  unassignedOutsider: managersUp,
};
const ownerOrManager: Record<Situation, readonly Role[]> = {
  owner: coordinatorsUp,
  ownerOnTeam: coordinatorsUp,
  teamMember: managersUp,
  outsider: managersUp,
  filer: managersUp,
  unassignedOnTeam: managersUp,
  unassignedOutsider: managersUp,
};
const EXPECTED: Record<CaseAction, Record<Situation, readonly Role[]>> = {
  view_details: viewers,
  assign_self: viewers,
  add_note: viewers,
  record_resource: viewers,
  escalate: viewers,
  override_classification: viewers,
  draft_letter: viewers,
  approve_letter: {
    owner: managersUp,
    ownerOnTeam: managersUp,
    teamMember: managersUp,
    outsider: managersUp,
    filer: managersUp,
    unassignedOnTeam: managersUp,
    unassignedOutsider: managersUp,
  },
  reassign: ownerOrManager,
  change_status: ownerOrManager,
  close: ownerOrManager,
  reopen: ownerOrManager,
};

const cases = CASE_ACTIONS.flatMap((action) =>
  (Object.keys(SITUATIONS) as Situation[]).flatMap((situation) =>
    ROLES.map((role) => ({ action, situation, role, allowed: EXPECTED[action][situation].includes(role) })),
  ),
);

describe("canActOnCase", () => {
  it("has an expectation for every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...CASE_ACTIONS].sort());
    expect(cases).toHaveLength(CASE_ACTIONS.length * 7 * 4);
  });

  it.each(cases)("$action by $role ($situation) → allowed: $allowed", ({ action, situation, role, allowed }) => {
    const decision = canActOnCase(action, { userId: ACTOR, role }, SITUATIONS[situation]);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) {
      expect(decision.reason.trim().length).toBeGreaterThan(0);
      expect(decision.reason).not.toContain("<@");
      expect(decision.reason).not.toContain("<!");
    } else {
      expect(decision).toEqual({ allowed: true });
    }
  });

  it("shows the filer nothing of the record, and says where they can follow the case; staff who merely share the team are refused too", () => {
    expect(canActOnCase("view_details", { userId: ACTOR, role: "staff" }, SITUATIONS.filer)).toEqual({ allowed: false, reason: REFUSALS.filer });
    expect(canActOnCase("view_details", { userId: ACTOR, role: "staff" }, SITUATIONS.teamMember)).toEqual({ allowed: false, reason: REFUSALS.notTeam });
  });

  it("keeps a coordinator of another team out of the case, whatever the action", () => {
    for (const action of CASE_ACTIONS) {
      expect(canActOnCase(action, { userId: ACTOR, role: "coordinator" }, SITUATIONS.unassignedOutsider)).toEqual({ allowed: false, reason: REFUSALS.otherTeam });
    }
  });

  it("tells a coordinator to assign an unowned case first, and names the owner rule otherwise", () => {
    expect(canActOnCase("change_status", { userId: ACTOR, role: "coordinator" }, SITUATIONS.unassignedOnTeam)).toEqual({
      allowed: false,
      reason: "Assign the case first, or ask a manager.",
    });
    expect(canActOnCase("close", { userId: ACTOR, role: "coordinator" }, SITUATIONS.teamMember)).toEqual({
      allowed: false,
      reason: "Only the case owner or a manager can do that.",
    });
  });

  it("keeps coordinator work away from staff, the filer included", () => {
    expect(canActOnCase("escalate", { userId: ACTOR, role: "staff" }, SITUATIONS.filer)).toEqual({ allowed: false, reason: REFUSALS.filer });
    expect(canActOnCase("add_note", { userId: ACTOR, role: "staff" }, SITUATIONS.unassignedOnTeam)).toEqual({ allowed: false, reason: REFUSALS.notTeam });
  });

  it("judges ownership by user id, not by role", () => {
    const notTheOwner = canActOnCase("reassign", { userId: "U0ACTOR02", role: "coordinator" }, SITUATIONS.owner);
    expect(notTheOwner.allowed).toBe(false);
  });
});

describe("hasRole", () => {
  const rank: Record<Role, number> = { staff: 0, coordinator: 1, manager: 2, admin: 3 };
  it.each(ROLES.flatMap((role) => ROLES.map((minimum) => [role, minimum] as const)))("%s has at least %s?", (role, minimum) => {
    expect(hasRole(role, minimum)).toBe(rank[role] >= rank[minimum]);
  });

  it("ranks admin above manager above coordinator above staff", () => {
    expect(hasRole("admin", "manager")).toBe(true);
    expect(hasRole("manager", "admin")).toBe(false);
    expect(hasRole("coordinator", "manager")).toBe(false);
    expect(hasRole("staff", "coordinator")).toBe(false);
    expect(hasRole("staff", "staff")).toBe(true);
  });
});

describe("canAdminister", () => {
  it("allows admins only", () => {
    expect(canAdminister({ userId: ACTOR, role: "admin" })).toEqual({ allowed: true });
  });

  it.each(["staff", "coordinator", "manager"] as const)("refuses a %s with a plain reason", (role) => {
    expect(canAdminister({ userId: ACTOR, role })).toEqual({
      allowed: false,
      reason: "Only admins can change roles, routing rules and settings.",
    });
  });
});

// Role-only decisions, written out per role (not derived from the code under test).
describe.each([
  ["canOwnCases", canOwnCases, coordinatorsUp],
  ["canListTeamCases", canListTeamCases, coordinatorsUp],
  ["canSeeApprovals", canSeeApprovals, managersUp],
  ["worksEveryTeam", worksEveryTeam, managersUp],
] as const)("%s", (_name, decide, allowed) => {
  it.each(ROLES)("%s", (role) => {
    expect(decide(role)).toBe(allowed.includes(role));
  });
});

describe("APPROVER_ROLES", () => {
  it("are managers and admins", () => {
    expect([...APPROVER_ROLES].sort()).toEqual(["admin", "manager"]);
  });

  it("are exactly the roles that may approve letters", () => {
    const approvers = ROLES.filter((role) => canActOnCase("approve_letter", { userId: ACTOR, role }, SITUATIONS.ownerOnTeam).allowed);
    expect([...APPROVER_ROLES].sort()).toEqual([...approvers].sort());
  });
});

describe("canViewCase", () => {
  it.each((Object.keys(SITUATIONS) as Situation[]).flatMap((situation) => ROLES.map((role) => ({ situation, role }))))(
    "$role ($situation)",
    ({ situation, role }) => {
      expect(canViewCase({ userId: ACTOR, role }, SITUATIONS[situation]).allowed).toBe(viewers[situation].includes(role));
    },
  );
});

describe("canSeeCaseStatus and canLookUpCase", () => {
  it.each(ROLES)("a %s may follow the status of a case they filed, whichever team it went to", (role) => {
    expect(canSeeCaseStatus({ userId: ACTOR, role }, SITUATIONS.filer)).toBe(true);
    expect(canLookUpCase({ userId: ACTOR, role }, SITUATIONS.filer)).toBe(true);
  });

  it.each(ROLES)("a %s looking up someone else's case: only those who may view it", (role) => {
    expect(canLookUpCase({ userId: ACTOR, role }, SITUATIONS.teamMember)).toBe(coordinatorsUp.includes(role));
    expect(canLookUpCase({ userId: ACTOR, role }, SITUATIONS.unassignedOutsider)).toBe(managersUp.includes(role));
  });
});

describe("OWNER_ROLES", () => {
  it("are the roles that may own cases: coordinators and above", () => {
    expect([...OWNER_ROLES].sort()).toEqual(["admin", "coordinator", "manager"]);
    expect(ROLES.filter(canOwnCases)).toEqual([...OWNER_ROLES]);
  });
});
