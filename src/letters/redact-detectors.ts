import type { KnownIdentifiers, PlaceholderMap } from "./redact.ts";
import { CONTEXT_NAMES, extendNames } from "./redact-names.ts";
import { ID_DETECTORS, NUMBER_DETECTORS } from "./redact-numbers.ts";
import { CODE, CONNECTOR, DATE_END, ID_LABEL_NUMBER, MONTH, ORDINAL, raw, YEAR } from "./redact-patterns.ts";
import { PLACE_DETECTORS } from "./redact-places.ts";
import { fold, knownNames } from "./redact-record-names.ts";
import { type Detector, digitCount, escapeRegex, regex, type Span, spans, withDigits } from "./redact-spans.ts";

// The detectors that find identifiers in text, and how overlapping finds are settled: each proposes
// spans over the original text and select() keeps the winners. Names are in redact-names.ts, ages,
// rooms, devices and ids in redact-numbers.ts, addresses and postal codes in redact-places.ts.

export type { Detector, Span };
export { fold };

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

// An international number on the record is also written as at home: "+34 612 345 678" as "612 345 678",
// "+33 6 12 34 56 78" as "06 12 34 56 78" (country codes are one to three digits).
function nationalForms(phone: string, digits: string): string[] {
  if (!phone.trim().startsWith("+") || digits.startsWith("1")) return [digits];
  return [digits, ...[1, 2, 3].flatMap((code) => (digits.length - code >= 8 ? [digits.slice(code), `0${digits.slice(code)}`] : []))];
}

function knownPhones(phones: string[]): Detector {
  const numbers = new Set(phones.flatMap((phone) => nationalForms(phone, phoneKey(phone.split(/x|ext/i)[0] ?? ""))).filter((digits) => digits.length >= 7));
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

const MES = "(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)";
// A month and day without a year ("3/14") could be a score ("pain 8/10") or a fraction ("1/2 tablet"):
// only with a word that introduces a date, or a time after it, and no unit after it.
const MONTH_DAY = raw`(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])`;
const NOT_A_FRACTION = raw`(?![\p{N}\/]|[.,]\d|[ \t]*(?:of|cups?|tabs?|tablets?|pills?|caps?|capsules?|doses?|mg|ml|mcg|units?|hours?|hrs?|days?|weeks?|inch(?:es)?|tsp|tbsp|teaspoons?|tablespoons?|strength)\b)`;
const DATE_INTRO = [
  ...["on", "since", "from", "until", "till", "by", "before", "after", "dated?", "DOB", "DOS", "born", "between", "and", "to", "re", "of"],
  // any verb in the past: "called", "phoned", "filed", "readmitted", "seen"
  ...[raw`\p{L}{2,}ed`, "seen", "done", "given", "spoke", "met", "sent", "left", "went", "came", "fell"],
  ...["visit", "call", "phone", "error", "incident", "event", "fall", "surgery", "procedure", "appt", "appointment", "admission", "discharge", "restraint", "shift", "night", "morning"],
  ...["mon", "tues?", "wed", "thu(?:rs?)?", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
  ...["el", "del", "desde", "hasta", "día"],
].join("|");
const SCORED = /\b(?:pain|scored?|rated?|rating|scale|level|ratio|strength|grade|graded|out)\b[^.!?\n]{0,12}$/i;
const notAScore = (span: Span, text: string): Span | undefined => (SCORED.test(text.slice(Math.max(0, span.start - 30), span.start)) ? undefined : span);

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
      raw`\b(?:MRN|MR[ \t]*#|MR[ \t]+(?:number|no\.?)|medical[ \t]+record${ID_LABEL_NUMBER}|(?:hospital|chart)[ \t]+(?:number|no\.?|#)|patient[ \t]+(?:id|number|no\.?|#)|expediente|historia[ \t]+cl[íi]nica|NHC)${CONNECTOR}(?<v>${CODE})`,
      "i",
    ),
    "MRN",
    withDigits(4),
  ),
  spans(
    regex(
      raw`\b(?:account|acct\.?|a\/c|member(?:ship)?|subscriber|policy(?:holder)?|insurance|insurer|claim|invoice|medicaid|medicare|MBI|beneficiary|health[ \t]+plan|(?:plan|group|billing|reference|ref|confirmation)[ \t]+(?:number|num|no\.?|#|id)|card|cuenta|p[óo]liza|afiliaci[óo]n|afiliado|factura|recibo)${ID_LABEL_NUMBER}${CONNECTOR}(?<v>${CODE})`,
      "i",
    ),
    "ACCOUNT",
    accountValue,
  ),
  spans(
    regex(
      raw`\b(?:licen[cs]e[ \t]+plate|(?:number|registration|tag)[ \t]+plate|plate|registration[ \t]+(?:number|no\.?|#)|VIN|(?:driver'?s[ \t]+)?licen[cs]e|passport|certificate|badge|employee[ \t]+(?:id|number|no\.?|#)|ticket|case[ \t]+(?:number|no\.?|#))${ID_LABEL_NUMBER}${CONNECTOR}(?<v>[A-Z0-9][A-Z0-9\-]*(?: [A-Z0-9][A-Z0-9\-]*)?)`,
      "i",
    ),
    "ID",
    labelledIdValue,
  ),
];

const SSN_SHAPE = spans(regex(raw`(?<![\d\-])\d{3}(?<sep>[\- ])\d{2}\k<sep>\d{4}(?!\d|-\d)`), "SSN");
// Card numbers are account numbers under Safe Harbor.
const CARD_SHAPE = spans(regex(raw`(?<!\d)\d{4}(?<sep>[ \-])\d{4}\k<sep>\d{4}\k<sep>\d{1,4}(?!\d)|(?<!\d)\d{4}[ \-]\d{6}[ \-]\d{5}(?!\d)`), "ACCOUNT");
// Any other long number is some identifier (Safe Harbor's catch-all); money and decimals are not.
const LONG_NUMBERS: Detector[] = [
  spans(regex(raw`(?<![A-Za-z\p{N}])[A-Z]{1,3}-?\d{7,}(?![A-Za-z\p{N}])`), "ID"),
  spans(regex(raw`(?<![\p{N}$€£]|\d[.,])\d{7,}(?!\p{N}|[.,]\d)`), "ID"),
];

const PATTERNS: Detector[] = [
  spans(regex(raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+@(?:[\p{L}\p{N}\-]+\.)+\p{L}{2,}(?![\p{L}\p{N}\-])`), "EMAIL"),
  spans(regex(raw`(?:\bhttps?:\/\/|\bwww\.)[^\s<>"\x60{}|\\^\[\]]+`, "i"), "URL", trimUrl),
  spans(regex(raw`(?<![\p{L}\p{N}@._\-\/])(?:[a-z0-9\-]+\.)+(?:com|org|net|edu|gov|io|health|info|us|uk)\b(?:\/[^\s<>"]*)?`, "i"), "URL", trimUrl),
  spans(regex(raw`(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\d|\.\d)`), "IP"),
  spans(regex(raw`(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![0-9a-f:])`, "i"), "IP"),
  SSN_SHAPE,
  CARD_SHAPE,
  spans(regex(raw`(?<![\p{N}\/.\-])\d{1,2}(?<sep>[\/.\-])\d{1,2}\k<sep>(?:\d{4}|\d{2})(?!\p{N}|[\/.\-]\d)`), "DATE"),
  spans(regex(raw`(?<![\p{N}\/.\-])\d{4}(?<sep>[\/.\-])\d{1,2}\k<sep>\d{1,2}(?!\p{N}|[\/.\-]\d)`), "DATE"),
  spans(regex(raw`(?<![\p{L}])${MONTH}[ \t]+\d{1,2}${ORDINAL}?(?:,?[ \t]+${YEAR})?${DATE_END}`), "DATE"),
  spans(regex(raw`(?<![A-Za-z\p{N}]|\d[.,])\d{1,2}${ORDINAL}?(?:[ \t]+of[ \t]+|[ \t]+|-)${MONTH}(?:,?[ \t]+${YEAR}|-${YEAR}|-\d{2})?${DATE_END}`), "DATE"),
  spans(regex(raw`(?<![\p{L}])${MONTH},?[ \t]+${YEAR}${DATE_END}`), "DATE"),
  // "3/14" alone could be a score ("pain 8/10") or a fraction ("to 1/2 tablet"), so it needs a word that
  // introduces a date and no unit after it.
  // Spanish: "4 de marzo", "12 de marzo de 2024", "marzo 4".
  spans(regex(raw`(?<![\p{L}\p{N}]|\d[.,])\d{1,2}[ \t]+de[ \t]+${MES}(?:[ \t]+(?:de[ \t]+|del[ \t]+)?${YEAR})?${DATE_END}`, "i"), "DATE"),
  spans(regex(raw`(?<![\p{L}])${MES}[ \t]+\d{1,2}(?:,?[ \t]+(?:de[ \t]+)?${YEAR})?${DATE_END}`, "i"), "DATE"),
  // Notes write dates as "called 3/16", "med error 10/3", "Wed 3/16", "restraint 10/28 at 21:15": after a
  // verb in the past, a word for an event or a weekday, or before a time of day.
  spans(regex(raw`(?=\d)(?<=\b(?:${DATE_INTRO})[ \t:]{1,4})${MONTH_DAY}${NOT_A_FRACTION}`, "i"), "DATE", notAScore),
  spans(regex(raw`(?<![\p{L}\p{N}\/.,\-])${MONTH_DAY}(?=[ \t]+(?:at|@)[ \t]*\d{1,2}(?::\d{2}|[ \t]*[ap]\.?m\b)|[ \t]+\d{1,2}:\d{2}|[ \t]*@[ \t]*\d)`, "i"), "DATE", notAScore),
  spans(
    regex(raw`(?<![A-Za-z\p{N}+]|\d[.\-])(?:\+?1[ .\-]?)?(?:\(\d{3}\)|\d{3})[ .\-]?\d{3}[ .\-]?\d{4}(?:,?[ \t]*(?:[xX]|[Ee]xt\.?|[Ee]xtension|#)[ \t]*\d{1,6})?(?!\d)`),
    "PHONE",
  ),
  spans(regex(raw`(?<![A-Za-z\p{N}+])\+[2-9]\d{0,2}(?<sep>[ .\-]?)(?:\(\d{1,4}\) ?)?\d{1,5}(?:\k<sep>\d{1,8}){1,5}(?!\d|[\/.\-]\d)`), "PHONE", internationalPhone),
  spans(regex(raw`(?<![\p{N}+]|\d[ .\-])0\d{2,4}[ \-]\d{3,4}[ \-]?\d{3,4}(?!\d)`), "PHONE", withDigits(10, 11)),
  spans(regex(raw`(?<![\p{N}\-])\d{3}[\-.]\d{4}(?!\p{N}|[\-.]\d)`), "PHONE"),
  ...PLACE_DETECTORS,
  ...LONG_NUMBERS,
];

// An identifier found once is one wherever it appears again, in any field: "My zip is 45440" after
// "Ohio 45440-2317", a serial repeated in a note. Only values long enough not to be ordinary numbers.
const SPREAD_TYPES = new Set(["ZIP", "ID", "ACCOUNT", "MRN", "SSN", "DEVICE"]);
const VALUE_DETECTORS: Detector[] = [...LABELLED, ...ID_DETECTORS, SSN_SHAPE, CARD_SHAPE, ...PLACE_DETECTORS, ...LONG_NUMBERS];

function knownValues(texts: string[], detectors: Detector[]): Detector {
  const types = new Map<string, Span["type"]>();
  for (const text of texts) {
    for (const detect of detectors) {
      for (const span of detect(text)) {
        if (!SPREAD_TYPES.has(span.type) || span.replacement !== undefined) continue;
        const value = text.slice(span.start, span.end);
        if (value.replace(/[^\p{L}\p{N}]/gu, "").length >= 5 && !types.has(value)) types.set(value, span.type);
        const zip = /^(\d{5})-\d{4}$/.exec(value);
        if (zip && !types.has(zip[1]!)) types.set(zip[1]!, "ZIP");
      }
    }
  }
  if (types.size === 0) return () => [];
  const values = [...types.keys()].sort((a, b) => b.length - a.length);
  const pattern = regex(raw`(?<![\p{L}\p{N}]|\p{N}[.,\-])(?:${values.map(escapeRegex).join("|")})(?![\p{L}\p{N}]|[.,\-]\p{N})`);
  return (text) => [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length, type: types.get(match[0])! }));
}

// A name introduced once ("Nurse Kelly") is a name wherever it appears again, in any field, and so is
// a name already in the map. Only capitalized mentions (or the exact form introduced) count, so a word
// wrongly taken for a name ("Name: Unknown") does not spread to every "unknown".
/** Every detector for these texts: the record's identifiers, labelled and patterned ones, and names found by context anywhere. */
export function detectorsFor(known: KnownIdentifiers, texts: string[], map: PlaceholderMap): Detector[] {
  // The first pass over the texts finds what the second finds again: each detector runs once per text.
  const memo = new Map<Detector, Detector>();
  const once = (detect: Detector): Detector => {
    let cached = memo.get(detect);
    if (!cached) {
      const results = new Map<string, Span[]>();
      cached = (text) => {
        const found = results.get(text) ?? detect(text);
        results.set(text, found);
        return found;
      };
      memo.set(detect, cached);
    }
    return cached;
  };
  const contextNames = CONTEXT_NAMES.map(once);
  const introduced = new Set<string>();
  for (const text of texts) {
    const found = contextNames.flatMap((detect) => detect(text));
    for (const span of found) introduced.add(text.slice(span.start, span.end));
    // With the surname that follows ("Gladys" → "Gladys Pemberton"), so its parts count as a full name.
    for (const span of extendNames(text, found.map((span) => ({ ...span })))) if (span.type === "NAME") introduced.add(text.slice(span.start, span.end));
  }
  for (const [placeholder, value] of Object.entries(map)) if (placeholder.startsWith("[NAME_")) introduced.add(value);
  return [
    ...LABELLED.map(once),
    knownEmails(known.emails),
    knownPhones(known.phones),
    knownNames(known.names),
    knownNames(introduced, true),
    ...NUMBER_DETECTORS.map(once),
    ...PATTERNS.map(once),
    knownValues(texts, VALUE_DETECTORS.map(once)),
    ...contextNames,
  ];
}

// Longest first, then the more specific detector. A span inside one already taken is dropped; one that
// overlaps it only in part widens it instead, so no piece of an identifier is left in the text. Names
// then take in a surname or a bracketed alias that follows them.
/** The spans that win, in text order. */
export function select(text: string, detectors: Detector[]): Span[] {
  const candidates = detectors.flatMap((detect, rank) => detect(text).map((span) => ({ ...span, rank })));
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  let taken: Span[] = [];
  for (const { start, end, type, replacement } of candidates) {
    const overlapping = taken.filter((span) => start < span.end && end > span.start);
    if (overlapping.length === 0) taken.push(replacement === undefined ? { start, end, type } : { start, end, type, replacement });
    else if (!overlapping.some((span) => span.start <= start && end <= span.end)) {
      const widened = {
        start: Math.min(start, ...overlapping.map((span) => span.start)),
        end: Math.max(end, ...overlapping.map((span) => span.end)),
        type: overlapping[0]!.type,
      };
      taken = [...taken.filter((span) => !overlapping.includes(span)), widened];
    }
  }
  return extendNames(text, taken).sort((a, b) => a.start - b.start);
}

/** A phone number reduced to its national digits (and extension), so formats compare equal. */
export function phoneKey(value: string): string {
  const [main = "", extension] = value.split(/x|ext|#/i);
  const digits = main.replace(/\D/g, "");
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  const ext = extension?.replace(/\D/g, "");
  return ext ? `${national}x${ext}` : national;
}
