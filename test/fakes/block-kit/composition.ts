import { LIMITS } from "./limits.ts";
import { allowOnly, arrayField, enumField, isRecord, type Json, type Problems, say, stringField, WORDS } from "./report.ts";

// Composition objects: text, option, option group, confirmation dialog.

interface TextRule {
  /** Only `plain_text` is allowed here (button text, header, labels, titles, select options). */
  plain?: boolean;
  max: number;
}

/**
 * A text object. https://docs.slack.dev/reference/block-kit/composition-objects/text-object:
 * type plain_text or mrkdwn; text "minimum length is 1 and maximum length is 3000"; emoji only on
 * plain_text, verbatim only on mrkdwn. Like Slack, a failure also names the object itself.
 */
export function textObject(value: unknown, pointer: string, out: Problems, rule: TextRule): void {
  const inner: Problems = [];
  if (!isRecord(value)) say(inner, "must provide an object", pointer);
  else {
    const types = rule.plain ? ["plain_text"] : ["plain_text", "mrkdwn"];
    if (typeof value.type !== "string" || !types.includes(value.type)) say(inner, WORDS.unsupported(value.type), `${pointer}/type`);
    else allowOnly(value, value.type === "plain_text" ? ["type", "text", "emoji"] : ["type", "text", "verbatim"], pointer, inner);
    stringField(value, "text", pointer, inner, { required: true, min: LIMITS.text.min, max: Math.min(rule.max, LIMITS.text.max) });
    for (const flag of ["emoji", "verbatim"]) {
      if (value[flag] !== undefined && typeof value[flag] !== "boolean") say(inner, "must provide a boolean", `${pointer}/${flag}`);
    }
  }
  if (inner.length > 0) out.push(`${WORDS.schemas} [json-pointer:${pointer}]`, ...inner);
}

/** A text object field of `parent`, when present (or missing and required). */
export function textField(parent: Json, key: string, pointer: string, out: Problems, rule: TextRule & { required?: boolean }): void {
  if (parent[key] === undefined) {
    if (rule.required) say(out, WORDS.missing(key), pointer);
    return;
  }
  textObject(parent[key], `${pointer}/${key}`, out, rule);
}

export interface OptionRule {
  /** Radio buttons and checkboxes may use mrkdwn; overflow and select menus only plain_text. */
  mrkdwn?: boolean;
  /** `url` is "only available in overflow menus". */
  url?: boolean;
}

/** https://docs.slack.dev/reference/block-kit/composition-objects/option-object: text 75, value 150, description 75, url 3000. */
export function optionObject(value: unknown, pointer: string, out: Problems, rule: OptionRule): void {
  if (!isRecord(value)) {
    say(out, "must provide an object", pointer);
    return;
  }
  allowOnly(value, rule.url ? ["text", "value", "description", "url"] : ["text", "value", "description"], pointer, out);
  textField(value, "text", pointer, out, { required: true, plain: !rule.mrkdwn, max: LIMITS.option.text });
  stringField(value, "value", pointer, out, { required: true, max: LIMITS.option.value });
  textField(value, "description", pointer, out, { plain: !rule.mrkdwn, max: LIMITS.option.description });
  if (rule.url) stringField(value, "url", pointer, out, { max: LIMITS.option.url });
}

/** An array of options under `key`, each checked. */
export function optionsField(parent: Json, key: string, pointer: string, out: Problems, rule: OptionRule & { required?: boolean; min?: number; max: number }): unknown[] {
  const options = arrayField(parent, key, pointer, out, rule) ?? [];
  options.forEach((option, index) => {
    optionObject(option, `${pointer}/${key}/${index}`, out, rule);
  });
  return options;
}

/** https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object: label 75 (plain_text), options ≤ 100. */
export function optionGroupsField(parent: Json, pointer: string, out: Problems): unknown[] {
  const groups = arrayField(parent, "option_groups", pointer, out, { max: LIMITS.select.optionGroups }) ?? [];
  const options: unknown[] = [];
  groups.forEach((group, index) => {
    const at = `${pointer}/option_groups/${index}`;
    if (!isRecord(group)) {
      say(out, "must provide an object", at);
      return;
    }
    allowOnly(group, ["label", "options"], at, out);
    textField(group, "label", at, out, { required: true, plain: true, max: LIMITS.optionGroup.label });
    options.push(...optionsField(group, "options", at, out, { required: true, min: 1, max: LIMITS.optionGroup.options }));
  });
  return options;
}

// Slack compares an initial option with the listed ones field by field ("exactly matches").
const canonical = (value: unknown): string =>
  isRecord(value)
    ? `{${Object.keys(value)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
        .join(",")}}`
    : JSON.stringify(value);

/** initial_option / initial_options must each equal one of the options. */
export function initialOptions(chosen: unknown, options: readonly unknown[], pointer: string, out: Problems): void {
  const listed = new Set(options.map(canonical));
  const each = Array.isArray(chosen) ? chosen : [chosen];
  each.forEach((option, index) => {
    if (!listed.has(canonical(option))) say(out, "must match one of the provided options", Array.isArray(chosen) ? `${pointer}/${index}` : pointer);
  });
}

/** https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object: title 100, text 300, confirm 30, deny 30, all plain_text. */
export function confirmField(parent: Json, pointer: string, out: Problems): void {
  const value = parent.confirm;
  if (value === undefined) return;
  const at = `${pointer}/confirm`;
  if (!isRecord(value)) {
    say(out, "must provide an object", at);
    return;
  }
  allowOnly(value, ["title", "text", "confirm", "deny", "style"], at, out);
  textField(value, "title", at, out, { required: true, plain: true, max: LIMITS.confirm.title });
  textField(value, "text", at, out, { required: true, plain: true, max: LIMITS.confirm.text });
  textField(value, "confirm", at, out, { required: true, plain: true, max: LIMITS.confirm.button });
  textField(value, "deny", at, out, { required: true, plain: true, max: LIMITS.confirm.button });
  enumField(value, "style", at, out, ["primary", "danger"]);
}
