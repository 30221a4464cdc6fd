import { createHash } from "node:crypto";
import { Document, isScalar, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { type DocumentResult, describeYamlError, formatPath, kindOf } from "./settings-document.ts";

// One entry of a settings document (a guidance card, a community resource), edited on its own:
// written as the YAML an admin would find in the file, read back and checked with the entry's own
// schema (every problem located within the entry), then put into the document, which is checked
// again as a whole (ids unique, how many entries) before anything is saved. Pure.

/** What an entry has in common: the id it is edited by. */
export interface SettingsEntry {
  id: string;
}

/** How one kind of entry sits in its document (the domain's definition: guidance-entries.ts, resource-entries.ts). */
export interface EntryKind<D> {
  /** The entry in words: "card", "entry". */
  noun: string;
  /** The document in words: "the guidance file". */
  document: string;
  /** The entry's own schema, as in the document. */
  schema: z.ZodType<SettingsEntry>;
  /** The setting named in messages ("title", "name"). */
  labelKey: string;
  /** Settings left out of the written YAML while they hold their default (urgent: false). */
  defaults: Record<string, unknown>;
  /** Lists written as their one item when they hold one (when: one group of conditions). */
  oneOrList: readonly string[];
  entries(document: D): readonly SettingsEntry[];
  /** The document with its entries replaced, to be checked again as a whole. */
  withEntries(document: D, entries: readonly SettingsEntry[]): unknown;
  /** Parses and checks the whole document. */
  parse(text: string): DocumentResult<D>;
}

/** Slack's limit for a text input's value: an entry longer than this is edited in the file. */
export const ENTRY_TEXT_LIMIT = 3000;
const ENTRY_ERRORS = 12;

/** The entry as the file writes it: defaults left out, a one-item list as its item. */
export function entryYaml<D>(kind: EntryKind<D>, entry: SettingsEntry): string {
  const written: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (value === undefined) continue;
    if (key in kind.defaults && JSON.stringify(kind.defaults[key]) === JSON.stringify(value)) continue;
    written[key] = kind.oneOrList.includes(key) && Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  const yaml = new Document(written);
  // Short lists of words on one line, as the file writes them: aliases: [qio, imm].
  visit(yaml, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item) && String(item.value).length <= 40) && JSON.stringify(node.toJSON()).length <= 60) node.flow = true;
    },
  });
  return yaml.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** A short fingerprint of an entry, to tell whether it changed since a form was opened. */
export function entryStamp(entry: SettingsEntry): string {
  return createHash("sha256").update(JSON.stringify(entry)).digest("hex").slice(0, 16);
}

/** The entry called `id`, or undefined. */
export function findEntry<D>(kind: EntryKind<D>, document: D, id: string): SettingsEntry | undefined {
  return kind.entries(document).find((entry) => entry.id === id);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads one entry's YAML and checks it with the entry's schema; never throws; every problem located. */
export function parseEntry<D>(kind: EntryKind<D>, text: string): DocumentResult<SettingsEntry> {
  try {
    return parseChecked(kind, text);
  } catch {
    return { ok: false, errors: [`${kind.noun}: could not be read; check that it is valid YAML`] };
  }
}

function parseChecked<D>(kind: EntryKind<D>, text: string): DocumentResult<SettingsEntry> {
  if (text.length > ENTRY_TEXT_LIMIT) {
    return { ok: false, errors: [`${kind.noun}: is ${text.length.toLocaleString("en-US")} characters; a Slack form holds ${ENTRY_TEXT_LIMIT.toLocaleString("en-US")}. Edit ${kind.document} and reload it.`] };
  }
  if (text.trim() === "") return { ok: false, errors: [`${kind.noun}: is empty; write the ${kind.noun} as YAML, one "name: value" per line, starting with id:`] };
  const parsed = parseDocument(text, { uniqueKeys: true, logLevel: "error" });
  if (parsed.errors.length > 0) return { ok: false, errors: capped(parsed.errors.map(describeYamlError)) };
  let data: unknown = parsed.toJS({ maxAliasCount: 50 });
  // Copied from the file with its list dash ("- id: …"): the one entry is meant.
  if (Array.isArray(data) && data.length === 1 && isRecord(data[0])) data = data[0];
  if (!isRecord(data)) return { ok: false, errors: [`${kind.noun}: must be one ${kind.noun} written as "name: value" lines starting with id:, but it is ${kindOf(data)}`] };
  const result = kind.schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: capped(result.error.issues.map((issue) => `${issue.path.length === 0 ? kind.noun : formatPath(issue.path)}: ${issue.message}`)) };
}

function capped(errors: string[]): string[] {
  if (errors.length <= ENTRY_ERRORS) return errors;
  return [...errors.slice(0, ENTRY_ERRORS - 1), `${errors.length - (ENTRY_ERRORS - 1)} more problems are not shown; fix the ones above and check again`];
}

/** The entry's title or name, as the admin knows it; its id when it has none. */
export function entryLabel<D>(kind: EntryKind<D>, entry: SettingsEntry): string {
  const value = (entry as unknown as Record<string, unknown>)[kind.labelKey];
  return typeof value === "string" ? value : entry.id;
}

const labelOf = <D>(kind: EntryKind<D>, entry: SettingsEntry): string => {
  const value = entryLabel(kind, entry);
  return ` ("${value.length > 60 ? `${value.slice(0, 60)}…` : value}")`;
};

/** The whole document, checked again; its problems say they concern the whole document. */
function checkedWhole<D>(kind: EntryKind<D>, candidate: unknown): DocumentResult<D> {
  const whole = kind.parse(JSON.stringify(candidate));
  return whole.ok ? whole : { ok: false, errors: whole.errors.map((error) => `in ${kind.document} as a whole, ${error}`) };
}

/**
 * Puts a checked entry into the document: in place of the entry called `target`, or added at the
 * end when `target` is null; the id must stay unique, and the whole document is checked again.
 */
export function mergeEntry<D>(kind: EntryKind<D>, document: D, target: string | null, entry: SettingsEntry): DocumentResult<D> {
  const entries = kind.entries(document);
  const index = target === null ? -1 : entries.findIndex((candidate) => candidate.id === target);
  if (target !== null && index < 0) return { ok: false, errors: [`${kind.noun}: "${target}" is no longer in ${kind.document} (removed since this form was opened); nothing was saved`] };
  const clash = entries.findIndex((candidate, at) => candidate.id === entry.id && at !== index);
  if (clash >= 0) {
    return { ok: false, errors: [`id: "${entry.id}" is already used by another ${kind.noun}${labelOf(kind, entries[clash]!)}; give each ${kind.noun} its own id`] };
  }
  const merged = index < 0 ? [...entries, entry] : entries.map((candidate, at) => (at === index ? entry : candidate));
  return checkedWhole(kind, kind.withEntries(document, merged));
}

/** Reads an entry's YAML and puts it into the document (see mergeEntry). */
export function mergeEntryText<D>(kind: EntryKind<D>, document: D, target: string | null, text: string): DocumentResult<{ document: D; entry: SettingsEntry }> {
  const entry = parseEntry(kind, text);
  if (!entry.ok) return entry;
  const merged = mergeEntry(kind, document, target, entry.value);
  return merged.ok ? { ok: true, value: { document: merged.value, entry: entry.value } } : merged;
}

/** The document without the entry called `id`, checked again as a whole (it keeps at least one entry). */
export function removeEntry<D>(kind: EntryKind<D>, document: D, id: string): DocumentResult<D> {
  const entries = kind.entries(document);
  if (!entries.some((entry) => entry.id === id)) return { ok: false, errors: [`${kind.noun}: "${id}" is not in ${kind.document}; nothing was removed`] };
  return checkedWhole(kind, kind.withEntries(document, entries.filter((entry) => entry.id !== id)));
}
