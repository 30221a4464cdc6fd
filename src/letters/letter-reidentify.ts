import { linksIn } from "./letter-links.ts";
import { isAllowedPhone, phonesIn } from "./letter-phones.ts";
import { fold } from "./redact-detectors.ts";
import { type PlaceholderMap, type PlaceholderType, reidentify } from "./redact.ts";

// Re-identification of a drafted letter puts back only what a letter may contain: the names of the
// patient and of the person who raised the concern, the hospital's own names and contact details,
// and the letter's own dates (which the letter facts turned into placeholders themselves). Every
// other placeholder stays in the text as "[MRN_1]", "[NAME_4]", …, so the placeholders check
// refuses the letter: record, Social Security, account and member numbers, ids and IP addresses
// never, and nothing that belongs to someone else (a nurse named in a note, another patient), nor
// the patient's own phone, email, address or other dates from the case text.

/** Who and what a letter may name: from the case record and the hospital's letter settings. */
export interface LetterIdentity {
  /** The patient's and the correspondent's names as the case records them. */
  people: string[];
  /** The hospital's people as the settings name them: the contact person and the signatory. */
  staff: string[];
  /** The hospital's contact texts from the settings: contact block, State agency, QIO. */
  contacts: string[];
  /** Placeholders the letter's facts made for the letter's own dates; always put back. */
  letterPlaceholders: string[];
}

const PARTICLES = new Set(["de", "del", "la", "las", "los", "da", "di", "van", "von", "der", "den", "du", "le", "y", "e", "bin", "ibn", "al", "jr", "sr", "ii", "iii"]);
const nameWords = (name: string) =>
  fold(name)
    .toLowerCase()
    .replace(/[’ʼ]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/'s$/, ""))
    .filter((word) => word.length > 1 && !PARTICLES.has(word));
const flatText = (text: string) => fold(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const normalizeLink = (link: string) =>
  link
    .toLowerCase()
    .replace(/^mailto:/, "")
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[/.]+$/, "");

/** The rule for one letter: which placeholder values may go back into it. */
function restorePolicy(identity: LetterIdentity) {
  // A name may be the whole of an allowed name or part of it ("Maria", "Testpatient, Maria"), never a
  // different person who shares a part ("Carlos Testpatient").
  const names = [...identity.people, ...identity.staff].map((name) => new Set(nameWords(name))).filter((words) => words.size > 0);
  const contactText = identity.contacts.join("\n");
  const phones = phonesIn(contactText);
  const links = new Set(linksIn(contactText).map(normalizeLink));
  const flatContacts = flatText(contactText);
  const always = new Set(identity.letterPlaceholders);

  return (placeholder: string, type: PlaceholderType | undefined, value: string): boolean => {
    if (always.has(placeholder)) return true;
    switch (type) {
      case "NAME": {
        const words = nameWords(value);
        return words.length > 0 && names.some((allowed) => words.every((word) => allowed.has(word)));
      }
      case "PHONE": {
        // Compared as the contacts check compares them: "555-640-7788 ext. 214" is the hospital's line.
        const written = phonesIn(value);
        return written.length > 0 && written.every((phone) => isAllowedPhone(phone, phones));
      }
      case "EMAIL":
      case "URL":
        return links.has(normalizeLink(value));
      case "ADDRESS":
      case "ZIP": {
        const flat = flatText(value);
        return flat.length >= 5 && ` ${flatContacts} `.includes(` ${flat} `);
      }
      default:
        // MRN, SSN, ACCOUNT, ID, IP, DATE (other than the letter's own) and unknown kinds: never.
        return false;
    }
  };
}

/** Re-identifies a letter's text for this case; `withheld` lists the placeholders left in it on purpose. */
export function reidentifyLetter(text: string, map: PlaceholderMap, identity: LetterIdentity): { text: string; withheld: string[]; unresolved: string[] } {
  const result = reidentify(text, map, restorePolicy(identity));
  return { text: result.text, withheld: result.withheld ?? [], unresolved: result.unresolved };
}

/** A re-identifier for one letter's sections, sharing one policy. */
export function letterReidentifier(map: PlaceholderMap, identity: LetterIdentity): (text: string) => string {
  const policy = restorePolicy(identity);
  return (text) => reidentify(text, map, policy).text;
}
