import { parseDocument } from "yaml";
import { z } from "zod";

// Settings files a patient-relations manager or admin edits without a release (guidance cards, the
// community-resource directory): read as YAML, checked with zod, and every problem reported in
// plain words with where it is and how to fix it. The routing rules (src/routing/rule-set.schema.ts)
// follow the same conventions and use these helpers.

/** Says what a value is in words an administrator recognises ("a list", "a number"). */
export function kindOf(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a group of settings";
  if (typeof value === "string") return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `${value}`;
  return typeof value;
}

/** One message for a missing value and one for a value of the wrong kind. */
export const expecting = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `is missing; add ${what}` : `must be ${what}, but it is ${kindOf(issue.input)}`;

export const quoteAll = (values: readonly string[]) => values.map((value) => `"${value}"`).join(", ");

/** A blank YAML value ("phone:" with nothing after it) means "not set". */
export const blankAsMissing = (value: unknown) => (value === null ? undefined : value);
export const blankAsEmptyList = (value: unknown) => (value === null || value === undefined ? [] : value);

/** An object whose unknown settings are refused, naming the allowed ones (a typo would otherwise be ignored). */
export const strict = <T extends z.ZodRawShape>(shape: T, what: string) => {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return expecting(what)(issue);
      const noun = issue.keys.length === 1 ? "setting" : "settings";
      return `unknown ${noun} ${quoteAll(issue.keys)}; the allowed settings here are: ${allowed.join(", ")}`;
    },
  });
};

export const SLUG = /^[a-z0-9-]+$/;

export const slug = (what: string) =>
  z
    .string({ error: expecting(`${what} (lowercase letters, digits and hyphens, e.g. medicare-discharge)`) })
    .regex(SLUG, "must use only lowercase letters, digits and hyphens (e.g. medicare-discharge)")
    .max(50, "must be 50 characters or fewer");

export const label = (what: string, max: number) =>
  z
    .string({ error: expecting(what) })
    .trim()
    .min(1, `is empty; add ${what}`)
    .max(max, `must be ${max} characters or fewer`);

export const optionalLabel = (what: string, max: number) => z.preprocess(blankAsMissing, label(what, max).optional());

export const flag = z.boolean({ error: expecting("true or false (without quotes)") });

/** A list of choices from a fixed vocabulary, each checked with the vocabulary in the message. */
export const choiceList = (choices: readonly string[], what: string, example: string) =>
  z
    .array(
      z.string({ error: expecting(`one of: ${choices.join(", ")}`) }).refine((value) => choices.includes(value), {
        error: (issue) => `"${String(issue.input)}" is not a known ${what}; use one of: ${choices.join(", ")}`,
      }),
      { error: expecting(`a list of ${what}s, e.g. ${example}`) },
    )
    .min(1, `is an empty list; list at least one ${what} or remove this setting`);

/** The document's `version:`; 1 is the only format of `format` ("guidance", "rule-set") so far. */
export const versionOne = (format: string) =>
  z.literal(1, { error: (issue) => (issue.input === undefined ? "is missing; add version: 1 at the top" : `must be 1 (the only ${format} format so far)`) });

/** The document's list of entries: at least one, at most `max`, each checked with `item`. */
export const entryList = <T extends z.ZodType>(item: T, noun: { one: string; many: string }, max: number) =>
  z
    .array(item, { error: expecting(`a list of ${noun.many}`) })
    .min(1, `is an empty list; add at least one ${noun.one}`)
    .max(max, `has more than ${max} ${noun.many}`);

export type DocumentResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface DocumentOptions {
  /** What the document is, in words: "the guidance file". */
  name: string;
  /** The shipped file to start from when the text is empty. */
  starter: string;
  characters: number;
  errors: number;
  /** Names an item in a located message, e.g. resources[2] ("Ride Home"); default `formatPath`. */
  describePath?: (path: readonly PropertyKey[], data: Record<string, unknown>) => string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses and checks a YAML document against `schema`; never throws; at most `options.errors` located messages. */
export function parseSettingsDocument<T>(text: string, schema: z.ZodType<T>, options: DocumentOptions): DocumentResult<T> {
  try {
    return parseChecked(text, schema, options);
  } catch {
    return { ok: false, errors: [`document: ${options.name} could not be read; check that it is valid YAML`] };
  }
}

function parseChecked<T>(text: string, schema: z.ZodType<T>, options: DocumentOptions): DocumentResult<T> {
  if (text.length > options.characters) {
    return {
      ok: false,
      errors: [`document: ${options.name} is ${text.length.toLocaleString("en-US")} characters; the limit is ${options.characters.toLocaleString("en-US")}. Shorten or remove entries you no longer need.`],
    };
  }
  if (text.trim() === "") return { ok: false, errors: [`document: ${options.name} is empty; start from the shipped ${options.starter}`] };
  const document = parseDocument(text, { uniqueKeys: true, logLevel: "error" });
  if (document.errors.length > 0) return { ok: false, errors: capped(document.errors.map(describeYamlError), options.errors) };
  const data: unknown = document.toJS({ maxAliasCount: 50 });
  if (!isRecord(data)) return { ok: false, errors: [`document: must be a group of settings starting with "version: 1", but it is ${kindOf(data)}`] };
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const describe = options.describePath ?? ((path) => formatPath(path));
  return { ok: false, errors: capped(result.error.issues.map((issue) => `${describe(issue.path, data)}: ${issue.message}`), options.errors) };
}

/** A YAML syntax error, located by line and column, in plain words. */
export function describeYamlError(error: { message: string; linePos?: [{ line: number; col: number }] | [{ line: number; col: number }, unknown] }): string {
  const where = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "document";
  const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return `${where}: this is not valid YAML (${message}); check the indentation and that each setting is written as "name: value"`;
}

/** Formats a zod path the way an admin reads the document: cards[2].when.categories. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "document";
  return path.map((key, index) => (typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`)).join("");
}

function capped(errors: string[], limit: number): string[] {
  if (errors.length <= limit) return errors;
  const hidden = errors.length - (limit - 1);
  return [...errors.slice(0, limit - 1), `document: ${hidden} more problems are not shown; fix the ones above and check again`];
}

/** Reports a second item using an id already taken, pointing at the first. */
export function reportDuplicateIds(list: unknown, key: string, noun: string, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    if (!isRecord(item) || typeof item.id !== "string") return;
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, index);
    else ctx.addIssue({ code: "custom", path: [key, index, "id"], message: `the ${noun} id "${item.id}" is already used by ${key}[${first}]; give each ${noun} its own id` });
  });
}

/** A stored version of a settings document, as saved (validated by whoever reads it). */
export interface StoredDocument {
  id: number;
  document: unknown;
}

/** Versions of one kind of settings document (port; the Prisma implementation is src/guidance/settings-document.repository.ts). */
export interface SettingsDocumentStore {
  /** The latest saved version, or null before any was saved. */
  active(): Promise<StoredDocument | null>;
  /** Saves a new version with its admin audit event (with `detail`, e.g. which entry changed); returns the version. */
  save(document: unknown, source: "file" | "slack", actorId: string, detail?: Record<string, string>): Promise<number>;
}
