import { harmSignalsIn, normalizeNarrative } from "./harm-signals.ts";

// Medicare rights. DOMAIN.md: a Medicare beneficiary with a quality-of-care or premature-discharge
// concern is told of the right to contact the QIO (Quality Improvement Organization). Routing
// opens the QIO referral task and the response letter carries the notice from this one rule.

/** Why the QIO notice is owed: a quality-of-care concern or a (premature) discharge concern. */
export type QioConcern = "quality_of_care" | "premature_discharge";

/** Category ids (taxonomy.ts) whose concerns are about the quality of care. */
export const QUALITY_OF_CARE_CATEGORIES: readonly string[] = ["quality", "safety", "abuse_neglect", "patient_harm"];
/** Category ids whose concerns are about a discharge, so possibly a premature one. */
export const PREMATURE_DISCHARGE_CATEGORIES: readonly string[] = ["discharge"];

/**
 * What the narrative may say whatever category was picked: a readmission or an early discharge is
 * a premature-discharge concern; an allegation of harm (harm-signals.ts) is about the quality of care.
 */
const PREMATURE_DISCHARGE_WORDS =
  /\b(?:readmitted|readmission|re-admitted|back in the (?:er|emergency)|came back (?:to the (?:er|emergency|hospital))|(?:sent|went|discharged) (?:\w+ )?home too (?:early|soon)|discharged (?:too (?:early|soon)|before (?:she|he|they) (?:was|were) ready)|not ready to (?:go home|be discharged)|premature(?:ly)? discharge(?:d)?|discharged prematurely|(?:le|la|lo|me) dieron de alta (?:muy )?(?:pronto|temprano|antes de tiempo)|alta (?:prematura|antes de tiempo)|reingres(?:o|ada|ado))\b/;

/** The facts of a case the QIO rule reads. */
export interface QioFacts {
  medicareBeneficiary: boolean;
  category: string;
  /** The narrative, read for a readmission, an early discharge or harm. */
  description?: string | undefined;
  allegesHarm?: boolean | undefined;
}

/** Which QIO notice a case calls for, or null when the patient need not be told of the QIO. */
export function qioConcern(facts: QioFacts): QioConcern | null {
  if (!facts.medicareBeneficiary || facts.category === "compliment") return null;
  if (QUALITY_OF_CARE_CATEGORIES.includes(facts.category)) return "quality_of_care";
  if (PREMATURE_DISCHARGE_CATEGORIES.includes(facts.category)) return "premature_discharge";
  const narrative = normalizeNarrative(facts.description ?? "");
  if (PREMATURE_DISCHARGE_WORDS.test(narrative)) return "premature_discharge";
  if (facts.allegesHarm || harmSignalsIn(narrative).length > 0) return "quality_of_care";
  return null;
}

/** Whether the patient must be told of the right to contact the QIO (referral task and letter notice). */
export function qioNoticeRequired(facts: QioFacts): boolean {
  return qioConcern(facts) !== null;
}
