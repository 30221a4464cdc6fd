import { arrayField, enumField, integerField, isRecord, type Json, type Problems, say, stringField, WORDS } from "./report.ts";

// The rich_text block's structure (basics only: the app does not build rich text today).
// https://docs.slack.dev/reference/block-kit/blocks/rich-text-block

const SECTIONS = ["rich_text_section", "rich_text_list", "rich_text_quote", "rich_text_preformatted"] as const;

// Each inline element and the field it cannot do without.
const INLINE: Record<string, string | null> = {
  text: "text",
  link: "url",
  emoji: "name",
  user: "user_id",
  channel: "channel_id",
  usergroup: "usergroup_id",
  team: "team_id",
  broadcast: "range",
  date: "timestamp",
  color: "value",
};

function inline(value: unknown, pointer: string, out: Problems): void {
  if (!isRecord(value)) {
    say(out, "must provide an object", pointer);
    return;
  }
  const type = typeof value.type === "string" ? value.type : undefined;
  if (!type || !(type in INLINE)) {
    say(out, WORDS.unsupported(value.type), `${pointer}/type`);
    return;
  }
  const required = INLINE[type];
  if (required && value[required] === undefined) say(out, WORDS.missing(required), pointer);
  if (type === "text") stringField(value, "text", pointer, out);
  if (type === "broadcast") enumField(value, "range", pointer, out, ["here", "channel", "everyone"]);
  if (type === "date") integerField(value, "timestamp", pointer, out);
}

function section(value: unknown, pointer: string, out: Problems, allowed: readonly string[]): void {
  if (!isRecord(value)) {
    say(out, "must provide an object", pointer);
    return;
  }
  if (typeof value.type !== "string" || !allowed.includes(value.type)) {
    say(out, WORDS.unsupported(value.type), `${pointer}/type`);
    return;
  }
  const elements = arrayField(value, "elements", pointer, out, { required: true }) ?? [];
  if (value.type === "rich_text_list") {
    if (value.style === undefined) say(out, WORDS.missing("style"), pointer);
    enumField(value, "style", pointer, out, ["bullet", "ordered"]);
    integerField(value, "indent", pointer, out, { min: 0, max: 8 });
    integerField(value, "border", pointer, out, { min: 0, max: 1 });
    elements.forEach((item, index) => {
      section(item, `${pointer}/elements/${index}`, out, ["rich_text_section"]);
    });
    return;
  }
  elements.forEach((item, index) => {
    inline(item, `${pointer}/elements/${index}`, out);
  });
}

/** Checks a rich_text object's elements (a block, a table cell or a rich text input's value). */
export function richTextElements(value: Json, pointer: string, out: Problems): void {
  const elements = arrayField(value, "elements", pointer, out, { required: true }) ?? [];
  elements.forEach((element, index) => {
    section(element, `${pointer}/elements/${index}`, out, SECTIONS);
  });
}

/** The characters a rich_text object shows, for the tables' character caps. */
export function richTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + richTextLength(item), 0);
  if (!isRecord(value)) return 0;
  return (typeof value.text === "string" ? value.text.length : 0) + richTextLength(value.elements);
}
