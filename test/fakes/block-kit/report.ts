// How problems are worded and where they point. Slack's wording, where it was seen in real answers
// (quoted in public bug reports): "must be less than 3001 characters", "failed to match all allowed
// schemas", "missing required field: elements", "invalid additional property: disabled",
// "must provide a string", "unsupported type: invalid", "no more than 100 items allowed",
// "must define submit to use input block". Other wordings are the fake's own, in the same style.

export type Json = Record<string, unknown>;
export type Problems = string[];

export const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Adds one problem in Slack's "message [json-pointer:/path]" form. */
export function say(out: Problems, message: string, pointer: string): void {
  out.push(`${message} [json-pointer:${pointer}]`);
}

export const WORDS = {
  tooLong: (max: number) => `must be less than ${max + 1} characters`,
  tooShort: (min: number) => `must be more than ${min - 1} characters`,
  tooMany: (max: number) => `must be less than ${max + 1} items`,
  tooFew: (min: number) => `must be more than ${min - 1} items`,
  // Slack's wording for a surface's blocks array (seen for a modal with 101 blocks).
  tooManyBlocks: (max: number) => `no more than ${max} items allowed`,
  missing: (field: string) => `missing required field: ${field}`,
  extra: (field: string) => `invalid additional property: ${field}`,
  unsupported: (type: unknown) => `unsupported type: ${String(type)}`,
  oneOf: (values: readonly string[]) => `must be one of: ${values.join(", ")}`,
  schemas: "failed to match all allowed schemas",
} as const;

/** Refuses keys the object's schema does not list (Slack refuses them too, e.g. a button's `disabled`). */
export function allowOnly(value: Json, allowed: readonly string[], pointer: string, out: Problems): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) say(out, WORDS.extra(key), pointer);
}

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** A string field: present when required, a string, and within its lengths. */
export function stringField(value: Json, key: string, pointer: string, out: Problems, rule: StringRule = {}): string | undefined {
  const field = value[key];
  if (field === undefined) {
    if (rule.required) say(out, WORDS.missing(key), pointer);
    return undefined;
  }
  const at = `${pointer}/${key}`;
  if (typeof field !== "string") {
    say(out, "must provide a string", at);
    return undefined;
  }
  if (rule.min !== undefined && field.length < rule.min) say(out, WORDS.tooShort(rule.min), at);
  if (rule.max !== undefined && field.length > rule.max) say(out, WORDS.tooLong(rule.max), at);
  if (rule.pattern && !rule.pattern.test(field)) say(out, `must match the format ${rule.pattern.source}`, at);
  return field;
}

interface ArrayRule {
  required?: boolean;
  min?: number;
  max?: number;
}

/** An array field: present when required, an array, and within its item counts. */
export function arrayField(value: Json, key: string, pointer: string, out: Problems, rule: ArrayRule = {}): unknown[] | undefined {
  const field = value[key];
  if (field === undefined) {
    if (rule.required) say(out, WORDS.missing(key), pointer);
    return undefined;
  }
  const at = `${pointer}/${key}`;
  if (!Array.isArray(field)) {
    say(out, "must provide an array", at);
    return undefined;
  }
  if (rule.min !== undefined && field.length < rule.min) say(out, WORDS.tooFew(rule.min), at);
  if (rule.max !== undefined && field.length > rule.max) say(out, WORDS.tooMany(rule.max), at);
  return field;
}

export function booleanField(value: Json, key: string, pointer: string, out: Problems): boolean | undefined {
  const field = value[key];
  if (field === undefined) return undefined;
  if (typeof field !== "boolean") say(out, "must provide a boolean", `${pointer}/${key}`);
  return typeof field === "boolean" ? field : undefined;
}

export function integerField(value: Json, key: string, pointer: string, out: Problems, rule: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
  const field = value[key];
  if (field === undefined) {
    if (rule.required) say(out, WORDS.missing(key), pointer);
    return undefined;
  }
  const at = `${pointer}/${key}`;
  if (typeof field !== "number" || !Number.isInteger(field)) {
    say(out, "must provide an integer", at);
    return undefined;
  }
  if (rule.min !== undefined && field < rule.min) say(out, `must be at least ${rule.min}`, at);
  if (rule.max !== undefined && field > rule.max) say(out, `must be at most ${rule.max}`, at);
  return field;
}

export function enumField(value: Json, key: string, pointer: string, out: Problems, allowed: readonly string[]): void {
  const field = value[key];
  if (field !== undefined && (typeof field !== "string" || !allowed.includes(field))) say(out, WORDS.oneOf(allowed), `${pointer}/${key}`);
}
