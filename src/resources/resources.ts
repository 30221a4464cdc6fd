import { type CaseFacts, normalized, prefersOtherLanguage } from "../guidance/case-facts.ts";
import { raisesTopic } from "../guidance/guidance.ts";
import { instantOf, localDateKey } from "../lib/zoned-time.ts";

// Which community resources fit a case: the case's needs, read from its category, its own words
// and the languages on it, matched to what each resource helps with. Pure rules.

export const RESOURCE_TAGS = [
  "transport",
  "food",
  "housing",
  "financial_assistance",
  "medication_costs",
  "caregiver_support",
  "legal_aid",
  "language_services",
  "insurance_enrollment",
  "mental_health",
] as const;
export type ResourceTag = (typeof RESOURCE_TAGS)[number];

export const RESOURCE_TAG_LABELS: Record<ResourceTag, string> = {
  transport: "Transport",
  food: "Food",
  housing: "Housing",
  financial_assistance: "Financial assistance",
  medication_costs: "Medication costs",
  caregiver_support: "Caregiver support",
  legal_aid: "Legal aid",
  language_services: "Language services",
  insurance_enrollment: "Insurance enrollment",
  mental_health: "Mental health and grief support",
};

const COST = "(?:afford|pay for|paying for|cost|costs|price|expensive|copays?)";
const MEDICINE = "(?:medications?|medicines?|prescriptions?|insulin|pills|inhalers?)";

const NEED_WORDS: Record<ResourceTag, RegExp> = {
  transport: /\b(?:ride|rides|transport\w*|bus|taxi|cab|no car|can't drive|cannot drive|get (?:\w+ )?home|way home|get to (?:\w+ ){0,2}appointments?|wheelchair van)\b/,
  food: /\b(?:food|hungry|meals?|groceries|food stamps|snap benefits|wic|comida)\b/,
  housing: /\b(?:homeless\w*|housing|shelter|evict\w*|nowhere to (?:go|stay|live)|rent|vivienda)\b/,
  financial_assistance: /\b(?:can't afford|cannot afford|can not afford|no money|uninsured|no insurance|financial assistance|charity care|payment plan)\b/,
  medication_costs: new RegExp(`\\b(?:${COST}\\w* (?:\\w+ ){0,4}${MEDICINE}|${MEDICINE} (?:\\w+ ){0,4}${COST})\\b`),
  caregiver_support: /\b(?:caregiver|care giver|caring for|respite|home care|home health|nursing home|rehab facility|no one (?:to help|at home)|nobody (?:to help|at home)|lives alone|live alone|look after (?:him|her|them|me))\b/,
  legal_aid: /\b(?:legal aid|guardianship|power of attorney|immigration|landlord|evict\w*)\b/,
  language_services: /\b(?:interpreters?|translat\w+|language line|sign language|int[ée]rprete)\b/,
  insurance_enrollment: /\b(?:no insurance|uninsured|lost (?:\w+ )?insurance|enrol\w*|medicaid|medi-cal|marketplace|sign up for (?:\w+ )?(?:insurance|coverage))\b/,
  mental_health: /\b(?:depress\w*|anxiety|anxious|suicid\w*|mental health|counsel\w*|grief|grieving|bereave\w*)\b/,
};

/** The needs a case shows: by its category, its own words and the languages on it. */
export function caseNeeds(facts: CaseFacts): ResourceTag[] {
  const narrative = normalized(facts.narrative);
  const needs = new Set<ResourceTag>(RESOURCE_TAGS.filter((tag) => NEED_WORDS[tag].test(narrative)));
  if (raisesTopic(facts, "billing")) needs.add("financial_assistance");
  if (facts.category === "discharge") {
    // A discharge concern is so often about getting home and being cared for there.
    needs.add("transport");
    needs.add("caregiver_support");
  }
  if (facts.category === "language_access" || prefersOtherLanguage(facts)) needs.add("language_services");
  if (raisesTopic(facts, "medicaid")) needs.add("insurance_enrollment");
  return RESOURCE_TAGS.filter((tag) => needs.has(tag));
}

export interface CommunityResource {
  id: string;
  name: string;
  example: boolean;
  helpsWith: readonly ResourceTag[];
  eligibility?: string | undefined;
  languages: readonly string[];
  phone?: string | undefined;
  hours?: string | undefined;
  address?: string | undefined;
  website?: string | undefined;
}

export interface MatchedResource {
  resource: CommunityResource;
  /** The case's needs this resource helps with. */
  needs: ResourceTag[];
  /** It serves a language someone on the case prefers. */
  speaksLanguage: boolean;
}

/** At most this many suggestions on a case: enough to choose from, few enough to read. */
export const RESOURCE_SUGGESTIONS = 8;

/** The resources that help with the case's needs: most needs met first, then those serving its language, then the directory's order. */
export function matchResources(directory: readonly CommunityResource[], facts: CaseFacts, limit = RESOURCE_SUGGESTIONS): MatchedResource[] {
  if (facts.category === "compliment") return [];
  const needs = caseNeeds(facts);
  const languages = facts.languages.map((language) => normalized(language.trim()));
  return directory
    .map((resource, index) => ({
      index,
      resource,
      needs: needs.filter((need) => resource.helpsWith.includes(need)),
      speaksLanguage: resource.languages.some((language) => languages.includes(normalized(language.trim()))) && prefersOtherLanguage(facts),
    }))
    .filter((match) => match.needs.length > 0)
    .sort((a, b) => b.needs.length - a.needs.length || Number(b.speaksLanguage) - Number(a.speaksLanguage) || a.index - b.index)
    .slice(0, limit)
    .map(({ resource, needs: met, speaksLanguage }) => ({ resource, needs: met, speaksLanguage }));
}

/** A month's offers counted by kind (each offer counts once per tag of the resource) and by resource. */
export interface OfferReport {
  month: string;
  offers: number;
  cases: number;
  byTag: { tag: ResourceTag; count: number }[];
  byResource: { name: string; count: number }[];
}

export interface StoredOffer {
  caseId: string;
  resourceId: string;
  resourceName: string;
  tags: readonly string[];
}

/** Counts the offers of a month (pure). */
export function offerReport(month: string, offers: readonly StoredOffer[]): OfferReport {
  const byTag = new Map<ResourceTag, number>();
  const byResource = new Map<string, number>();
  for (const offer of offers) {
    for (const tag of offer.tags) if ((RESOURCE_TAGS as readonly string[]).includes(tag)) byTag.set(tag as ResourceTag, (byTag.get(tag as ResourceTag) ?? 0) + 1);
    byResource.set(offer.resourceName, (byResource.get(offer.resourceName) ?? 0) + 1);
  }
  return {
    month,
    offers: offers.length,
    cases: new Set(offers.map((offer) => offer.caseId)).size,
    byTag: RESOURCE_TAGS.filter((tag) => byTag.has(tag)).map((tag) => ({ tag, count: byTag.get(tag)! })).sort((a, b) => b.count - a.count),
    byResource: [...byResource].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}

/** A calendar month "YYYY-MM" in the hospital's time zone, as [from, to) instants; null when it is not a month. */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const index = Number(match[2]);
  const start = (y: number, m: number) => instantOf({ year: y, month: m, day: 1, hour: 0, minute: 0, second: 0 }, timeZone);
  return { from: start(year, index), to: index === 12 ? start(year + 1, 1) : start(year, index + 1) };
}

/** The month "YYYY-MM" an instant falls in, in the hospital's time zone. */
export function monthOf(instant: Date, timeZone: string): string {
  return localDateKey(instant, timeZone).slice(0, 7);
}
