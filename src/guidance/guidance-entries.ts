import type { EntryKind } from "../lib/settings-entries.ts";
import { CardSchema, type GuidanceDocument, parseGuidance } from "./guidance.schema.ts";

/** A guidance card as one entry of the guidance file, edited on its own from Slack. */
export const GUIDANCE_ENTRIES: EntryKind<GuidanceDocument> = {
  noun: "card",
  document: "the guidance file",
  schema: CardSchema,
  labelKey: "title",
  defaults: { urgent: false, aliases: [] },
  oneOrList: ["when"],
  entries: (document) => document.cards,
  withEntries: (document, cards) => ({ ...document, cards }),
  parse: parseGuidance,
};
