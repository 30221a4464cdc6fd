import { type Detector, detectorsFor, fold, phoneKey, select } from "./redact-detectors.ts";
import { raw } from "./redact-patterns.ts";

// De-identification of free text before it goes to an LLM, and re-identification of the draft when it
// comes back (DOMAIN.md, Privacy). The identifiers are those of HIPAA Safe Harbor, 45 CFR 164.514(b)(2).
// Each becomes a typed, numbered placeholder so the model can still write "Dear [NAME_1]", and the map
// from placeholder to original text never leaves this process.
//
// Detection is by shape and context, not by understanding: names are found when the case record knows
// them or when a title, label or relation introduces them ("Dr. Patel", "Name: ...", "my son Leo").
// Every detector proposes spans over the original text; the longest span wins an overlap (so an email
// swallows the name inside it), on equal length the more specific detector wins (a labelled SSN beats
// a bare digit run), and a span that overlaps the winner only in part widens it, so no fragment of an
// identifier is left behind.

/** The kinds of identifier a placeholder can stand for, as written in it: "[NAME_1]". */
export const PLACEHOLDER_TYPES = ["NAME", "PHONE", "EMAIL", "MRN", "DATE", "ADDRESS", "ZIP", "SSN", "URL", "IP", "ACCOUNT", "ID", "ROOM", "DEVICE"] as const;
/** One kind of identifier. */
export type PlaceholderType = (typeof PLACEHOLDER_TYPES)[number];

/** Identifiers known from the case record (the people on it), matched first and exactly. */
export interface KnownIdentifiers {
  names: string[];
  phones: string[];
  emails: string[];
}

/** Placeholder → original value, e.g. { "[NAME_1]": "Maria Testpatient" }. */
export type PlaceholderMap = Record<string, string>;

// ---------- placeholders ----------


// What "the same value" means per type: names ignore case and accents, phones and SSNs compare digits.
// A span widened over a neighbour is no longer a plain number, so it is compared as text.
function valueKey(type: PlaceholderType, value: string): string {
  if (type === "NAME") return fold(value).toLowerCase().replace(/[’ʼ]/g, "'");
  if (type === "PHONE" && /^[+\d\s().-]+(?:,?\s*(?:x|ext\.?|extension|#)\s*\d+)?$/i.test(value)) return phoneKey(value);
  if (type === "SSN" && /^[\d\s-]+$/.test(value)) return value.replace(/\D/g, "");
  return value.toLowerCase();
}

const PLACEHOLDER_SHAPE = new RegExp(raw`\[[ \t]*(?:([A-Za-z]+(?:_[A-Za-z]+)*)_(\d{1,6})|(${PLACEHOLDER_TYPES.join("|")}))[ \t]*\]`, "gi");
const TYPE_OF = new Map<string, PlaceholderType>(PLACEHOLDER_TYPES.map((type) => [type, type]));

// "[name_01]" and "[NAME_1]" are the same placeholder: models sometimes change case or padding.
function canonical(type: string | undefined, number: string | undefined, bare: string | undefined): string {
  return bare ? `[${bare.toUpperCase()}]` : `[${type!.toUpperCase()}_${Number(number)}]`;
}

function placeholderAllocator(map: PlaceholderMap, reserved: Set<string>) {
  const byValue = new Map<string, string>();
  const highest = new Map<string, number>();
  for (const [placeholder, value] of Object.entries(map)) {
    const parsed = /^\[([A-Z]+)_(\d+)\]$/.exec(placeholder);
    const type = parsed && TYPE_OF.get(parsed[1]!);
    if (!type) continue;
    highest.set(type, Math.max(highest.get(type) ?? 0, Number(parsed[2])));
    const key = `${type}:${valueKey(type, value)}`;
    if (!byValue.has(key)) byValue.set(key, placeholder);
  }
  return (type: PlaceholderType, value: string): string => {
    const key = `${type}:${valueKey(type, value)}`;
    const existing = byValue.get(key);
    if (existing) return existing;
    let number = (highest.get(type) ?? 0) + 1;
    // A placeholder-shaped token already in the input must not be re-identified as something else.
    while (reserved.has(`[${type}_${number}]`) || Object.hasOwn(map, `[${type}_${number}]`)) number++;
    highest.set(type, number);
    const placeholder = `[${type}_${number}]`;
    map[placeholder] = value;
    byValue.set(key, placeholder);
    return placeholder;
  };
}

function reservedIn(texts: string[]): Set<string> {
  return new Set(texts.flatMap((text) => [...text.matchAll(PLACEHOLDER_SHAPE)].map((match) => canonical(match[1], match[2], match[3]))));
}

function redact(text: string, detectors: Detector[], allocate: (type: PlaceholderType, value: string) => string): string {
  let result = "";
  let at = 0;
  for (const span of select(text, detectors)) {
    // An age over 89 is written as the aggregate ("90 or older"), not as a placeholder to restore.
    result += text.slice(at, span.start) + (span.replacement ?? allocate(span.type, text.slice(span.start, span.end)));
    at = span.end;
  }
  return result + text.slice(at);
}

// ---------- API ----------

/** Replaces identifiers in `text` by typed placeholders; returns the text and `map` extended (a copy). */
export function deidentify(text: string, known: KnownIdentifiers, map: PlaceholderMap = {}): { text: string; map: PlaceholderMap } {
  const next = { ...map };
  return { text: redact(text, detectorsFor(known, [text], map), placeholderAllocator(next, reservedIn([text]))), map: next };
}

/** De-identifies several fields with one map, so the same value has the same placeholder in every field. */
export function deidentifyFields<K extends string>(fields: Record<K, string>, known: KnownIdentifiers): { fields: Record<K, string>; map: PlaceholderMap } {
  const map: PlaceholderMap = {};
  const entries = Object.entries(fields) as [K, string][];
  const detectors = detectorsFor(known, entries.map(([, value]) => value), map);
  const allocate = placeholderAllocator(map, reservedIn(entries.map(([, value]) => value)));
  const result = {} as Record<K, string>;
  for (const [key, value] of entries) result[key] = redact(value, detectors, allocate);
  return { fields: result, map };
}

/** Whether a known placeholder's value may be put back ("[MRN_1]", "MRN", "A1234567"); the type is undefined for unknown kinds. */
export type RestorePolicy = (placeholder: string, type: PlaceholderType | undefined, value: string) => boolean;

/**
 * Puts the original values back; `unresolved` lists placeholder-shaped tokens the map does not know.
 * With `mayRestore`, a known placeholder it refuses stays in the text in its canonical form
 * ("[MRN_1]") and is listed in `withheld`, so the letter checks see a placeholder and not the value.
 */
export function reidentify(text: string, map: PlaceholderMap, mayRestore?: RestorePolicy): { text: string; unresolved: string[]; withheld?: string[] } {
  const unresolved = new Set<string>();
  const withheld = new Set<string>();
  const restored = text.replace(PLACEHOLDER_SHAPE, (token: string, type?: string, number?: string, bare?: string) => {
    const key = canonical(type, number, bare);
    if (Object.hasOwn(map, key)) {
      if (!mayRestore || mayRestore(key, TYPE_OF.get((type ?? bare ?? "").toUpperCase()), map[key]!)) return map[key]!;
      withheld.add(key);
      return key;
    }
    unresolved.add(token);
    return token;
  });
  return mayRestore ? { text: restored, unresolved: [...unresolved], withheld: [...withheld] } : { text: restored, unresolved: [...unresolved] };
}

/** The distinct placeholder-shaped tokens in `text` ("[NAME_1]", "[DATE]"), in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_SHAPE)].map((match) => match[0]))];
}
