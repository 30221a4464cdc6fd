import { CATEGORIES } from "../cases/taxonomy.ts";
import { type CaseFacts, normalized, prefersOtherLanguage } from "./case-facts.ts";

// Which guidance cards fit a case: pure rules over the case's facts. A card's "when" is one group
// of conditions or a list of groups; the card fits when any group fits, and a group fits when every
// condition in it does. Urgent cards come first, then the file's order.

/** Topics a case may raise, read from its category and its narrative. */
export const TOPICS = ["discharge", "billing", "observation", "interpreter", "medicaid", "insurance"] as const;
export type Topic = (typeof TOPICS)[number];

const TOPIC_CATEGORIES: Record<Topic, readonly string[]> = {
  discharge: ["discharge"],
  billing: ["billing", "billing_rights"],
  observation: [],
  interpreter: ["language_access"],
  medicaid: [],
  insurance: ["billing_rights"],
};

const TOPIC_WORDS: Record<Topic, RegExp> = {
  discharge: /\b(?:discharg\w*|sent (?:\w+ )?home|send(?:ing)? (?:\w+ ){0,2}home|going home|go home|dar(?:le|la|lo)? de alta|dieron de alta|alta)\b/,
  billing: /\b(?:bill|bills|billed|billing|invoice|charged?|charges|statement|collections?|payment|pay|copays?|deductible|cost|costs|owe|debt|factura|cobr\w+)\b/,
  observation: /\b(?:observation|obs status|outpatient status|moon notice|moon)\b/,
  interpreter: /\b(?:interpreters?|translat\w+|language line|sign language|asl|int[ée]rprete|traductor)\b/,
  medicaid: /\b(?:medicaid|medi-cal|chip|masshealth|medical assistance)\b/,
  insurance: /\b(?:medicare|medicaid|insurance|insurer|coverage|covered|abn|advance beneficiary notice|denied|seguro)\b/,
};

/** A discharge still ahead: the patient is in hospital, or a discharge is planned or being pushed. */
const DISCHARGE_PENDING =
  /\b(?:being discharged|to be discharged|(?:want|wants|wanted|plan|plans|planning|going|trying|about|ready) to (?:discharge|send (?:\w+ ){0,2}home)|discharg(?:e|ing) (?:\w+ ){0,2}(?:today|tomorrow|tonight|this (?:morning|afternoon|evening))|discharge (?:is |was )?(?:planned|scheduled|set) for|(?:still|currently) (?:in the hospital|admitted|an inpatient|on the (?:ward|unit|floor))|not ready to (?:go home|be discharged|leave)|(?:le|la|lo) van a dar de alta|quieren dar(?:le|la|lo) de alta)\b/;

/** Whether the case raises `topic`, by category or in its own words. */
export function raisesTopic(facts: Pick<CaseFacts, "category" | "narrative">, topic: Topic): boolean {
  return TOPIC_CATEGORIES[topic].includes(facts.category) || TOPIC_WORDS[topic].test(normalized(facts.narrative));
}

/** A discharge concern raised before the discharge: time-critical for a Medicare patient (expedited QIO review, 42 CFR 405.1206). */
export function dischargeIsPending(facts: Pick<CaseFacts, "category" | "narrative" | "open">): boolean {
  return facts.open && raisesTopic(facts, "discharge") && DISCHARGE_PENDING.test(normalized(facts.narrative));
}

export interface GuidanceConditions {
  medicare?: boolean | undefined;
  categories?: readonly string[] | undefined;
  types?: readonly string[] | undefined;
  severities?: readonly number[] | undefined;
  harm?: boolean | undefined;
  topics?: readonly Topic[] | undefined;
  keywords?: readonly string[] | undefined;
  /** "not_english": someone on the case prefers another language. */
  language?: "not_english" | undefined;
  /** "pending": the concern is about a discharge that has not happened yet. */
  discharge?: "pending" | undefined;
}

export interface GuidanceCard {
  id: string;
  title: string;
  urgent: boolean;
  aliases: readonly string[];
  when: readonly GuidanceConditions[];
  body: readonly string[];
  sources: readonly string[];
}

function groupFits(when: GuidanceConditions, facts: CaseFacts): boolean {
  const narrative = normalized(facts.narrative);
  const checks: boolean[] = [];
  if (when.medicare !== undefined) checks.push(facts.medicareBeneficiary === when.medicare);
  if (when.categories) checks.push(when.categories.includes(facts.category));
  if (when.types) checks.push(when.types.includes(facts.type));
  if (when.severities) checks.push(when.severities.includes(facts.severity));
  if (when.harm !== undefined) checks.push(facts.allegesHarm === when.harm);
  if (when.topics) checks.push(when.topics.some((topic) => raisesTopic(facts, topic)));
  if (when.keywords) checks.push(when.keywords.some((keyword) => narrative.includes(normalized(keyword.trim()))));
  if (when.language === "not_english") checks.push(prefersOtherLanguage(facts));
  if (when.discharge === "pending") checks.push(dischargeIsPending(facts));
  return checks.length > 0 && checks.every(Boolean);
}

/** The cards that fit a case: urgent ones first, then in the file's order. A compliment gets none. */
export function matchGuidance(cards: readonly GuidanceCard[], facts: CaseFacts): GuidanceCard[] {
  if (facts.category === "compliment") return [];
  const fitting = cards.filter((card) => card.when.some((group) => groupFits(group, facts)));
  return [...fitting.filter((card) => card.urgent), ...fitting.filter((card) => !card.urgent)];
}

/** The card for a topic typed after /case guide: its id, one of its aliases, or a word of its title. */
export function findCard(cards: readonly GuidanceCard[], topic: string): GuidanceCard | undefined {
  const wanted = normalized(topic.trim());
  if (!wanted) return undefined;
  return (
    cards.find((card) => card.id === wanted) ??
    cards.find((card) => card.aliases.some((alias) => normalized(alias) === wanted)) ??
    cards.find((card) => normalized(card.title).includes(wanted))
  );
}

/** Placeholders a card body may use: {qio_phone} and the other settings of the guidance file. */
export const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** A card's lines with the file's settings filled in; a setting left blank says so instead of guessing a number. */
export function fillSettings(lines: readonly string[], settings: Readonly<Record<string, string | undefined>>): string[] {
  return lines.map((line) =>
    line.replace(PLACEHOLDER, (_whole, name: string) => settings[name] ?? `[${name.replace(/_/g, " ")}: not set yet, ask an admin to fill in ${name} in the guidance file]`),
  );
}

export const CATEGORY_IDS: readonly string[] = CATEGORIES.map((category) => category.id);
