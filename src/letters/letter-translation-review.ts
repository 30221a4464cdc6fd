import { cleanText } from "../cases/case.schema.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { type LetterLanguage, languageName } from "./letter-language.ts";
import { LETTER_REVIEW_LIMITS } from "./letter-limits.ts";

/** Who reviewed a non-English letter's translation: a Slack user, or an outside reviewer's name and qualification. */
export interface TranslationReview {
  userId?: string | undefined;
  reviewer?: string | undefined;
}

const TRANSLATION_REVIEWER_MAX = LETTER_REVIEW_LIMITS.translationReviewer;

/** The translation review to record with an approval (null for an English letter); refused when a non-English letter has none. */
export function translationReviewOf(language: LetterLanguage, given: TranslationReview | undefined): { userId?: string; reviewer?: string } | null {
  if (language === "en") return null;
  const userId = given?.userId?.trim() || undefined;
  const reviewer = cleanText(given?.reviewer ?? "").replace(/\s+/g, " ").trim() || undefined;
  if (!userId && !reviewer) {
    throw new AppError(
      ErrorCode.invalidInput,
      `This letter is in ${languageName(language)}: say who reviewed the translation (a colleague in Slack, or an outside reviewer's name and qualification). Machine translation alone is not a qualified translation.`,
    );
  }
  if (userId && !/^[UW][A-Z0-9]{2,}$/.test(userId)) throw new AppError(ErrorCode.invalidInput, "Choose the translation reviewer from the list of people in Slack.");
  if (reviewer && reviewer.length > TRANSLATION_REVIEWER_MAX) throw new AppError(ErrorCode.invalidInput, `Keep the reviewer's name and qualification to ${TRANSLATION_REVIEWER_MAX} characters.`);
  if (reviewer && !userId && reviewer.length < 5) throw new AppError(ErrorCode.invalidInput, "Give the translation reviewer's name and qualification (e.g. “Ana Ruiz, certified medical interpreter”).");
  return { ...(userId ? { userId } : {}), ...(reviewer ? { reviewer } : {}) };
}
