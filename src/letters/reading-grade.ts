import { normalize, splitSentences, wordsOf } from "./plain-text.ts";

// Flesch–Kincaid grade level. The syllable counter is an English heuristic (vowel groups, silent
// final e, -es/-ed endings), right for most words and off by one on some (“area”, “created”);
// numbers count one syllable. For a letter in another language the grade means nothing and the
// caller may ignore it.
/** Flesch–Kincaid grade level of English text, rounded to one decimal (never below 0). */
export function readingGrade(text: string): number {
  let sentenceCount = 0;
  let wordCount = 0;
  let syllableCount = 0;
  for (const sentence of splitSentences(normalize(text))) {
    const words = wordsOf(sentence);
    if (words.length === 0) continue;
    sentenceCount += 1;
    wordCount += words.length;
    for (const word of words) syllableCount += syllables(word);
  }
  if (wordCount === 0) return 0;
  const grade = 0.39 * (wordCount / sentenceCount) + 11.8 * (syllableCount / wordCount) - 15.59;
  // Grades below 0 mean nothing to a reader; very simple text would otherwise score negative.
  return Math.round(Math.max(0, grade) * 10) / 10;
}

function syllables(word: string): number {
  let total = 0;
  for (const part of word.toLowerCase().replace(/'/g, "").split("-")) {
    const letters = part.replace(/[^a-z]/g, "");
    if (letters.length <= 3) {
      total += part.length > 0 ? 1 : 0;
      continue;
    }
    let w = letters.replace(/^y/, "");
    if (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w)) w = w.slice(0, -1);
    else if (/[^aeiouysxzcg]es$/.test(w) && !/(?:ch|sh)es$/.test(w)) w = w.slice(0, -2);
    else if (/[^dt]ed$/.test(w)) w = w.slice(0, -2);
    total += Math.max(1, w.match(/[aeiouy]+/g)?.length ?? 0);
  }
  return Math.max(1, total);
}
