import type { KnownIdentifiers, PlaceholderMap, PlaceholderType } from "./redact.ts";
import { ADDRESS_TAIL, CITY, CODE, CONNECTOR, DATE_END, ID_LABEL_NUMBER, MONTH, NAME_INTROS, NAME_RUN, NOT_AFTER_WORD, NOT_BEFORE_WORD, NOT_NAMES, ORDINAL, PARTICLE, PO_BOX, raw, STATE, STREET, YEAR, ZIP } from "./redact-patterns.ts";

// The detectors that find identifiers in text, and how overlapping finds are settled: each proposes
// spans over the original text and select() keeps the winners.

/** A stretch of text [start, end) found to hold one kind of identifier. */
export interface Span {
  start: number;
  end: number;
  type: PlaceholderType;
}

/** Finds spans of identifiers in a text. */
export type Detector = (text: string) => Span[];


/** Spans of one pattern: the named group `v` when present, else the whole match; `refine` may trim or drop. */
function spans(pattern: RegExp, type: PlaceholderType, refine?: (span: Span, text: string) => Span | undefined): Detector {
  return (text) => {
    const found: Span[] = [];
    const search = new RegExp(pattern);
    for (let match = search.exec(text); match; match = search.exec(text)) {
      const [start, end] = match.indices?.groups?.v ?? match.indices?.[0] ?? [match.index, match.index + match[0].length];
      const span = refine ? refine({ start, end, type }, text) : { start, end, type };
      if (span && span.end > span.start) found.push(span);
      // A rejected or trimmed match gives back what it did not use: "Nurse Practitioner Lee" is
      // rejected at "Practitioner" and found again at "Lee".
      search.lastIndex = Math.max(span ? span.end : 0, match.index + 1);
    }
    return found;
  };
}

const regex = (source: string, flags = "") => new RegExp(source, `gud${flags}`);
const digitCount = (value: string) => value.replace(/\D/g, "").length;
const letterCount = (value: string) => value.match(/\p{L}/gu)?.length ?? 0;
const withDigits = (min: number, max = Number.POSITIVE_INFINITY) => (span: Span, text: string) => {
  const digits = digitCount(text.slice(span.start, span.end));
  return digits >= min && digits <= max ? span : undefined;
};

// Cuts a name run at the first word that is not a name ("Patel On" → "Patel", "Kelly MRN" → "Kelly");
// drops it if nothing is left.
function trimName(span: Span, text: string): Span | undefined {
  let end = span.start;
  let named = false;
  let shouting = false;
  for (const word of text.slice(span.start, span.end).matchAll(/\S+/gu)) {
    const bare = word[0].replace(/\.$/, "");
    const initial = /^\p{Lu}\.$/u.test(word[0]);
    const allCaps = bare.length > 1 && bare === bare.toUpperCase();
    if (NOT_NAMES.has(bare.toLowerCase())) break;
    if (named && allCaps && !shouting) break;
    if (!named) shouting = allCaps;
    if (!initial && letterCount(bare) < 2) break;
    if (!initial && /^\p{Lu}/u.test(bare)) {
      named = true;
      end = span.start + word.index + bare.length;
    }
  }
  return named ? { ...span, end } : undefined;
}

// Account numbers: a four-digit year after "policy" or "claim" is a date, not an account.
function accountValue(span: Span, text: string): Span | undefined {
  const value = text.slice(span.start, span.end);
  return digitCount(value) >= 3 && value.length >= 4 && !/^(?:19|20)\d\d$/.test(value) ? span : undefined;
}

// Plates and serials: "ABC 1234" is one value, but a second word only counts when it carries digits.
function labelledIdValue(span: Span, text: string): Span | undefined {
  const value = text.slice(span.start, span.end);
  const [first = "", second] = value.split(" ");
  const keepSecond = second !== undefined && /\d/.test(second) && (/\d/.test(first) || /^[A-Z]{1,4}$/.test(first));
  const kept = keepSecond ? value : first;
  if (!/\d/.test(kept) || kept.replace(/[^A-Za-z0-9]/g, "").length < 4) return undefined;
  return { ...span, end: span.start + kept.length };
}

// One separator throughout ("+44 20 7946 0958"), so a following "123-45-6789" is not taken for more groups.
// E.164 allows 15 digits: groups beyond that belong to the next number in the sentence ("... 0958 2024").
function internationalPhone(span: Span, text: string): Span | undefined {
  let value = text.slice(span.start, span.end);
  while (digitCount(value) > 15 && /[ .-]/.test(value)) value = value.replace(/[ .-][^ .-]*$/, "");
  const digits = digitCount(value);
  return digits >= 8 && digits <= 15 ? { ...span, end: span.start + value.length } : undefined;
}

function trimUrl(span: Span, text: string): Span | undefined {
  let end = span.end;
  const url = text.slice(span.start, end);
  const open = (url.match(/\(/g) ?? []).length;
  let close = (url.match(/\)/g) ?? []).length;
  while (end > span.start) {
    const last = text[end - 1]!;
    if (last === ")" && close > open) close--;
    else if (!".,;:!?'\"".includes(last)) break;
    end--;
  }
  return { ...span, end };
}

const STREET_OR_BOX = regex(`${STREET}|${PO_BOX}`);
const CITY_STATE_ZIP = regex(raw`(?<![\p{L}\p{M}])(?<city>${CITY}),[ \t]*${STATE},?[ \t]+(?<zip>${ZIP})`);

function addresses(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(STREET_OR_BOX)) {
    const start = match.index;
    let end = start + match[0].length;
    ADDRESS_TAIL.lastIndex = end;
    const tail = ADDRESS_TAIL.exec(text);
    const city = tail?.indices?.groups?.city;
    const zip = tail?.indices?.groups?.zip;
    if (city) end = city[1];
    found.push({ start, end, type: "ADDRESS" });
    if (zip) found.push({ start: zip[0], end: zip[1], type: "ZIP" });
  }
  // "Springfield, IL 62704": a city is only recognisable with its state and ZIP.
  for (const match of text.matchAll(CITY_STATE_ZIP)) {
    const { city, zip } = match.indices!.groups!;
    found.push({ start: city![0], end: city![1], type: "ADDRESS" }, { start: zip![0], end: zip![1], type: "ZIP" });
  }
  return found;
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** Strips accents, so "Jose" matches "José". */
export const fold = (value: string) => value.normalize("NFD").replace(/\p{M}/gu, "");

// Every Latin letter with its accented forms, so "Jose Nunez" in the text matches "José Ñúñez" on record.
const LATIN_VARIANTS = new Map<string, string>();
for (let code = 0x41; code <= 0x24f; code++) {
  const char = String.fromCodePoint(code);
  const base = fold(char).toLowerCase();
  if (/^[a-z]$/.test(base) && /\p{L}/u.test(char)) LATIN_VARIANTS.set(base, (LATIN_VARIANTS.get(base) ?? "") + char);
}

// Scripts written without spaces between words: a name there is matched as an exact string.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const NAME_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "md", "phd", "rn", "dds"]);

function namePattern(name: string): string {
  let pattern = "";
  for (const char of name) {
    const base = fold(char).toLowerCase();
    if (/\s/.test(char)) pattern += raw`\s+`;
    else if ("'’ʼ".includes(char)) pattern += "['’ʼ]";
    else if ("-‐‑–".includes(char)) pattern += "[\\-‐‑–]";
    else if (char === ".") pattern += raw`\.?`;
    else if (LATIN_VARIANTS.has(base)) pattern += `[${LATIN_VARIANTS.get(base)}]\\p{M}*`;
    else pattern += `${escapeRegex(char)}\\p{M}*`;
  }
  return UNSPACED_SCRIPT.test(name) ? pattern : `${NOT_AFTER_WORD}${pattern}${NOT_BEFORE_WORD}`;
}

// The full name, "First Last" without middle names, "Last, First", and each part of 2+ letters.
function nameVariants(name: string): string[] {
  const words = name.split(" ").filter((word) => !NAME_SUFFIXES.has(word.replace(/\./g, "").toLowerCase()));
  const parts = words.filter((word) => !(word === word.toLowerCase() && new RegExp(`^${PARTICLE}$`).test(word)));
  const variants = [name, words.join(" ")];
  const first = parts[0];
  const last = parts.at(-1);
  if (first && last && parts.length >= 2) variants.push(`${first} ${last}`, `${last}, ${first}`);
  for (const part of parts) variants.push(part, ...part.split(/[-‐‑–]/));
  return variants.filter((variant) => letterCount(variant) >= 2);
}

function knownNames(names: Iterable<string>, capitalizedOnly = false): Detector {
  const variants = new Set([...names].flatMap((name) => nameVariants(name.normalize("NFC").trim().replace(/\s+/g, " "))));
  if (variants.size === 0) return () => [];
  const alternatives = [...variants].sort((a, b) => fold(b).length - fold(a).length).map(namePattern);
  const capitalized = (span: Span, text: string) => (/^\p{Ll}/u.test(text.slice(span.start, span.end)) ? undefined : span);
  return spans(regex(`(?:${alternatives.join("|")})`, "i"), "NAME", capitalizedOnly ? capitalized : undefined);
}

function knownPhones(phones: string[]): Detector {
  const numbers = new Set(phones.map((phone) => phoneKey(phone.split(/x|ext/i)[0] ?? "")).filter((digits) => digits.length >= 7));
  if (numbers.size === 0) return () => [];
  const alternatives = [...numbers].map((digits) => [...digits].join("[ .()\\/\\-]*"));
  const extension = raw`(?:,?[ \t]*(?:[xX]|[Ee]xt\.?|[Ee]xtension)[ \t]*\d{1,6})?`;
  return spans(regex(raw`(?<!\d|\d[.\-])(?:\+?1[ .\-]*)?(?:\((?=\d{3}\)))?(?:${alternatives.join("|")})${extension}(?!\d)`), "PHONE");
}

function knownEmails(emails: string[]): Detector {
  const literals = emails.map((email) => email.trim()).filter((email) => email.includes("@"));
  if (literals.length === 0) return () => [];
  return spans(regex(raw`(?<![\w.+\-])(?:${literals.map(escapeRegex).join("|")})(?![\w\-])`, "i"), "EMAIL");
}

// Context-labelled identifiers come first: on equal length the earlier detector wins.
const LABELLED: Detector[] = [
  spans(
    regex(
      raw`\b(?:SSN|SS#|social[ \t]+security${ID_LABEL_NUMBER})(?:[ \t]*(?::|#|is|was|ending[ \t]+in|last[ \t]+(?:4|four)(?:[ \t]+digits)?(?:[ \t]+(?:is|are))?))*[ \t]*(?<v>\d{3}(?<sep>[\- ]?)\d{2}\k<sep>\d{4}|\d{4})(?!\d)`,
      "i",
    ),
    "SSN",
  ),
  spans(
    regex(
      raw`\b(?:MRN|MR[ \t]*#|MR[ \t]+(?:number|no\.?)|medical[ \t]+record${ID_LABEL_NUMBER}|(?:hospital|chart)[ \t]+(?:number|no\.?|#)|patient[ \t]+(?:id|number|no\.?|#))${CONNECTOR}(?<v>${CODE})`,
      "i",
    ),
    "MRN",
    withDigits(4),
  ),
  spans(
    regex(
      raw`\b(?:account|acct\.?|a\/c|member(?:ship)?|subscriber|policy(?:holder)?|insurance|insurer|claim|invoice|medicaid|medicare|MBI|beneficiary|health[ \t]+plan|(?:plan|group|billing|reference|ref|confirmation)[ \t]+(?:number|num|no\.?|#|id)|card)${ID_LABEL_NUMBER}${CONNECTOR}(?<v>${CODE})`,
      "i",
    ),
    "ACCOUNT",
    accountValue,
  ),
  spans(
    regex(
      raw`\b(?:licen[cs]e[ \t]+plate|(?:number|registration|tag)[ \t]+plate|plate|registration[ \t]+(?:number|no\.?|#)|VIN|serial|S\/N|(?:device|implant)[ \t]+(?:id|identifier|serial)|(?:driver'?s[ \t]+)?licen[cs]e|passport|certificate|badge|employee[ \t]+(?:id|number|no\.?|#))${ID_LABEL_NUMBER}${CONNECTOR}(?<v>[A-Z0-9][A-Z0-9\-]*(?: [A-Z0-9][A-Z0-9\-]*)?)`,
      "i",
    ),
    "ID",
    labelledIdValue,
  ),
];

const PATTERNS: Detector[] = [
  spans(regex(raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+@(?:[\p{L}\p{N}\-]+\.)+\p{L}{2,}(?![\p{L}\p{N}\-])`), "EMAIL"),
  spans(regex(raw`(?:\bhttps?:\/\/|\bwww\.)[^\s<>"\x60{}|\\^\[\]]+`, "i"), "URL", trimUrl),
  spans(regex(raw`(?<![\p{L}\p{N}@._\-\/])(?:[a-z0-9\-]+\.)+(?:com|org|net|edu|gov|io|health|info|us|uk)\b(?:\/[^\s<>"]*)?`, "i"), "URL", trimUrl),
  spans(regex(raw`(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\d|\.\d)`), "IP"),
  spans(regex(raw`(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![0-9a-f:])`, "i"), "IP"),
  spans(regex(raw`(?<![\d\-])\d{3}(?<sep>[\- ])\d{2}\k<sep>\d{4}(?!\d|-\d)`), "SSN"),
  // Card numbers are account numbers under Safe Harbor.
  spans(regex(raw`(?<!\d)\d{4}(?<sep>[ \-])\d{4}\k<sep>\d{4}\k<sep>\d{1,4}(?!\d)|(?<!\d)\d{4}[ \-]\d{6}[ \-]\d{5}(?!\d)`), "ACCOUNT"),
  spans(regex(raw`(?<![\p{N}\/.\-])\d{1,2}(?<sep>[\/.\-])\d{1,2}\k<sep>(?:\d{4}|\d{2})(?!\p{N}|[\/.\-]\d)`), "DATE"),
  spans(regex(raw`(?<![\p{N}\/.\-])\d{4}(?<sep>[\/.\-])\d{1,2}\k<sep>\d{1,2}(?!\p{N}|[\/.\-]\d)`), "DATE"),
  spans(regex(raw`(?<![\p{L}])${MONTH}[ \t]+\d{1,2}${ORDINAL}?(?:,?[ \t]+${YEAR})?${DATE_END}`), "DATE"),
  spans(regex(raw`(?<![A-Za-z\p{N}]|\d[.,])\d{1,2}${ORDINAL}?(?:[ \t]+of[ \t]+|[ \t]+|-)${MONTH}(?:,?[ \t]+${YEAR}|-${YEAR}|-\d{2})?${DATE_END}`), "DATE"),
  spans(regex(raw`(?<![\p{L}])${MONTH},?[ \t]+${YEAR}${DATE_END}`), "DATE"),
  // "3/14" alone could be a score ("pain 8/10") or a fraction ("to 1/2 tablet"), so it needs a word that
  // introduces a date and no unit after it.
  spans(
    regex(
      raw`(?<=\b(?:on|since|from|until|till|by|before|after|dated?|DOB|born|admitted|discharged|visited|seen|between|and|to)[ \t:]+)(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?![\p{N}\/]|[ \t]*(?:of|cups?|tabs?|tablets?|pills?|caps?|capsules?|doses?|mg|ml|mcg|units?|hours?|hrs?|days?|weeks?|inch(?:es)?|tsp|tbsp|teaspoons?|tablespoons?|strength)\b)`,
      "i",
    ),
    "DATE",
  ),
  spans(
    regex(raw`(?<![A-Za-z\p{N}+]|\d[.\-])(?:\+?1[ .\-]?)?(?:\(\d{3}\)|\d{3})[ .\-]?\d{3}[ .\-]?\d{4}(?:,?[ \t]*(?:[xX]|[Ee]xt\.?|[Ee]xtension|#)[ \t]*\d{1,6})?(?!\d)`),
    "PHONE",
  ),
  spans(regex(raw`(?<![A-Za-z\p{N}+])\+[2-9]\d{0,2}(?<sep>[ .\-]?)(?:\(\d{1,4}\) ?)?\d{1,5}(?:\k<sep>\d{1,8}){1,5}(?!\d|[\/.\-]\d)`), "PHONE", internationalPhone),
  spans(regex(raw`(?<![\p{N}+]|\d[ .\-])0\d{2,4}[ \-]\d{3,4}[ \-]?\d{3,4}(?!\d)`), "PHONE", withDigits(10, 11)),
  spans(regex(raw`(?<![\p{N}\-])\d{3}[\-.]\d{4}(?!\p{N}|[\-.]\d)`), "PHONE"),
  addresses,
  spans(regex(raw`${STATE},?[ \t]+(?<v>${ZIP})`), "ZIP"),
  // Any other long number is some identifier (Safe Harbor's catch-all); money and decimals are not.
  spans(regex(raw`(?<![A-Za-z\p{N}])[A-Z]{1,3}-?\d{7,}(?![A-Za-z\p{N}])`), "ID"),
  spans(regex(raw`(?<![\p{N}$€£]|\d[.,])\d{7,}(?!\p{N}|[.,]\d)`), "ID"),
];

// The introducer is a lookbehind so that "Dear Dr. Patel" still lets the title introduce "Patel".
const INTRODUCED_NAMES: Detector[] = NAME_INTROS.map((intro) =>
  spans(regex(raw`(?<=(?<![\p{L}\p{M}])(?:${intro}))${NAME_RUN}`), "NAME", trimName),
);

// A name introduced once ("Nurse Kelly") is a name wherever it appears again, in any field, and so is
// a name already in the map. Only capitalized mentions count, so a word wrongly taken for a name
// ("Name: Unknown") does not spread to every "unknown".
/** Every detector for these texts: the record's identifiers, labelled and patterned ones, and names introduced anywhere. */
export function detectorsFor(known: KnownIdentifiers, texts: string[], map: PlaceholderMap): Detector[] {
  const introduced = new Set<string>();
  for (const text of texts) {
    for (const detect of INTRODUCED_NAMES) for (const span of detect(text)) introduced.add(text.slice(span.start, span.end));
  }
  for (const [placeholder, value] of Object.entries(map)) if (placeholder.startsWith("[NAME_")) introduced.add(value);
  return [
    ...LABELLED,
    knownEmails(known.emails),
    knownPhones(known.phones),
    knownNames(known.names),
    knownNames(introduced, true),
    ...PATTERNS,
    ...INTRODUCED_NAMES,
  ];
}

// Longest first, then the more specific detector. A span inside one already taken is dropped; one that
// overlaps it only in part widens it instead, so no piece of an identifier is left in the text.
/** The spans that win, in text order. */
export function select(text: string, detectors: Detector[]): Span[] {
  const candidates = detectors.flatMap((detect, rank) => detect(text).map((span) => ({ ...span, rank })));
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  let taken: Span[] = [];
  for (const { start, end, type } of candidates) {
    const overlapping = taken.filter((span) => start < span.end && end > span.start);
    if (overlapping.length === 0) taken.push({ start, end, type });
    else if (!overlapping.some((span) => span.start <= start && end <= span.end)) {
      const widened = {
        start: Math.min(start, ...overlapping.map((span) => span.start)),
        end: Math.max(end, ...overlapping.map((span) => span.end)),
        type: overlapping[0]!.type,
      };
      taken = [...taken.filter((span) => !overlapping.includes(span)), widened];
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** A phone number reduced to its national digits (and extension), so formats compare equal. */
export function phoneKey(value: string): string {
  const [main = "", extension] = value.split(/x|ext|#/i);
  const digits = main.replace(/\D/g, "");
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  const ext = extension?.replace(/\D/g, "");
  return ext ? `${national}x${ext}` : national;
}
