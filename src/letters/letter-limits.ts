// Every length limit on a letter, in one place: the service refuses an edit outside them, the checks
// measure every version against them, the Slack edit form is sized from them, and the tests import
// them rather than keeping their own numbers.

/** A letter's text: characters a saved version must have, and the advisory length check's word range. */
export const LETTER_LIMITS = {
  /** An edit shorter than this is refused as too short to send. */
  minCharacters: 50,
  /** The most a version holds; an edit over it is refused. */
  maxCharacters: 20_000,
  /** The length check passes from this many words (fewer rarely answer every issue). */
  minWords: 80,
  /** ...up to this many (longer letters are harder for patients to read). */
  maxWords: 900,
  /** The reading-grade target when LETTER_MAX_GRADE is not set (DOMAIN.md: plain language, ~6th–8th grade). */
  defaultMaxReadingGrade: 8,
} as const;

/** The edit form: the letter split into parts at paragraph boundaries, each in its own text input. */
export const LETTER_EDIT_FORM = {
  /** Characters per part when the letter is split for editing. */
  partCharacters: 2900,
  /** Each input's max_length (Slack's plain_text_input holds at most 3,000). */
  inputCharacters: 3000,
  /**
   * The most parts the form shows: enough for the longest letter allowed. Parts are packed whole
   * paragraphs at a time, so two neighbouring parts always hold more than one part's worth;
   * 20,000 characters therefore never need more than 2 × 20,000 / 2,900 + 1 ≈ 15 parts.
   */
  parts: 16,
} as const;

/** The review forms' free text: reasons and regeneration instructions. */
export const LETTER_REVIEW_LIMITS = {
  /** Why a manager approves despite failing required checks (the form's max_length). */
  overrideReason: 500,
  /** An outside translation reviewer's name and qualification, for a letter not in English. */
  translationReviewer: 200,
  /** Why a letter is rejected (the form's max_length, and what is stored). */
  rejectReason: 1000,
  /** The language or instruction typed in the regenerate form. */
  instructionText: 300,
  /** The whole regeneration instruction passed to the drafter (the chosen preset and the typed text). */
  instruction: 500,
} as const;
