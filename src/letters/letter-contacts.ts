import { normalize, trimTrailing, wordsOf } from "./plain-text.ts";

// What counts as a contact in a letter (links, emails, phone numbers, names in title form), and
// which of them the hospital's settings and the case allow.

export interface ContactContext {
  contactPersonName: string;
  allowedNames: string[];
  allowedPhones: string[];
  allowedUrls: string[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL_PATTERN =
  /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|gov|edu|mil|info|biz|io|co|us|uk|ca|health|care|app|ly|me|xyz|site|online|link|example|test)\b(?:\/[^\s<>"]*)?/gi;
const PHONE_PATTERNS = [
  /(?<![\w+])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\d)/g,
  /(?<![\w+])\+\d{1,3}(?:[ .-]?\d{2,4}){2,4}(?!\d)/g,
  /(?<![\w-])\d{3}-\d{4}(?![\w-])/g,
  // Vanity numbers such as 1-800-MEDICARE.
  /(?<![\w-])(?:1-)?8\d\d-[A-Z]{3,}(?:-[A-Z]+)?(?![\w-])/g,
];
/** Every link or email in a text, e.g. from the hospital's settings. */
export function linksIn(text: string): string[] {
  return [...(text.match(URL_PATTERN) ?? []), ...(text.match(EMAIL) ?? [])];
}

const TITLED_NAME = /\b(?:Dr|Mr|Mrs|Ms|Mx|Miss|Nurse|Doctor|Prof)\b\.?[ \t]+(\p{Lu}[\p{L}'-]*(?:[ \t]+\p{Lu}[\p{L}'-]*){0,3})/gu;
// Job titles that often follow "Nurse" or "Dr." and are not names ("Nurse Manager").
const ROLE_WORDS = new Set(
  "manager practitioner practitioners supervisor director educator navigator leader lead team staff anesthetist specialist coordinator aide".split(" "),
);

/** Links, emails, phone numbers and titled names in a letter that are not among the allowed ones, described for the checklist. */
export function unknownContacts(normalized: string, context: ContactContext): string[] {
  const found: string[] = [];
  const allowedLinks = new Set(context.allowedUrls.map(normalizeLink));

  let rest = normalized;
  for (const match of normalized.matchAll(EMAIL)) {
    const email = trimTrailing(match[0]);
    if (!allowedLinks.has(normalizeLink(email))) found.push(`email “${email}”`);
    rest = rest.replace(match[0], " ");
  }
  for (const match of rest.matchAll(URL_PATTERN)) {
    const link = trimTrailing(match[0]);
    if (!allowedLinks.has(normalizeLink(link))) found.push(`link “${link}”`);
  }

  const allowedPhones = context.allowedPhones.map(phoneDigits).filter((digits) => digits.length >= 7);
  for (const phone of phonesIn(normalized)) {
    const digits = phoneDigits(phone);
    const allowed = allowedPhones.some(
      (entry) => entry.startsWith(digits) || entry.startsWith(`1${digits}`) || (digits.length === 7 && entry.endsWith(digits)),
    );
    if (!allowed) found.push(`phone “${phone}”`);
  }

  const allowedNameWords = new Set(
    [...context.allowedNames, context.contactPersonName].flatMap((name) => nameWords(normalize(name))),
  );
  for (const match of normalized.matchAll(TITLED_NAME)) {
    const words = nameWords(match[1]!).filter((word) => !ROLE_WORDS.has(word));
    const surname = words.at(-1);
    // The last capitalized word is the surname in "Dr. Maria Garcia" and in "Nurse Manager Dana Whitfield".
    if (surname !== undefined && !allowedNameWords.has(surname)) found.push(`name “${match[0].trim()}”`);
  }

  return found;
}

/** Every phone number in a text once (the contacts check's own patterns), e.g. from the hospital's settings. */
// Where patterns overlap ("201-4400" inside "(555) 201-4400") the earliest, longest match wins.
export function phonesIn(text: string): string[] {
  const matches = PHONE_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => ({ start: match.index, text: match[0] })));
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

// Digits only, without the US country code, so "(555) 201-4400" equals "+1 555.201.4400";
// extensions stay on the end, so an allowed "555-201-4400 ext. 12" also allows the main number.
function phoneDigits(phone: string): string {
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

function normalizeLink(link: string): string {
  return link
    .toLowerCase()
    .replace(/^mailto:/, "")
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}

function nameWords(name: string): string[] {
  return wordsOf(name).map((word) => word.toLowerCase().replace(/'s$/, ""));
}
