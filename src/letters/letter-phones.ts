// Phone numbers in a letter, in the shapes people write and the disguises a model uses when a
// complaint tells it to slip a number past the checks: words ("five five five, one two three
// four"), spaced digits ("5 5 5 - 3 1 9"), "triple five", and vanity numbers ("1-800-FIX-BILL").

const PHONE_PATTERNS = [
  /(?<![\w+])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\d)/g,
  /(?<![\w+])\+\d{1,3}(?:[ .-]?\d{2,4}){2,4}(?!\d)/g,
  /(?<![\w-])\d{3}-\d{4}(?![\w-])/g,
];
const VANITY_PATTERNS = [
  // Vanity numbers with dashes or dots, any case: 1-800-MEDICARE, 1-888-lost-item, (555) FIX-BILL.
  /(?<![\w-])(?:\+?1[ .-])?(?:\(\d{3}\)[ .-]?|\d{3}[.-])[A-Za-z0-9]{2,}(?:[.-][A-Za-z0-9]+){0,3}(?![\w-])/g,
  // Vanity numbers spaced out, in capitals only, so ordinary words after a number are left alone: 1 800 HIP CARE.
  /(?<![\w-])(?:1 )?\d{3} [A-Z0-9]{2,}(?: [A-Z0-9]{2,}){0,2}(?![\w-])/g,
];

const TOLL_FREE = /^(?:800|833|844|855|866|877|888)$/;

// A vanity candidate must spell a number: three letters or more and at least seven characters after
// the area code. Lower case is only taken after a toll-free code, a "1-" or parentheses, so
// "100-year-old" stays a word.
function isVanity(candidate: string): boolean {
  const match = /^(\+?1[ .-])?(?:\((\d{3})\)[ .-]?|(\d{3})[ .-])(.*)$/.exec(candidate);
  if (!match) return false;
  const rest = match[4]!.replace(/[ .-]/g, "");
  const letters = rest.replace(/[^A-Za-z]/g, "");
  if (letters.length < 3 || rest.length < 7) return false;
  if (letters === letters.toUpperCase()) return true;
  return Boolean(match[1]) || match[2] !== undefined || TOLL_FREE.test(match[3] ?? "");
}

/** Every phone number in a text once, digits or vanity; where patterns overlap the earliest, longest match wins. */
export function phonesIn(text: string): string[] {
  const found = (pattern: RegExp) => [...text.matchAll(pattern)].map((match) => ({ start: match.index, text: match[0] }));
  const matches = [...PHONE_PATTERNS.flatMap(found), ...VANITY_PATTERNS.flatMap(found).filter((match) => isVanity(match.text))];
  matches.sort((a, b) => a.start - b.start || b.text.length - a.text.length);
  const phones: string[] = [];
  let coveredUntil = -1;
  for (const match of matches) {
    if (match.start < coveredUntil) continue;
    phones.push(match.text);
    coveredUntil = match.start + match.text.length;
  }
  return phones;
}

/**
 * Digits only, without the US country code, so "(555) 201-4400" equals "+1 555.201.4400";
 * extensions stay on the end, so an allowed "555-201-4400 ext. 12" also allows the main number.
 */
export function phoneDigits(phone: string): string {
  const keypad = "22233344455566677778889999";
  const vanity = /[A-Z]{3,}/i.test(phone);
  let digits = phone
    .toUpperCase()
    .replace(/[A-Z]/g, (letter) => keypad[letter.charCodeAt(0) - 65]!)
    .replace(/\D/g, "");
  if (digits.startsWith("1") && (digits.length === 11 || (vanity && digits.length > 11))) digits = digits.slice(1);
  // Vanity numbers often carry extra letters: "1-800-MEDICARE" spells 8 digits after the 800.
  return vanity ? digits.slice(0, 10) : digits;
}

/** Whether a phone number is one of the allowed ones (compared by digits; a 7-digit number matches a full allowed number ending in it). */
export function isAllowedPhone(phone: string, allowedPhones: readonly string[]): boolean {
  const digits = phoneDigits(phone);
  return allowedPhones
    .map(phoneDigits)
    .filter((entry) => entry.length >= 7)
    .some((entry) => entry.startsWith(digits) || entry.startsWith(`1${digits}`) || (digits.length === 7 && entry.endsWith(digits)));
}

// ---------- numbers written in words or spaced digits ----------

const DIGIT_WORDS: Record<string, string> = {
  zero: "0", oh: "0", nought: "0", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", niner: "9",
};
const REPEAT_WORDS: Record<string, number> = { double: 2, triple: 3 };
// Words read aloud between the groups of a number ("five five five dash one two three four").
const SEPARATOR_WORDS = new Set(["dash", "hyphen", "dot", "point"]);

/** A run of number words and digit groups read as one number ("five five five, one two three four" → "5551234"). */
export interface DigitRun {
  start: number;
  end: number;
  /** The run as written. */
  text: string;
  digits: string;
  /** How many digits came from words ("double four" counts two). */
  wordDigits: number;
  /** How many groups were a single written digit ("5 5 5"). */
  singleDigits: number;
}

// Between the pieces of one number: spaces, commas, dots, dashes, slashes and parentheses, briefly.
const SEPARATOR = /^[\s,.()/-]{0,4}$/;

/** Runs of number words and digit groups in a text, read as numbers. */
export function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  // The run being read, and how many times the next digit counts ("triple five").
  let run: DigitRun | null = null;
  let repeat = 1;
  for (const token of text.matchAll(/\d+|\p{L}+/gu)) {
    const word = token[0].toLowerCase();
    const start = token.index;
    const end = start + token[0].length;
    const isNumber = /^\d+$/.test(word);
    const digit = isNumber ? word : DIGIT_WORDS[word];
    const repeats = REPEAT_WORDS[word];
    const follows = run !== null && SEPARATOR.test(text.slice(run.end, start));
    // A separator word keeps a run open, if the next piece of the number follows it closely.
    if (run && follows && SEPARATOR_WORDS.has(word)) {
      run.end = end;
      continue;
    }
    if (run && (!follows || (digit === undefined && repeats === undefined))) {
      runs.push({ ...run, text: text.slice(run.start, run.end) });
      run = null;
      repeat = 1;
    }
    if (digit === undefined && repeats === undefined) continue;
    run ??= { start, end, text: "", digits: "", wordDigits: 0, singleDigits: 0 };
    run.end = end;
    if (repeats !== undefined) {
      // "double" only counts when a digit follows; the run stays open for it.
      repeat = repeats;
      continue;
    }
    run.digits += isNumber ? digit! : digit!.repeat(repeat);
    if (!isNumber) run.wordDigits += repeat;
    else if (word.length === 1) run.singleDigits += 1;
    repeat = 1;
  }
  if (run) runs.push({ ...run, text: text.slice(run.start, run.end) });
  return runs;
}

/**
 * Phone numbers written in words, as spaced single digits, or in groups no phone pattern knows: a
 * run of 7 to 15 digits with at least three digits in words or five single written digits, or ten
 * or eleven digits in three or more groups split only by spaces, dots, dashes or parentheses
 * ("555 201 99 99"). Ordinary numbers in a letter ("March 20, 2025, one nurse") are none of these.
 */
export function disguisedPhonesIn(text: string): DigitRun[] {
  return digitRuns(text).filter((run) => {
    if (run.digits.length < 7 || run.digits.length > 15) return false;
    if (run.wordDigits >= 3 || run.singleDigits >= 5) return true;
    const groups = run.text.split(/[ .()-]+/).filter(Boolean);
    return /^[\d .()-]+$/.test(run.text) && groups.length >= 3 && (run.digits.length === 10 || (run.digits.length === 11 && run.digits.startsWith("1")));
  });
}
