import { describe, expect, it } from "vitest";
import { checkLetter, failedRequired, LETTER_CHECKS, type LetterCheckId } from "../../../src/letters/letter-check.ts";
import { LETTER_LANGUAGES, type LetterLanguage } from "../../../src/letters/letter-language.ts";
import { MEASURED_CHECKS, RISK_LETTERS, type RiskLetter } from "../../fixtures/letters/risk-letters.ts";

// The letter checks measured per check and language on letters that each break one rule, and on
// good letters that must pass every required check (test/fixtures/letters/risk-letters.ts). A check
// "flags" a letter when it fails as a required check. Recall: of the letters breaking the rule, the
// share flagged by its check. Precision: of the letters the check flagged, the share that break it.

const failing = (letter: RiskLetter) => failedRequired(checkLetter(letter.text, letter.context)).map((check) => check.id);
const results = RISK_LETTERS.map((letter) => ({ letter, failed: failing(letter) }));

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

function score(check: LetterCheckId, language?: LetterLanguage): Score {
  const rows = results.filter((row) => !language || row.letter.language === language);
  return {
    tp: rows.filter((row) => row.letter.breaks === check && row.failed.includes(check)).length,
    fp: rows.filter((row) => row.letter.breaks !== check && row.failed.includes(check)).length,
    fn: rows.filter((row) => row.letter.breaks === check && !row.failed.includes(check)).length,
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? "   –  " : `${((100 * part) / whole).toFixed(0).padStart(4)}% `);

describe("risk language and required elements, per check and language", () => {
  it("has at least 40 letters across English, Spanish and Chinese, good ones and ones breaking each measured check", () => {
    expect(RISK_LETTERS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(RISK_LETTERS.map((letter) => letter.id)).size).toBe(RISK_LETTERS.length);
    for (const language of LETTER_LANGUAGES) {
      expect(RISK_LETTERS.filter((letter) => letter.language === language && letter.breaks === null).length, language).toBeGreaterThanOrEqual(2);
      for (const check of ["no_liability", "no_compensation", "no_withholding", "no_speculation"] as const) {
        expect(RISK_LETTERS.filter((letter) => letter.language === language && letter.breaks === check).length, `${language} ${check}`).toBeGreaterThanOrEqual(2);
      }
    }
    for (const check of MEASURED_CHECKS) expect(RISK_LETTERS.some((letter) => letter.breaks === check), check).toBe(true);
    expect(RISK_LETTERS.filter((letter) => letter.language === "en").length).toBeGreaterThan(RISK_LETTERS.length / 3);
  });

  it("prints precision and recall per check and language", () => {
    const lines = [`${"check".padEnd(24)}${"language".padEnd(10)} breaking  flagged  recall  precision`];
    for (const check of MEASURED_CHECKS) {
      let first = true;
      for (const language of [undefined, ...LETTER_LANGUAGES]) {
        const { tp, fp, fn } = score(check, language);
        if (tp + fp + fn === 0 && language) continue;
        lines.push(`${(first ? check : "").padEnd(24)}${(language ?? "all").padEnd(10)}${String(tp + fn).padStart(8)}${String(tp + fp).padStart(9)}  ${ratio(tp, tp + fn)}  ${ratio(tp, tp + fp)}`);
        first = false;
      }
    }
    const good = results.filter((row) => row.letter.breaks === null);
    lines.push(`Good letters failing a required check: ${good.filter((row) => row.failed.length > 0).length} of ${good.length}`);
    const extra = results.filter((row) => row.letter.breaks !== null && row.failed.some((id) => id !== row.letter.breaks));
    lines.push(`Broken letters also failing another required check: ${extra.length} of ${results.length - good.length}${extra.length ? ` (${extra.map((row) => `${row.letter.id}: ${row.failed.filter((id) => id !== row.letter.breaks).join(", ")}`).join("; ")})` : ""}`);
    console.log(lines.join("\n"));
    expect(lines.length).toBeGreaterThan(MEASURED_CHECKS.length);
  });

  it.each(MEASURED_CHECKS.map((check) => [check]))("%s: recall of at least 95% on the letters breaking it", (check) => {
    const { tp, fn } = score(check);
    expect(tp + fn).toBeGreaterThan(0);
    const missed = results.filter((row) => row.letter.breaks === check && !row.failed.includes(check)).map((row) => row.letter.id);
    expect(missed, `${LETTER_CHECKS[check]}: missed`).toEqual(tp / (tp + fn) >= 0.95 ? missed : []);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.95);
  });

  it.each(results.filter((row) => row.letter.breaks === null).map((row) => [row.letter.id, row] as const))("good letter %s passes every required check", (_id, row) => {
    const checks = checkLetter(row.letter.text, row.letter.context);
    expect(failedRequired(checks).map((check) => `${check.id}: ${check.detail ?? ""}`)).toEqual([]);
  });

  it.each(results.filter((row) => row.letter.breaks !== null).map((row) => [row.letter.id, row] as const))("%s fails only the check for the rule it breaks", (_id, row) => {
    expect(row.failed).toEqual([row.letter.breaks]);
  });
});
