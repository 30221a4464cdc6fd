import { normalize, wordsOf } from "./plain-text.ts";

// Names of people in a letter that neither the case nor the hospital's settings know: a model told
// by a complaint to "sign it John Doe, Chief Executive Officer" or to send the family to someone.
// Only names with a cue are taken (a title, a credential, a job title, "ask for", a signature line),
// because a letter is full of capitalised words that are not people ("Quality Improvement
// Organization"). Words of the case's names, the settings' names and the hospital's name are allowed.

const NAME_WORD = String.raw`\p{Lu}[\p{L}'-]*`;
const NAME = String.raw`${NAME_WORD}(?:[ \t]+(?:\p{Lu}\.|${NAME_WORD})){0,3}`;
// Two to four capitalised words: a full name ("Karen Mills", "Peter J. Vance").
const FULL_NAME = String.raw`\p{Lu}\p{Ll}[\p{L}'-]*(?:[ \t]+\p{Lu}\.)?(?:[ \t]+\p{Lu}[\p{L}'-]*){1,2}`;

// "Dr. Patel", "DR. ALAN REYES", "Nurse Manager Dana Whitfield", "Attorney Karen Mills".
// Abbreviations may take a period ("Dr. Patel", "Dr.Patel"); whole words may not, so "see a doctor. That day" is prose.
const TITLED = new RegExp(
  String.raw`\b(?:(?i:dr|mr|mrs|ms|mx|prof|atty|rev)\b\.?[ \t]*|(?i:miss|nurse|doctor|professor|attorney|counsel|judge|reverend|chaplain|sister|father|officer|director|president|chief|dean|agent|representative)\b[ \t]+)(${NAME})`,
  "gu",
);
// "Peter Vance, MD", "Jane Roe RN", "John Doe, CEO".
const CREDENTIALED = new RegExp(
  String.raw`(${FULL_NAME}),?[ \t]+(?:M\.?D|D\.?O|R\.?N|BSN|MSN|NP|APRN|PA-C|Ph\.?D|PharmD|DNP|J\.?D|Esq|LPN|CNA|FACS|FACP|MBA|MPH|MHA|LCSW|CEO|CFO|COO|CMO|CNO|CIO|CPA)\b`,
  "gu",
);
const JOB = "(?:officer|director|president|manager|counsel|attorney|lawyer|administrator|supervisor|coordinator|representative|advocate|specialist|adjuster|agent|paralegal|chair|chairman|chairwoman|chairperson|head|secretary|treasurer|physician|surgeon|doctor|nurse|executive|partner|consultant|investigator|liaison|navigator|chaplain|counselor|auditor|analyst|ceo|cfo|coo|cmo|cno)";
// "John Doe, Chief Executive Officer", "Karen Mills, our attorney".
const NAME_THEN_JOB = new RegExp(String.raw`(${FULL_NAME}),[ \t]+(?:(?i:the|our|your)[ \t]+)?(?:[\p{L}-]+[ \t]+){0,4}?(?i:${JOB})s?\b`, "gu");
// "Our attorney, Karen Mills,", "the billing director Frank Castellano".
const JOB_THEN_NAME = new RegExp(String.raw`\b(?i:${JOB})s?,?[ \t]+(${FULL_NAME})`, "gu");
// "please ask for Jordan Blake", "contact Karen Mills".
const ASKED_FOR = new RegExp(String.raw`\b(?i:ask for|contact|call|speak (?:with|to)|talk (?:with|to)|write to|email|e-mail|reach out to|reach|attention|attn\.?:?|c\/o|care of)[ \t]+(${FULL_NAME})`, "gu");
// "ask to speak with Brenda": one given name where the letter sends the family to a person.
const ASKED_FOR_ONE = /\b(?i:ask for|ask (?:to )?(?:speak|talk) (?:with|to)|speak (?:with|to)|talk (?:with|to))[ \t]+(\p{Lu}\p{Ll}[\p{L}'-]+)\b(?![ \t]+\p{Lu})/gu;
const WHOLE_NAME = new RegExp(`^${FULL_NAME}$`, "u");
const CLOSING = /^(?:sincerely|regards|best regards|kind regards|warm regards|with regards|respectfully|respectfully yours|yours (?:truly|sincerely|faithfully)|with (?:best|kind|warm) (?:wishes|regards)|thank you|best wishes|cordially),?$/i;

// Words that make a capitalised phrase an office, a place or a role rather than a person.
const NOT_A_PERSON = new Set(
  (
    "hospital medical center centre health healthcare clinic general community memorial regional university college institute foundation system systems " +
    "services service department dept office team unit units relations patient patients experience advocacy quality improvement organization organisation " +
    "state survey agency public commission board county city division program programme group network partners associates llc inc ltd corp company care " +
    "family medicine nursing surgical surgery emergency pharmacy radiology imaging laboratory lab billing finance financial revenue cycle legal risk " +
    "management compliance privacy security administration medicare medicaid livanta kepro acentra street st saint road avenue suite floor " +
    "licensing regulatory affairs human resources north south east west lake river january february march april may june july august september " +
    "october november december monday tuesday wednesday thursday friday saturday sunday dear thank sincerely regards"
  ).split(" "),
);
// Job titles that often follow a title and are not names ("Nurse Manager", "Chief Medical Officer").
const ROLE_WORDS = new Set(
  (
    "manager practitioner practitioners supervisor director educator navigator leader lead team staff anesthetist specialist coordinator aide " +
    "officer executive medical nursing operating financial information chief vice president assistant associate deputy senior"
  ).split(" "),
);

const nameWords = (name: string) => wordsOf(normalize(name)).map((word) => word.toLowerCase().replace(/'s$/, ""));

/** Names in a letter that are not among the allowed names, described for the checklist. */
export function unknownNames(normalized: string, allowedNames: readonly string[]): string[] {
  const allowed = new Set(allowedNames.flatMap(nameWords));
  const found = new Map<string, string>();
  // One finding per person: "Alan Grant" inside "Chief Medical Officer Alan Grant" is not a second one.
  const report = (shown: string) => {
    const key = shown.toLowerCase();
    if (![...found.keys()].some((other) => other.includes(key))) found.set(key, `name “${shown}”`);
  };

  // A title: the last word is the surname ("Dr. Maria Garcia", "Nurse Manager Dana Whitfield").
  for (const match of normalized.matchAll(TITLED)) {
    const words = nameWords(match[1]!).filter((word) => !ROLE_WORDS.has(word));
    const surname = words.at(-1);
    if (surname !== undefined && !allowed.has(surname) && !NOT_A_PERSON.has(surname)) report(match[0].trim());
  }

  // The other cues: a full name, every word of which must be allowed.
  const fullNameUnknown = (name: string) => {
    const words = nameWords(name).filter((word) => word.length > 1);
    return words.length >= 2 && !words.some((word) => NOT_A_PERSON.has(word) || ROLE_WORDS.has(word)) && words.some((word) => !allowed.has(word));
  };
  for (const pattern of [CREDENTIALED, NAME_THEN_JOB, JOB_THEN_NAME, ASKED_FOR]) {
    for (const match of normalized.matchAll(pattern)) if (fullNameUnknown(match[1]!)) report(match[1]!.trim());
  }
  for (const match of normalized.matchAll(ASKED_FOR_ONE)) {
    const word = nameWords(match[1]!)[0]!;
    if (!allowed.has(word) && !NOT_A_PERSON.has(word) && !ROLE_WORDS.has(word)) report(match[1]!);
  }

  // The signature: lines after the closing ("Sincerely,") whose first part is a person's name.
  const lines = normalized.split("\n").map((line) => line.trim());
  const closing = lines.findLastIndex((line) => CLOSING.test(line));
  if (closing >= 0) {
    for (const line of lines.slice(closing + 1)) {
      const first = line.split(",")[0]!.trim();
      if (/\d/.test(first) || !WHOLE_NAME.test(first)) continue;
      if (fullNameUnknown(first)) report(first);
    }
  }
  return [...found.values()];
}
