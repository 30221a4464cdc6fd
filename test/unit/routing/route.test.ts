import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/errors.ts";
import { matchRoute, pickOwner, type RoutingFacts, specialRoutes } from "../../../src/routing/route.ts";
import type { Conditions, Route, RuleSet } from "../../../src/routing/rule-set.schema.ts";

// A moderate verbal complaint that no test rule matches unless a test changes it.
const facts: RoutingFacts = {
  category: "communication",
  department: "Medical-Surgical",
  severity: 2,
  type: "complaint",
  medicareBeneficiary: false,
  allegesHarm: false,
  description: "Nobody explained the plan for the day.",
};

const DEFAULT_ROUTE: Route = { team: "patient-relations", strategy: "fewest_open" };
const TEAMS: RuleSet["teams"] = [
  { id: "patient-relations", name: "Patient Relations", members: [] },
  { id: "finance", name: "Finance", channel: "C0FIN0001", members: ["U0FIN0001"] },
];

/** A rule set whose single rule sends matching cases to finance in turn. */
const ruleSetWhen = (when: Conditions): RuleSet => ({
  version: 1,
  teams: TEAMS,
  riskManagement: { contacts: [] },
  rules: [{ id: "the-rule", when, route: { team: "finance", strategy: "round_robin" } }],
  default: DEFAULT_ROUTE,
});

const ruleIdFor = (when: Conditions, changes: Partial<RoutingFacts>) => matchRoute(ruleSetWhen(when), { ...facts, ...changes }).ruleId;

describe("matchRoute: conditions", () => {
  it.each([
    ["category", { categories: ["billing", "access"] }, { category: "access" }, { category: "quality" }],
    ["department, ignoring case and surrounding space", { departments: ["Billing Office"] }, { department: " billing office" }, { department: "Billing" }],
    ["severity", { severities: [3, 4] }, { severity: 3 }, { severity: 2 }],
    ["type", { types: ["grievance"] }, { type: "grievance" }, { type: "complaint" }],
    ["medicare: true", { medicare: true }, { medicareBeneficiary: true }, { medicareBeneficiary: false }],
    ["medicare: false", { medicare: false }, { medicareBeneficiary: false }, { medicareBeneficiary: true }],
    ["harm", { harm: true }, { allegesHarm: true }, { allegesHarm: false }],
    ["keyword, ignoring case", { keywords: ["fall", "medication"] }, { description: "Patient had a FALL overnight." }, { description: "Patient was upset." }],
  ] as [string, Conditions, Partial<RoutingFacts>, Partial<RoutingFacts>][])("%s", (_title, when, matching, notMatching) => {
    expect(ruleIdFor(when, matching)).toBe("the-rule");
    expect(ruleIdFor(when, notMatching)).toBe("default");
  });

  it("requires every condition given to hold", () => {
    const when: Conditions = { categories: ["billing"], severities: [3], medicare: true };
    expect(ruleIdFor(when, { category: "billing", severity: 3, medicareBeneficiary: true })).toBe("the-rule");
    expect(ruleIdFor(when, { category: "billing", severity: 3, medicareBeneficiary: false })).toBe("default");
    expect(ruleIdFor(when, { category: "billing", severity: 2, medicareBeneficiary: true })).toBe("default");
    expect(ruleIdFor(when, { category: "access", severity: 3, medicareBeneficiary: true })).toBe("default");
  });

  it.each([
    ["a multi-word keyword across a line break and extra spaces", ["call bell"], "She pressed the call   \n bell for an hour.", true],
    ["a multi-word keyword needs its words in order", ["call bell"], "The bell did not call anyone.", false],
    ["a keyword joined into one word is not the phrase", ["call bell"], "The callbell was broken.", false],
    ["no match inside a longer word", ["fall"], "Rainfall came through the ceiling; several falls were reported.", false],
    ["a keyword next to punctuation", ["fall"], "It was a fall.", true],
    ["accented keyword, any case", ["médicament"], "MÉDICAMENT oublié", true],
    ["accented text in decomposed form", ["médicament"], "me\u0301dicament oublié", true],
    ["a letter with an accent is part of the word", ["caf"], "Le café était froid.", false],
    ["non-Latin script", ["गिरना"], "मरीज़ का गिरना हुआ", true],
    ["a keyword with regex characters is literal", ["c-section (planned)"], "Her c-section (planned) was cancelled.", true],
    ["a dot in a keyword is not a wildcard", ["a.m."], "The visit at 9 am was missed.", false],
  ] as const)("keywords: %s", (_title, keywords, description, expected) => {
    expect(ruleIdFor({ keywords: [...keywords] }, { description })).toBe(expected ? "the-rule" : "default");
  });
});

describe("matchRoute: order and fallback", () => {
  const ruleSet: RuleSet = {
    version: 1,
    teams: TEAMS,
    riskManagement: { contacts: [] },
    rules: [
      { id: "critical", when: { severities: [4] }, route: { team: "patient-relations", strategy: "named", person: "U0LEAD001" } },
      { id: "billing", when: { categories: ["billing"] }, route: { team: "finance", strategy: "round_robin" } },
      { id: "billing-grievance", when: { categories: ["billing"], types: ["grievance"] }, route: { team: "finance", strategy: "fewest_open" } },
    ],
    default: DEFAULT_ROUTE,
  };

  it("the first matching rule wins, even when a later one is more specific", () => {
    expect(matchRoute(ruleSet, { ...facts, category: "billing", type: "grievance" })).toEqual({
      ruleId: "billing",
      route: { team: "finance", strategy: "round_robin" },
      team: { id: "finance", name: "Finance", channel: "C0FIN0001", members: ["U0FIN0001"] },
    });
    expect(matchRoute(ruleSet, { ...facts, category: "billing", severity: 4 }).ruleId).toBe("critical");
  });

  it("returns the route with its person and team", () => {
    expect(matchRoute(ruleSet, { ...facts, severity: 4 })).toEqual({
      ruleId: "critical",
      route: { team: "patient-relations", strategy: "named", person: "U0LEAD001" },
      team: { id: "patient-relations", name: "Patient Relations", members: [] },
    });
  });

  it("falls back to the default route when no rule matches", () => {
    expect(matchRoute(ruleSet, facts)).toEqual({
      ruleId: "default",
      route: DEFAULT_ROUTE,
      team: { id: "patient-relations", name: "Patient Relations", members: [] },
    });
  });

  it("uses the default route when there are no rules", () => {
    expect(matchRoute({ ...ruleSet, rules: [] }, { ...facts, severity: 4 }).ruleId).toBe("default");
  });

  it("refuses a rule set that names a missing team (one that skipped validation)", () => {
    expect(() => matchRoute({ ...ruleSet, default: { team: "gone", strategy: "fewest_open" } }, facts)).toThrow(AppError);
  });
});

describe("pickOwner", () => {
  const candidates = ["U0AAA0001", "U0BBB0002", "U0CCC0003"];
  const noCounts = new Map<string, number>();

  it("named gives the case to the person, leaving the cursor alone", () => {
    expect(pickOwner({ strategy: "named", person: "U0LEAD001", candidates, openCounts: noCounts, cursor: 5 })).toEqual({ ownerId: "U0LEAD001", nextCursor: 5 });
  });

  it("named without a person leaves the case unassigned", () => {
    expect(pickOwner({ strategy: "named", candidates, openCounts: noCounts, cursor: 0 })).toEqual({ ownerId: null, nextCursor: 0 });
  });

  it("round_robin takes candidates in turn and advances the cursor", () => {
    expect(pickOwner({ strategy: "round_robin", candidates, openCounts: noCounts, cursor: 0 })).toEqual({ ownerId: "U0AAA0001", nextCursor: 1 });
    expect(pickOwner({ strategy: "round_robin", candidates, openCounts: noCounts, cursor: 1 })).toEqual({ ownerId: "U0BBB0002", nextCursor: 2 });
    expect(pickOwner({ strategy: "round_robin", candidates, openCounts: noCounts, cursor: 2 })).toEqual({ ownerId: "U0CCC0003", nextCursor: 3 });
  });

  it("round_robin wraps around past the last candidate", () => {
    expect(pickOwner({ strategy: "round_robin", candidates, openCounts: noCounts, cursor: 3 })).toEqual({ ownerId: "U0AAA0001", nextCursor: 4 });
    expect(pickOwner({ strategy: "round_robin", candidates, openCounts: noCounts, cursor: 7 })).toEqual({ ownerId: "U0BBB0002", nextCursor: 8 });
  });

  it("round_robin keeps working when the team shrank below the cursor", () => {
    expect(pickOwner({ strategy: "round_robin", candidates: ["U0AAA0001"], openCounts: noCounts, cursor: 2 })).toEqual({ ownerId: "U0AAA0001", nextCursor: 3 });
  });

  it("fewest_open picks the candidate with the fewest open cases; no entry counts as none", () => {
    const openCounts = new Map([
      ["U0AAA0001", 4],
      ["U0BBB0002", 1],
      ["U0CCC0003", 2],
    ]);
    expect(pickOwner({ strategy: "fewest_open", candidates, openCounts, cursor: 9 })).toEqual({ ownerId: "U0BBB0002", nextCursor: 9 });
    expect(pickOwner({ strategy: "fewest_open", candidates, openCounts: new Map([["U0AAA0001", 1], ["U0BBB0002", 3]]), cursor: 0 })).toEqual({
      ownerId: "U0CCC0003",
      nextCursor: 0,
    });
  });

  it("fewest_open breaks ties by candidate order", () => {
    const openCounts = new Map([
      ["U0AAA0001", 3],
      ["U0BBB0002", 1],
      ["U0CCC0003", 1],
    ]);
    expect(pickOwner({ strategy: "fewest_open", candidates, openCounts, cursor: 0 }).ownerId).toBe("U0BBB0002");
    expect(pickOwner({ strategy: "fewest_open", candidates: [...candidates].reverse(), openCounts, cursor: 0 }).ownerId).toBe("U0CCC0003");
    expect(pickOwner({ strategy: "fewest_open", candidates, openCounts: noCounts, cursor: 0 }).ownerId).toBe("U0AAA0001");
  });

  it.each(["round_robin", "fewest_open"] as const)("%s with no candidates leaves the case unassigned and the cursor unchanged", (strategy) => {
    expect(pickOwner({ strategy, candidates: [], openCounts: noCounts, cursor: 4 })).toEqual({ ownerId: null, nextCursor: 4 });
  });
});

describe("specialRoutes", () => {
  it("an ordinary concern needs nothing special", () => {
    expect(specialRoutes(facts)).toEqual({ alertApprovers: false, qioReferral: false, reasons: [] });
  });

  it("abuse, neglect or harm alerts the approvers", () => {
    expect(specialRoutes({ ...facts, allegesHarm: true })).toEqual({
      alertApprovers: true,
      qioReferral: false,
      reasons: ["Alleges abuse, neglect or patient harm"],
    });
  });

  it("a critical case alerts the approvers; major does not", () => {
    expect(specialRoutes({ ...facts, severity: 4 })).toEqual({ alertApprovers: true, qioReferral: false, reasons: ["Critical severity (4)"] });
    expect(specialRoutes({ ...facts, severity: 3 }).alertApprovers).toBe(false);
  });

  it("gives both reasons when both apply", () => {
    expect(specialRoutes({ ...facts, allegesHarm: true, severity: 4 }).reasons).toEqual(["Alleges abuse, neglect or patient harm", "Critical severity (4)"]);
  });

  it.each(["quality", "safety"])("a Medicare beneficiary's %s concern is quality of care: QIO referral notice", (category) => {
    expect(specialRoutes({ ...facts, category, medicareBeneficiary: true })).toEqual({
      alertApprovers: false,
      qioReferral: true,
      reasons: ["Medicare beneficiary with a quality-of-care concern: tell the patient about the right to contact the QIO"],
    });
  });

  it("a Medicare beneficiary's discharge concern is possible premature discharge: QIO referral notice", () => {
    expect(specialRoutes({ ...facts, category: "discharge", medicareBeneficiary: true })).toEqual({
      alertApprovers: false,
      qioReferral: true,
      reasons: ["Medicare beneficiary with a discharge concern: tell the patient about the right to contact the QIO about a premature discharge"],
    });
  });

  it("a discharge or quality concern from someone not on Medicare gets no QIO task", () => {
    expect(specialRoutes({ ...facts, category: "discharge" })).toEqual({ alertApprovers: false, qioReferral: false, reasons: [] });
    expect(specialRoutes({ ...facts, category: "quality" }).qioReferral).toBe(false);
  });

  it("a Medicare beneficiary's billing concern gets no QIO task", () => {
    expect(specialRoutes({ ...facts, category: "billing", medicareBeneficiary: true }).qioReferral).toBe(false);
  });

  it("harm and a Medicare quality concern give both the alert and the QIO task", () => {
    expect(specialRoutes({ ...facts, category: "safety", medicareBeneficiary: true, allegesHarm: true })).toEqual({
      alertApprovers: true,
      qioReferral: true,
      reasons: [
        "Alleges abuse, neglect or patient harm",
        "Medicare beneficiary with a quality-of-care concern: tell the patient about the right to contact the QIO",
      ],
    });
  });

  it("reasons never repeat the patient's description", () => {
    const reasons = specialRoutes({ ...facts, allegesHarm: true, severity: 4, category: "quality", medicareBeneficiary: true, description: "Jane Doe fell" }).reasons;
    expect(reasons.join(" ")).not.toContain("Jane");
  });
});
