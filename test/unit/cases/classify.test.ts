import { describe, expect, it } from "vitest";
import { CLASSIFICATION_RULES, type ClassificationFacts, classifyConcern, harmQuestionNeeded, overrideClassification, ruleReason } from "../../../src/cases/classify.ts";
import { AppError } from "../../../src/lib/errors.ts";

// A verbal concern with nothing that makes it a grievance except being unresolved.
const base: ClassificationFacts = {
  receivedVia: "in_person",
  category: "communication",
  allegesHarm: false,
  writtenResponseRequested: false,
  medicareBeneficiary: false,
  resolvedOnSpot: true,
};

describe("classifyConcern: CMS 42 CFR 482.13(a)(2) rules", () => {
  it.each([
    ["abuse, neglect or harm is always a grievance, even resolved on the spot", { allegesHarm: true }, "grievance", "abuse_neglect_harm"],
    ["a letter or fax is written, so a grievance", { receivedVia: "letter_fax" }, "grievance", "written_complaint"],
    ["an email counts as written", { receivedVia: "email" }, "grievance", "written_complaint"],
    ["a portal message counts as written", { receivedVia: "portal" }, "grievance", "written_complaint"],
    ["asking for a written response makes it a grievance", { writtenResponseRequested: true }, "grievance", "written_response_requested"],
    ["a Medicare beneficiary's billing-rights complaint (42 CFR 489) is a grievance", { category: "billing_rights", medicareBeneficiary: true }, "grievance", "medicare_billing_rights"],
    ["a Medicare beneficiary's routine billing question is a complaint", { category: "billing", medicareBeneficiary: true, resolvedOnSpot: false }, "complaint", "billing_question"],
    ["a written price or billing question is not a grievance", { category: "billing", receivedVia: "letter_fax" }, "complaint", "billing_question"],
    ["a billing-rights complaint from someone not on Medicare is a billing question", { category: "billing_rights", resolvedOnSpot: false }, "complaint", "billing_question"],
    ["a routine request is not a grievance, even unresolved", { category: "routine_request", resolvedOnSpot: false }, "complaint", "routine_request"],
    ["an ordinary billing question is not a grievance", { category: "billing", resolvedOnSpot: false }, "complaint", "billing_question"],
    ["a survey comment without a request is not a grievance", { receivedVia: "survey", resolvedOnSpot: false }, "complaint", "survey_comment"],
    ["a verbal complaint resolved by staff present is a complaint", {}, "complaint", "resolved_at_point_of_service"],
    ["a verbal complaint not resolved at the time is a grievance", { resolvedOnSpot: false }, "grievance", "verbal_unresolved"],
    ["a phone complaint referred elsewhere is a grievance", { receivedVia: "phone", resolvedOnSpot: false }, "grievance", "verbal_unresolved"],
  ] as const)("%s", (_title, facts, type, rule) => {
    const result = classifyConcern({ ...base, ...facts });
    expect(result).toEqual({ type, rule, overridden: false });
  });

  it("a written complaint stays a grievance even when resolved on the spot", () => {
    expect(classifyConcern({ ...base, receivedVia: "email", resolvedOnSpot: true }).type).toBe("grievance");
  });

  it("a survey comment that asks for a written reply is a grievance", () => {
    expect(classifyConcern({ ...base, receivedVia: "survey", writtenResponseRequested: true }).rule).toBe("written_response_requested");
  });

  // A-0118: a complaint about a patient right or CoP compliance is a grievance even when fixed at once.
  it.each(["visitation", "language_access", "discrimination", "restraint_seclusion", "privacy", "consent", "advance_directives", "dignity"] as const)(
    "a %s concern resolved on the spot is still a grievance (patient rights)",
    (category) => {
      expect(classifyConcern({ ...base, category, resolvedOnSpot: true })).toEqual({ type: "grievance", rule: "patient_rights", overridden: false });
    },
  );

  it("the patient-rights rule has its own reason for the card", () => {
    expect(ruleReason("patient_rights")).toMatch(/patient right/);
  });

  // A-0118: abuse, neglect or harm is decided by what the filer chose and wrote, not only the box.
  it.each(["abuse_neglect", "patient_harm"] as const)("a %s category is a grievance without the box ticked, even resolved on the spot", (category) => {
    expect(classifyConcern({ ...base, category })).toEqual({ type: "grievance", rule: "abuse_neglect_harm", overridden: false });
  });

  it("a narrative with a harm signal and no answer to the question is a grievance with its own reason", () => {
    const result = classifyConcern({ ...base, description: "She was left in a soiled bed for hours." });
    expect(result).toEqual({ type: "grievance", rule: "harm_signals_unconfirmed", overridden: false });
    expect(ruleReason(result.rule)).toMatch(/possible injury or mistreatment/);
  });

  it("signals in what the patient wants count too", () => {
    expect(classifyConcern({ ...base, desiredOutcome: "Que expliquen por qué le dieron una dosis equivocada." }).rule).toBe("harm_signals_unconfirmed");
  });

  it("the filer answering no harm is alleged lets the other rules decide", () => {
    expect(classifyConcern({ ...base, description: "Dad fell asleep... then he fell in the shower.", harmAnswer: "no" })).toEqual({
      type: "complaint",
      rule: "resolved_at_point_of_service",
      overridden: false,
    });
  });

  it("the filer answering yes makes it an abuse, neglect or harm grievance", () => {
    expect(classifyConcern({ ...base, description: "He fell in the shower.", harmAnswer: "yes" }).rule).toBe("abuse_neglect_harm");
  });

  it("a narrative without signals is untouched", () => {
    expect(classifyConcern({ ...base, description: "The food was cold." }).rule).toBe("resolved_at_point_of_service");
  });

  it("the form asks the harm question only when there are signals and nothing was said about harm", () => {
    const signalled = { ...base, description: "The aide grabbed her by the arm." };
    expect(harmQuestionNeeded(signalled)).toBe(true);
    expect(harmQuestionNeeded({ ...signalled, allegesHarm: true })).toBe(false);
    expect(harmQuestionNeeded({ ...signalled, harmAnswer: "no" })).toBe(false);
    expect(harmQuestionNeeded({ ...signalled, category: "abuse_neglect" })).toBe(false);
    expect(harmQuestionNeeded({ ...base, description: "The food was cold." })).toBe(false);
  });

  // A-0118: accepted by the patient but still needing follow-up is not "resolved at the time".
  it.each([
    ["a possible double dose sent for pharmacy review", { category: "safety" }],
    ["a promised call-back from the unit manager", { category: "communication" }],
    ["a referral to another department, even filed as a routine request", { category: "routine_request" }],
    ["a survey comment saying 'please call me'", { receivedVia: "survey" }],
  ] as const)("resolved on the spot but still needing follow-up (%s) is a grievance", (_title, facts) => {
    expect(classifyConcern({ ...base, ...facts, resolvedOnSpot: true, needsFollowUp: true })).toEqual({ type: "grievance", rule: "needs_follow_up", overridden: false });
  });

  it("resolved on the spot with nothing more to do stays a complaint", () => {
    expect(classifyConcern({ ...base, needsFollowUp: false }).rule).toBe("resolved_at_point_of_service");
  });

  // A thank-you is neither a complaint nor a grievance, even in writing or mentioning a fall.
  it.each([
    ["a thank-you card", { receivedVia: "letter_fax" }],
    ["a thank-you mentioning a fall", { description: "Thank you for helping after she fell in the car park." }],
    ["a Medicare beneficiary's compliment", { medicareBeneficiary: true, resolvedOnSpot: false }],
  ] as const)("%s is a compliment", (_title, facts) => {
    expect(classifyConcern({ ...base, category: "compliment", ...facts })).toEqual({ type: "compliment", rule: "compliment", overridden: false });
    expect(harmQuestionNeeded({ ...base, category: "compliment", ...facts })).toBe(false);
  });

  it("a compliment that also alleges harm or asks for follow-up is classified by those rules", () => {
    expect(classifyConcern({ ...base, category: "compliment", allegesHarm: true }).rule).toBe("abuse_neglect_harm");
    expect(classifyConcern({ ...base, category: "compliment", needsFollowUp: true }).rule).toBe("needs_follow_up");
  });

  it("every rule explains itself in one sentence", () => {
    for (const rule of Object.keys(CLASSIFICATION_RULES)) expect(ruleReason(rule)).toMatch(/\.$/);
  });
});

describe("overrideClassification", () => {
  it("records the coordinator's type and reason", () => {
    expect(overrideClassification("complaint", "  Resolved by charge nurse during the call. ")).toEqual({
      type: "complaint",
      rule: "coordinator_override",
      overridden: true,
      overrideReason: "Resolved by charge nurse during the call.",
    });
  });

  it("refuses an override without a reason", () => {
    expect(() => overrideClassification("grievance", "  ")).toThrow(AppError);
  });
});
