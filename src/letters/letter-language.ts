import { EN } from "./phrases/en.ts";
import { ES } from "./phrases/es.ts";
import type { LetterLanguage, LetterPhrases } from "./phrases/phrases.ts";
import { ZH } from "./phrases/zh.ts";

// The language a letter is written and checked in: the patient's preferred language as typed at
// intake ("Spanish", "español", "Mandarin", "中文"…), when the letters support it; English otherwise.
// Supported: English, Spanish and Chinese (simplified). Traditional Chinese and Cantonese are not
// mapped to simplified Chinese: such a letter is drafted in English and its checks say so.

export type { LetterLanguage } from "./phrases/phrases.ts";
export { LETTER_LANGUAGES } from "./phrases/phrases.ts";

const PHRASES: Record<LetterLanguage, LetterPhrases> = { en: EN, es: ES, zh: ZH };

/** The phrase lists for a letter language. */
export function phrasesFor(language: LetterLanguage): LetterPhrases {
  return PHRASES[language];
}

const NAMES: readonly [RegExp, LetterLanguage][] = [
  [/^(?:en|eng|english|ingl[eé]s|英语|英文)$/iu, "en"],
  [/^(?:es|spa|spanish|espa[nñ]ol|castellano|spanish \(.*\)|espa[nñ]ol \(.*\))$/iu, "es"],
  [/^(?:zh|zh-cn|zh-hans|chi|zho|chinese|chinese \(?simplified\)?|simplified chinese|mandarin|mandarin chinese|chinese mandarin|chinese - mandarin|中文|简体中文|中文（简体）|中文\(简体\)|普通话|汉语|国语)$/iu, "zh"],
];

/** The supported letter language for a preferred language as typed, or null when it is not supported. */
export function supportedLanguage(preferred: string | null | undefined): LetterLanguage | null {
  const typed = (preferred ?? "").replace(/\s+/g, " ").trim();
  if (!typed) return null;
  return NAMES.find(([pattern]) => pattern.test(typed))?.[1] ?? null;
}

/** The case's preferred language (the first person who has one), as typed. */
export function preferredLanguageOf(people: readonly { preferredLanguage: string | null }[]): string | null {
  return people.find((person) => person.preferredLanguage)?.preferredLanguage ?? null;
}

/** The language a case's letters are written in: the preferred one when supported, else English. */
export function letterLanguageOf(people: readonly { preferredLanguage: string | null }[]): LetterLanguage {
  return supportedLanguage(preferredLanguageOf(people)) ?? "en";
}

/** The language's name for the approver ("Spanish"). */
export const languageName = (language: LetterLanguage) => PHRASES[language].name;
