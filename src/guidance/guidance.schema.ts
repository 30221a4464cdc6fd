import { z } from "zod";
import { SEVERITIES } from "../cases/taxonomy.ts";
import {
  blankAsEmptyList,
  blankAsMissing,
  choiceList,
  type DocumentResult,
  entryList,
  expecting,
  flag,
  label,
  parseSettingsDocument,
  reportDuplicateIds,
  slug,
  strict,
  versionOne,
} from "../lib/settings-document.ts";
import { CATEGORY_IDS, type GuidanceCard, PLACEHOLDER, TOPICS } from "./guidance.ts";

// The guidance file: short cards the team reads on a case, plus the hospital's own contacts the
// cards quote. Managers edit it without a release; every problem is reported with where it is.

export const GUIDANCE_LIMITS = { characters: 60_000, errors: 20, cards: 60, bodyLines: 8 } as const;

/** The hospital's contacts a card may quote as {name}; blank until the hospital fills them in. */
export const GUIDANCE_SETTINGS = [
  "qio_name",
  "qio_phone",
  "state_survey_agency_phone",
  "medicaid_office_phone",
  "medicaid_ombudsman_phone",
  "interpreter_line",
  "financial_counseling_phone",
  "patient_relations_phone",
] as const;

const CASE_TYPES = ["complaint", "grievance"];
const CONDITION_KEYS = ["medicare", "categories", "types", "severities", "harm", "topics", "keywords", "language", "discharge"] as const;

const severity = z.number({ error: expecting("a severity from 1 to 4") }).refine((level) => SEVERITIES.some((entry) => entry.level === level), {
  error: (issue) => `severity ${String(issue.input)} does not exist; use 1, 2, 3 or 4`,
});

const ConditionsSchema = strict(
  {
    medicare: flag.optional(),
    categories: choiceList(CATEGORY_IDS, "category", "[discharge, billing]").optional(),
    types: choiceList(CASE_TYPES, "case type", "[grievance]").optional(),
    severities: z.array(severity, { error: expecting("a list of severities, e.g. [3, 4]") }).min(1, "is an empty list; list at least one severity or remove it").optional(),
    harm: flag.optional(),
    topics: choiceList(TOPICS, "topic", "[discharge]").optional(),
    keywords: z
      .array(label("a word or phrase", 100), { error: expecting('a list of words or phrases, e.g. ["wheelchair", "ride home"]') })
      .min(1, "is an empty list; list at least one word or remove it")
      .optional(),
    language: z.literal("not_english", { error: () => 'must be not_english (someone on the case prefers a language other than English), or left out' }).optional(),
    discharge: z.literal("pending", { error: () => "must be pending (the discharge has not happened yet), or left out" }).optional(),
  },
  "a group of conditions",
).refine((when) => CONDITION_KEYS.some((key) => when[key] !== undefined), {
  when: (payload) => payload.issues.length === 0,
  message: `has no conditions, so the card would show on every case; add at least one of: ${CONDITION_KEYS.join(", ")}`,
});

const bodyLine = label("a short line of guidance", 300).superRefine((line, ctx) => {
  for (const [, name] of line.matchAll(PLACEHOLDER)) {
    if (!(GUIDANCE_SETTINGS as readonly string[]).includes(name!)) {
      ctx.addIssue({ code: "custom", message: `uses {${name}}, which is not a setting; the settings are: ${GUIDANCE_SETTINGS.join(", ")}` });
    }
  }
});

export const CardSchema = strict(
  {
    id: slug("the card's id"),
    title: label("the card's title, e.g. Medicare discharge rights", 70),
    urgent: z.preprocess(blankAsMissing, flag.default(false)),
    aliases: z.preprocess(blankAsEmptyList, z.array(label("a word someone may type after /case guide", 30), { error: expecting("a list of words, e.g. [qio, imm]") })),
    // One group of conditions, or a list of groups of which any may match.
    when: z.preprocess(
      (value) => (value === null || value === undefined || Array.isArray(value) ? value : [value]),
      z
        .array(ConditionsSchema, { error: expecting("the conditions under which the card applies (a group, or a list of groups)") })
        .min(1, "is an empty list; add at least one group of conditions"),
    ),
    body: z
      .array(bodyLine, { error: expecting("a list of short lines (bullet points)") })
      .min(1, "is an empty list; add at least one line")
      .max(GUIDANCE_LIMITS.bodyLines, `has more than ${GUIDANCE_LIMITS.bodyLines} lines; keep a card short and move detail to the sources`),
    sources: z
      .array(label("a citation, e.g. 42 CFR 405.1206", 200), { error: expecting("a list of citations") })
      .min(1, "is an empty list; cite at least one source so the guidance can be checked"),
  },
  "a card with id, title, when, body and sources",
);

const setting = (name: string) => z.preprocess(blankAsMissing, label(`the ${name.replace(/_/g, " ")}`, 120).optional());
const SettingsSchema = strict(
  Object.fromEntries(GUIDANCE_SETTINGS.map((name) => [name, setting(name)])) as unknown as Record<(typeof GUIDANCE_SETTINGS)[number], ReturnType<typeof setting>>,
  "a group of contact settings",
);

export const GuidanceSchema = strict(
  {
    version: versionOne("guidance"),
    settings: z.preprocess((value) => blankAsMissing(value) ?? {}, SettingsSchema),
    cards: entryList(CardSchema, { one: "card", many: "cards" }, GUIDANCE_LIMITS.cards),
  },
  "a guidance file with version, settings and cards",
).superRefine((document, ctx) => reportDuplicateIds(document.cards, "cards", "card", ctx), { when: () => true });

export type GuidanceDocument = z.infer<typeof GuidanceSchema>;

/** The cards as the matcher reads them. */
export function cardsOf(document: GuidanceDocument): GuidanceCard[] {
  return document.cards as GuidanceCard[];
}

/** Parses and checks the guidance file; never throws. */
export function parseGuidance(text: string): DocumentResult<GuidanceDocument> {
  return parseSettingsDocument(text, GuidanceSchema, { name: "the guidance file", starter: "guidance.yml", ...GUIDANCE_LIMITS });
}
