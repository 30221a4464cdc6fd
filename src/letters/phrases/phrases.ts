// What every language's phrase file holds (en.ts, es.ts, zh.ts): the wordings the letter checks look
// for, in one reviewed file per language, so a reviewer who reads the language can check every
// pattern in one place. letter-check.ts only picks the lists for the letter's language.
//
// How to review a phrase file: each list is commented with the wordings it is meant to catch; run
// test/unit/letters/risk-language.test.ts, which prints precision and recall per check and language
// on the letters in test/fixtures/letters/risk-letters.ts, and add a letter there for any wording a
// pattern should catch (or must not catch) before changing the pattern.

/** The languages a letter can be drafted and checked in. */
export const LETTER_LANGUAGES = ["en", "es", "zh"] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

/** One language's phrase lists; patterns are global ("g") and case-insensitive where the script has case. */
export interface LetterPhrases {
  language: LetterLanguage;
  /** The language's name as the approver reads it. */
  name: string;
  /** Applied to the letter text before any pattern runs (Spanish: accents off, so "investigación" and "investigacion" match alike). */
  fold(text: string): string;
  /** A-0123: the steps taken on the patient's behalf to investigate. */
  STEPS_TAKEN: readonly RegExp[];
  /** A-0123: the results of the grievance process. */
  RESULTS: readonly RegExp[];
  /** Admissions of liability, fault, negligence, error or mistake. */
  LIABILITY: readonly RegExp[];
  /** Promises of money: refunds, write-offs, waived bills, compensation, "making it right financially". */
  COMPENSATION: readonly RegExp[];
  /** Saying the results will not be shared, or are confidential. */
  WITHHOLDING: readonly RegExp[];
  /** Clinical speculation: "the doctor should have…", "this probably caused…", "if we had…, this would not have happened". */
  SPECULATION: readonly RegExp[];
  /** The QIO (Quality Improvement Organization) notice. */
  QIO: readonly RegExp[];
  /** The State survey agency notice. */
  STATE_AGENCY: readonly RegExp[];
  /** An interim letter saying the review is still going on. */
  STILL_REVIEWING: readonly RegExp[];
  /** Takes out what patients are owed free by law (language assistance), so "free interpreters" is no money promise. */
  withoutFreeByRight(flat: string): string;
  /** A date as the language writes it. */
  DATE: RegExp;
  /** Completion wording: a date counts as the date of completion in a sentence with one of these. */
  COMPLETION_WORDS: RegExp;
  /** Future wording before a date: the date the written response will follow. */
  FUTURE_WORDS: RegExp;
  /** A deadline word just before the date ("by", "antes del"). */
  DEADLINE_BEFORE_DATE: RegExp;
  /** A deadline word just after the date ("之前"), for languages that put it there. */
  DEADLINE_AFTER_DATE?: RegExp;
  /** Template gaps in the language's words ("[insertar …]"), on top of the placeholders every letter is checked for. */
  PLACEHOLDERS: readonly RegExp[];
  /** Examples quoted to the approver when a required element is missing. */
  EXAMPLES: { steps_taken: string; results: string; date_of_completion: string; expected_date: string; still_reviewing: string; qio: string; state_agency: string };
}
