// Deterministic checks on a grievance letter's full plain text, run on every AI draft and on every
// manual edit before a manager approves it. CMS (SOM Appendix A, A-0123) requires the contact
// person, the steps taken, the results and the date of completion; risk management forbids
// admitting fault or promising money. AI drafts are sometimes unsafe and reviewers anchor on them
// (DOMAIN.md), so the approver sees what passed and what did not. The checks only see plain text
// because a manager may rewrite any part of the letter.
//
// Limits: these are English word patterns. They catch the usual wordings, not every paraphrase
// ("we regret our error" is not flagged; "ED" does not answer "emergency department"), so a pass
// never replaces reading the letter. Names are only caught in title form ("Dr. Patel").

import { issuesAnswered } from "./issues-answered.ts";
import { unknownContacts } from "./letter-contacts.ts";
import { escapeRegExp, normalize, splitSentences, wordsOf } from "./plain-text.ts";
import { readingGrade } from "./reading-grade.ts";

// The letter service finds the hospital's own phone numbers and links with the same patterns.
export { linksIn, phonesIn } from "./letter-contacts.ts";
export { readingGrade };

/** Check ids with the label a patient-relations manager sees. */
export const LETTER_CHECKS = {
  contact_person: "Names the hospital contact person",
  steps_taken: "Describes the steps taken to investigate",
  results: "States the results",
  date_of_completion: "Gives the date the review was completed",
  expected_date: "Says when the written response will follow",
  issues_answered: "Answers every issue the patient raised",
  no_liability: "Does not admit liability or fault",
  no_compensation: "Does not promise money or compensation",
  no_withholding: "Does not say the results will be withheld",
  no_unknown_contacts: "No unknown links, emails, phone numbers or names",
  placeholders_resolved: "No placeholders or template gaps left",
  qio_notice: "Tells a Medicare patient about the QIO",
  state_agency_notice: "Tells the patient about the State agency",
  reading_grade: "Easy to read",
  length: "Length within limits",
} as const;

/** One of the letter checks. */
export type LetterCheckId = keyof typeof LETTER_CHECKS;

/** What the checks need to know about the case; names, phones and links come re-identified. */
export interface LetterCheckContext {
  kind: "response" | "interim";
  issuesRaised: string[];
  contactPersonName: string;
  allowedNames: string[];
  allowedPhones: string[];
  allowedUrls: string[];
  requiresQioNotice: boolean;
  stateAgencyRequired: boolean;
  maxReadingGrade: number;
  /** The length check's word range: LETTER_LIMITS (letter-limits.ts) in production. */
  minWords: number;
  maxWords: number;
}

/** The outcome of one check; advisory checks have required: false. */
export interface LetterCheck {
  id: LetterCheckId;
  label: string;
  passed: boolean;
  required: boolean;
  detail?: string;
}

/** Runs every check in a fixed order; checks that do not apply pass as not required. */
export function checkLetter(text: string, context: LetterCheckContext): LetterCheck[] {
  const normalized = normalize(text);
  // Phrase patterns use single spaces, so line breaks inside a phrase must not hide it.
  const flat = normalized.replace(/\s+/g, " ").trim();
  const response = context.kind === "response";
  const notForInterim = "Not required in an interim letter.";
  const notForResponse = "Only for interim letters.";
  return [
    contactPersonCheck(flat, context.contactPersonName),
    response ? phraseCheck("steps_taken", flat, STEPS_TAKEN, "No investigation steps found (e.g. “we reviewed”, “we spoke with”).") : skip("steps_taken", notForInterim),
    response ? phraseCheck("results", flat, RESULTS, "No results found (e.g. “we found”, “our review found”, “we concluded”).") : skip("results", notForInterim),
    response ? completionDateCheck(normalized) : skip("date_of_completion", notForInterim),
    response ? skip("expected_date", notForResponse) : expectedDateCheck(normalized),
    // An interim letter says the review is still going on: its issues are answered in the response.
    response ? issuesCheck(text, context.issuesRaised) : skip("issues_answered", notForInterim),
    forbiddenCheck("no_liability", flat, LIABILITY),
    forbiddenCheck("no_compensation", flat, COMPENSATION),
    forbiddenCheck("no_withholding", flat, WITHHOLDING),
    contactsCheck(normalized, context),
    forbiddenCheck("placeholders_resolved", normalized.replace(/[ \t]+/g, " "), PLACEHOLDERS),
    context.requiresQioNotice
      ? phraseCheck("qio_notice", flat, QIO, "No mention of the QIO (Quality Improvement Organization).")
      : skip("qio_notice", "Not required for this patient."),
    context.stateAgencyRequired
      ? phraseCheck("state_agency_notice", flat, STATE_AGENCY, "No mention of the right to contact the State survey agency or state department of health.")
      : skip("state_agency_notice", "Not required for this letter."),
    readingGradeCheck(text, context.maxReadingGrade),
    lengthCheck(normalized, context.minWords, context.maxWords),
  ];
}

/** The required checks that failed: the letter cannot be approved while any remain. */
export function failedRequired(checks: LetterCheck[]): LetterCheck[] {
  return checks.filter((check) => check.required && !check.passed);
}

// ---------- phrase lists (matched case-insensitively on text with straight quotes) ----------

const STEPS_TAKEN = [
  /\bwe(?:'ve)?(?: (?:have|also|then|first|carefully|personally))* (?:reviewed|spoke (?:with|to)|spoken (?:with|to)|talked (?:with|to)|met with|interviewed|investigated|looked (?:into|at)|examined|checked)\b/gi,
  /\bour (?:review|investigation|look into this) (?:also )?(?:included|involved)\b/gi,
];

const RESULTS = [
  /\bwe(?:'ve)?(?: (?:have|also|then))* (?:found|determined|concluded|confirmed)\b/gi,
  /\bwe (?:did not|didn't) find\b/gi,
  /\bour (?:review|investigation) (?:also )?(?:found|showed|determined|concluded|confirmed)\b/gi,
  /\bas a result\b/gi,
  /\bthe outcome\b/gi,
  /\bfindings?\b/gi,
];

const LIABILITY = [
  /\bwe (?:were|are|have been) negligent\b/gi,
  /\bnegligen(?:t|ce)\b/gi,
  /\b(?:our|the hospital's|the staff's|my) fault\b/gi,
  /\bwe admit\b/gi,
  /\b(?:admit|accept|take) (?:full |complete |all )?(?:responsibility|liability|blame|fault)\b/gi,
  /\bmalpractice\b/gi,
  /\bliab(?:le|ility)\b/gi,
  /\bwe made (?:a |an )?(?:\w+ )?(?:mistake|error)s? (?:that|which) (?:caused|led to|resulted in)\b/gi,
  /\b(?:mistake|error)s? (?:that |which )?(?:caused|led to|resulted in) your\b/gi,
];

const COMPENSATION = [
  /\brefund\w*/gi,
  /\breimburs\w*/gi,
  /\bcompensat\w*/gi,
  /\bwe(?: will|'ll| would| can| are happy to| would like to) (?:pay|cover the cost)\w*/gi,
  /\bpay you\b/gi,
  /\$ ?\d+(?:[,.]\d+)*/g,
  /\b\d+(?:[,.]\d+)* (?:us )?dollars\b/gi,
  /\bwaiv(?:e|ed|es|ing)\b/gi,
  /\bwrite off\b|\bwritten off\b/gi,
  /\bfree of charge\b/gi,
  /\bsettle(?:ment)?\b/gi,
  /\bgift cards?\b/gi,
  /\bcredit (?:to )?your (?:account|bill)\b/gi,
];

const DISCLOSE = "(?:shared|disclosed|released|provided|revealed|discussed)";
const WITHHOLDING = [
  new RegExp(`\\b(?:will|would|can|could|shall|may|must) not be ${DISCLOSE}\\b`, "gi"),
  new RegExp(`\\b(?:won't|can't|cannot|couldn't|wouldn't|shan't) be ${DISCLOSE}\\b`, "gi"),
  /\b(?:cannot|can't|can not|unable to|not able to|will not|won't|do not|don't|may not) (?:share|disclose|release|provide|reveal|discuss|tell you) (?:\w+ ){0,3}?(?:results?|findings?|outcomes?|conclusions?)\b/gi,
];

const PLACEHOLDERS = [
  /\[[A-Z]+(?:_[A-Z]+)*_\d+\]/g,
  /\{\{[^{}]*\}\}/g,
  /\[ ?(?:insert|add|enter|fill in|tbd|todo|xx+)\b[^\]]*\]/gi,
  /<\s*insert\b[^>]*>/gi,
  /\[(?:your |the )?(?:patient|contact|hospital|date|name|phone|address|signature|title|department|unit)(?:'s)?(?: [a-z]+)*\]/gi,
];

// Beneficiary and Family Centered Care QIOs are named in some letters instead of "QIO".
const QIO = [/\bQIOs?\b/gi, /\bquality improvement organi[sz]ations?\b/gi, /\bBFCC\b/gi];

const STATE_AGENCY = [
  /\bstate (?:survey )?agency\b/gi,
  /\bstate (?:department|dept\.?) of (?:public )?health\b/gi,
  /\bstate health department\b/gi,
  // Named state departments ("Ohio Department of Health"), but not the federal HHS.
  /\bdepartment of (?:public )?health\b(?! and human services)/gi,
  /\bhealth and human services commission\b/gi,
  /\blicensing and certification\b/gi,
];

// ---------- the checks ----------

function make(id: LetterCheckId, passed: boolean, required: boolean, detail?: string): LetterCheck {
  const check: LetterCheck = { id, label: LETTER_CHECKS[id], passed, required };
  if (detail !== undefined) check.detail = detail;
  return check;
}

function skip(id: LetterCheckId, reason: string): LetterCheck {
  return make(id, true, false, reason);
}

function findAll(text: string, patterns: readonly RegExp[]): string[] {
  const found = new Map<string, string>();
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const phrase = match[0].trim();
      if (!found.has(phrase.toLowerCase())) found.set(phrase.toLowerCase(), phrase);
    }
  }
  return [...found.values()];
}

const quoted = (items: readonly string[]) => items.map((item) => `“${item}”`).join(", ");

function phraseCheck(id: LetterCheckId, flat: string, patterns: readonly RegExp[], missing: string): LetterCheck {
  const found = findAll(flat, patterns);
  return found.length > 0 ? make(id, true, true, `Found ${quoted(found.slice(0, 3))}.`) : make(id, false, true, missing);
}

function forbiddenCheck(id: LetterCheckId, text: string, patterns: readonly RegExp[]): LetterCheck {
  const found = findAll(text, patterns);
  return found.length === 0 ? make(id, true, true) : make(id, false, true, `Found ${quoted(found)}.`);
}

function contactPersonCheck(flat: string, name: string): LetterCheck {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return make("contact_person", false, true, "No contact person is set for this case.");
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${parts.map(escapeRegExp).join("\\s+")}(?![\\p{L}\\p{N}])`, "iu");
  return pattern.test(flat)
    ? make("contact_person", true, true)
    : make("contact_person", false, true, `The contact person “${parts.join(" ")}” is not named.`);
}

const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DATE = new RegExp(
  `\\b(?:${MONTH} \\d{1,2}(?:st|nd|rd|th)?\\b(?:,? \\d{4})?|\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}(?:,? \\d{4})?|\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{4}-\\d{2}-\\d{2})\\b`,
  "gi",
);
const COMPLETION_WORDS = /\b(?:complet(?:e|ed|ion)|conclu(?:ded|sion)|finish(?:ed)?|closed)\b/i;
const FUTURE_WORDS = /\b(?:will|expect(?:s|ed)?|anticipate[sd]?|plan(?:s|ned)?)\b/i;
const DEADLINE_BEFORE_DATE = /\b(?:by|before|no later than|on or before)\s+(?:[a-z]+day,?\s+)?$/i;

// A date counts only in the same sentence as a completion word, so the letter's own date or the
// date the concern was received does not pass for the date of completion.
function completionDateCheck(normalized: string): LetterCheck {
  for (const sentence of splitSentences(normalized)) {
    if (!COMPLETION_WORDS.test(sentence)) continue;
    const date = sentence.match(DATE);
    if (date) return make("date_of_completion", true, true, `Found “${date[0]}”.`);
  }
  return make("date_of_completion", false, true, "No date next to “completed” or “concluded” (e.g. “We completed our review on March 20, 2025.”).");
}

// The promise must come before the date in its sentence ("we will send it by April 18"), so a past
// date followed by "will" ("we received it on March 1 and will reply soon") does not pass.
function expectedDateCheck(normalized: string): LetterCheck {
  for (const sentence of splitSentences(normalized)) {
    for (const match of sentence.matchAll(DATE)) {
      const before = sentence.slice(0, match.index);
      if (FUTURE_WORDS.test(before) || DEADLINE_BEFORE_DATE.test(before)) return make("expected_date", true, true, `Found “${match[0]}”.`);
    }
  }
  return make("expected_date", false, true, "No date for the written response (e.g. “You will receive our full response by April 18, 2025.”).");
}

// The rule and its measurement live in issues-answered.ts; the verdict per issue (numbers only) is kept on the check.
function issuesCheck(text: string, issues: readonly string[]): LetterCheck {
  const { passed, detail, issues: verdicts } = issuesAnswered(text, issues);
  return { ...make("issues_answered", passed, true, detail), issues: verdicts } as LetterCheck;
}

function contactsCheck(normalized: string, context: LetterCheckContext): LetterCheck {
  const found = unknownContacts(normalized, context);
  return found.length === 0 ? make("no_unknown_contacts", true, true) : make("no_unknown_contacts", false, true, `Found ${found.join(", ")}.`);
}

function readingGradeCheck(text: string, max: number): LetterCheck {
  const grade = readingGrade(text);
  return make("reading_grade", grade <= max, false, `Reading grade ${grade} (target ${max} or lower; English only).`);
}

function lengthCheck(normalized: string, min: number, max: number): LetterCheck {
  const count = wordsOf(normalized).length;
  const passed = count >= min && count <= max;
  return make("length", passed, false, `${count} words (expected ${min}–${max}).`);
}
