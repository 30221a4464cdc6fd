import { AppError, ErrorCode } from "../lib/errors.ts";
import type { CategoryId, ReceivedVia } from "./taxonomy.ts";
import { harmSignalsIn } from "./harm-signals.ts";
import { HARM_CATEGORIES, PATIENT_RIGHTS_CATEGORIES, RECEIVED_VIA } from "./taxonomy.ts";

// Complaint vs grievance under the CMS Conditions of Participation, 42 CFR 482.13(a)(2) and
// State Operations Manual Appendix A (tags A-0118..A-0123). Rules are checked in order and the
// first that matches decides; the rule id is stored with the case so everyone can see why.

export type CaseType = "complaint" | "grievance" | "compliment";

/** The facts of a concern that classification looks at. */
export interface ClassificationFacts {
  receivedVia: ReceivedVia;
  category: CategoryId;
  allegesHarm: boolean;
  writtenResponseRequested: boolean;
  medicareBeneficiary: boolean;
  resolvedOnSpot: boolean;
  /** The narrative, read for signs of harm (harm-signals.ts). */
  description?: string | undefined;
  desiredOutcome?: string | undefined;
  /** The filer's answer to the harm question the form asks when the narrative has signals; absent when not answered. */
  harmAnswer?: "yes" | "no" | undefined;
  /** The filer's answer to "Does anything still need follow-up after today?" */
  needsFollowUp?: boolean | undefined;
}

export const CLASSIFICATION_RULES = {
  compliment: {
    type: "compliment",
    reason: "A compliment or thank-you: neither a complaint nor a grievance (no clock); passed to the unit and counted in trends.",
  },
  abuse_neglect_harm: {
    type: "grievance",
    reason: "Alleges abuse, neglect or patient harm: always a grievance.",
  },
  harm_signals_unconfirmed: {
    type: "grievance",
    reason: "The description mentions a possible injury or mistreatment and nobody said whether harm, abuse or neglect is alleged: treated as a grievance until a coordinator reviews it.",
  },
  written_complaint: {
    type: "grievance",
    reason: "Received in writing (letter, fax, email or portal): always a grievance.",
  },
  written_response_requested: {
    type: "grievance",
    reason: "The patient asked for a written response or formal handling: always a grievance.",
  },
  patient_rights: {
    type: "grievance",
    reason: "About a patient right under the Conditions of Participation (visitation, language access, discrimination, restraint, privacy, consent, advance directives or dignity): a grievance even when fixed at once.",
  },
  medicare_billing_rights: {
    type: "grievance",
    reason: "A Medicare beneficiary's complaint about billing rights under 42 CFR 489 (covered days, observation status without the MOON, an ABN): a grievance.",
  },
  needs_follow_up: {
    type: "grievance",
    reason: "Something still needs follow-up after today (a review, a call-back or a referral), so it was not resolved at the time: a grievance.",
  },
  routine_request: {
    type: "complaint",
    reason: "Routine request (bedding, food preference, housekeeping): not a grievance.",
  },
  billing_question: {
    type: "complaint",
    reason: "Billing or price question (not a Medicare billing-rights complaint): not a grievance, even in writing.",
  },
  survey_comment: {
    type: "complaint",
    reason: "Survey comment without a request for resolution: not a grievance.",
  },
  resolved_at_point_of_service: {
    type: "complaint",
    reason: "Verbal complaint resolved at the time by staff present: a complaint, resolved at point of service.",
  },
  verbal_unresolved: {
    type: "grievance",
    reason: "Verbal complaint not resolved at the time by staff present (postponed, referred or needs investigation): a grievance.",
  },
  coordinator_override: {
    type: null,
    reason: "Classified by a coordinator, overriding the rules.",
  },
} as const satisfies Record<string, { type: CaseType | null; reason: string }>;

export type ClassificationRuleId = keyof typeof CLASSIFICATION_RULES;

export interface Classification {
  type: CaseType;
  rule: ClassificationRuleId;
  overridden: boolean;
  overrideReason?: string;
}

const isWritten = (via: ReceivedVia) => RECEIVED_VIA.some((entry) => entry.id === via && entry.written);

/** Applies the CMS rules in order and returns the type with the rule that decided it. */
export function classifyConcern(facts: ClassificationFacts): Classification {
  const rule = decidingRule(facts);
  const type = CLASSIFICATION_RULES[rule].type as CaseType;
  return { type, rule, overridden: false };
}

function decidingRule(facts: ClassificationFacts): ClassificationRuleId {
  // First: a thank-you that mentions a fall ("thank you for helping after she fell") is still a thank-you.
  if (facts.category === "compliment" && !facts.allegesHarm && facts.harmAnswer !== "yes" && !facts.writtenResponseRequested && !facts.needsFollowUp) return "compliment";
  if (facts.allegesHarm || facts.harmAnswer === "yes" || HARM_CATEGORIES.includes(facts.category)) return "abuse_neglect_harm";
  if (facts.harmAnswer !== "no" && harmSignalsIn(facts.description, facts.desiredOutcome).length > 0) return "harm_signals_unconfirmed";
  if (facts.writtenResponseRequested) return "written_response_requested";
  if (PATIENT_RIGHTS_CATEGORIES.includes(facts.category)) return "patient_rights";
  if (facts.category === "billing_rights" && facts.medicareBeneficiary) return "medicare_billing_rights";
  // CMS: billing issues are not usually grievances, even in writing, so this comes before the written rule.
  if (facts.category === "billing" || facts.category === "billing_rights") return "billing_question";
  if (isWritten(facts.receivedVia)) return "written_complaint";
  // Before routine requests and survey comments: a referral or a promised call-back is not resolved at the time.
  if (facts.needsFollowUp) return "needs_follow_up";
  if (facts.category === "routine_request") return "routine_request";
  if (facts.receivedVia === "survey") return "survey_comment";
  if (facts.resolvedOnSpot) return "resolved_at_point_of_service";
  return "verbal_unresolved";
}

/** Whether the intake form should ask the harm question before filing: signals in the narrative, and nothing said about harm yet. */
export function harmQuestionNeeded(facts: ClassificationFacts): boolean {
  if (facts.allegesHarm || facts.harmAnswer !== undefined || HARM_CATEGORIES.includes(facts.category) || facts.category === "compliment") return false;
  return harmSignalsIn(facts.description, facts.desiredOutcome).length > 0;
}

/** A coordinator's override: the type they chose, recorded with their reason (required). */
export function overrideClassification(type: CaseType, reason: string): Classification {
  const trimmed = reason.trim();
  if (trimmed.length < 5) throw new AppError(ErrorCode.invalidInput, "Give a reason for the override (at least 5 characters).");
  return { type, rule: "coordinator_override", overridden: true, overrideReason: trimmed };
}

/** The sentence shown to users for a rule. */
export function ruleReason(rule: string): string {
  return rule in CLASSIFICATION_RULES ? CLASSIFICATION_RULES[rule as ClassificationRuleId].reason : rule;
}
