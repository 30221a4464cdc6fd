import { digitRuns, phoneDigits } from "./letter-phones.ts";

// Identifiers a letter never carries, whoever wrote them (the model, re-identification, or a manager
// editing the text): medical record, Social Security, account, member, policy, claim and Medicare
// numbers, card numbers and IP addresses. They are found by shape ("123-45-6789", "1EG4-TE5-MK73")
// and by a label before a number ("MRN 4471203", "member ID is W one two three…"), also when the
// digits are written in words. A number that is one of the hospital's own phone numbers is not one.

// The labels that make the number after them an identifier.
const LABEL = String.raw`(?:MRN|MR ?#|medical record(?: number| no\.?| #)?|(?:health |patient )?record(?: number| no\.?| #)|chart(?: number| no\.?| #)?|patient (?:id|identifier|number|no\.?|#)|account(?: number| no\.?| #| id)?|acct\.?(?: number| no\.?| #)?|member(?: id| number| no\.?| #)?|subscriber(?: id| number| no\.?)?|policy(?: number| no\.?| #| id)?|group(?: number| no\.?| #)|insurance (?:id|number|no\.?|#)|claim(?: number| no\.?| #| id)?|medicare(?: number| id| no\.?| #| card number| beneficiary identifier)?|MBI|medicaid(?: number| id| no\.?| #)?|SSN|social security(?: number| no\.?| #)?|tax id|ITIN|invoice(?: number| no\.?| #)|statement(?: number| no\.?| #)|encounter(?: number| id| no\.?)|visit (?:number|id)|guarantor(?: number| id)?|driver'?s licen[cs]e(?: number| no\.?)?|passport(?: number| no\.?)?|ID)`;
// What may stand between the label and the number: "is", "of", "ending in", "last four digits".
const FILLER = String.raw`(?:[\s:#,.-]|\b(?:is|was|of|on file|ending in|that ends in|ends in|ending with|last four(?: digits)?|last 4(?: digits)?|digits)\b)*`;
// A letter prefix is upper case ("W123456789", "A 1234567"), so "Medicare at 1-800-…" is no value.
const VALUE = String.raw`((?:(?-i:[A-Z]{1,3})[ -]?)?[A-Z0-9]*\d[A-Z0-9-]*)`;
const LABELLED = new RegExp(String.raw`\b${LABEL}${FILLER}${VALUE}`, "gi");

const SHAPES: { what: string; pattern: RegExp }[] = [
  { what: "SSN-shaped number", pattern: /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g },
  { what: "masked SSN", pattern: /(?<![\w-])(?:x{3}|\*{3}|#{3})[- ]?(?:x{2}|\*{2}|#{2})[- ]?\d{4}(?![\w-])/gi },
  { what: "card number", pattern: /(?<![\d-])\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?![\d-])/g },
  { what: "Medicare number", pattern: /(?<![\w-])[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}(?![\w-])/g },
  { what: "record number", pattern: /(?<![\w-])[A-Z]{1,3}\d{6,}(?![\w-])/g },
  { what: "long number", pattern: /(?<![A-Za-z\d$.,/-])\d{8,}(?![\d,/-]|\.\d)/g },
  { what: "IP address", pattern: /(?<![\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?!\d|\.\d)/g },
];

const digitCount = (value: string) => value.replace(/\D/g, "").length;
// Years and short numbers after a label are not identifiers ("claim 2024 was filed", "record 12").
const isIdentifierValue = (value: string) => digitCount(value) >= 4 && !/^(?:19|20)\d\d$/.test(value);

/** Every letter and digit but the last two hidden: the checklist says what was found without repeating it. */
function masked(value: string): string {
  const total = value.replace(/[^A-Za-z0-9]/g, "").length;
  let seen = 0;
  return value.replace(/[A-Za-z0-9]/g, (character) => (++seen > total - 2 ? character : "•"));
}

// Number words become digits, so "member ID is W one two three four five six seven eight" reads as
// "member ID is W 12345678"; runs of fewer than three number words stay as written.
function digitized(text: string): string {
  let result = "";
  let at = 0;
  for (const run of digitRuns(text)) {
    if (run.wordDigits < 3) continue;
    result += `${text.slice(at, run.start)}${run.digits}`;
    at = run.end;
  }
  return result + text.slice(at);
}

/** Identifiers in a letter, described (masked) for the checklist; `allowedPhones` are numbers that are not identifiers. */
export function identifiersIn(normalized: string, allowedPhones: readonly string[] = []): string[] {
  const phones = new Set(allowedPhones.map(phoneDigits));
  const isPhone = (value: string) => phones.has(phoneDigits(value));
  const found = new Map<string, string>();
  const add = (key: string, description: string) => {
    if (!found.has(key)) found.set(key, description);
  };
  const labelled = (text: string, how: string) => {
    for (const match of text.matchAll(LABELLED)) {
      const value = match[1]!.replace(/[-.]+$/, "");
      if (!isIdentifierValue(value) || isPhone(value)) continue;
      const label = match[0].slice(0, match[0].lastIndexOf(match[1]!)).trim();
      add(value.replace(/\W/g, "").toLowerCase(), `identifier “${label} ${masked(value)}”${how}`);
    }
  };
  labelled(normalized, "");
  for (const { what, pattern } of SHAPES) {
    for (const match of normalized.matchAll(pattern)) {
      if (isPhone(match[0])) continue;
      add(match[0].replace(/\W/g, "").toLowerCase(), `${what} “${masked(match[0])}”`);
    }
  }
  // In words, only a label makes a number an identifier: a phone number in words is the contacts check's.
  const words = digitized(normalized);
  if (words !== normalized) labelled(words, " (in words)");
  // A labelled value and its shape are one finding: keep the first description of each.
  return [...found.values()];
}
