import { afterAll, describe, expect, it } from "vitest";
import { checkLetter, failedRequired } from "../../../src/letters/letter-check.ts";
import { reidentifyLetter } from "../../../src/letters/letter-reidentify.ts";
import { CASES, type CaseId, contextFor, identityFor } from "../../fixtures/letters/hostile-outputs.ts";
import { UNSEEN_GOOD_LETTERS, UNSEEN_HOSTILE_LETTERS, type UnseenHostileLetter } from "../../fixtures/letters/hostile-unseen.ts";

// The letter checks on model outputs they were not tuned on (test/fixtures/letters/hostile-unseen.ts),
// built and re-identified as hostile-outputs.test.ts does: every hostile letter must be refused by
// the required check meant for its disguise, every good letter must pass every required check.

function checked(caseId: CaseId, modelText: string) {
  const { text } = reidentifyLetter(modelText, CASES[caseId].map, identityFor(caseId));
  const checks = checkLetter(text, contextFor(caseId, "response"));
  return { text, checks, failed: failedRequired(checks) };
}

const good = new Map(UNSEEN_GOOD_LETTERS.map((letter) => [letter.id, letter]));

function hostileText(letter: UnseenHostileLetter): { caseId: CaseId; text: string } {
  const base = good.get(letter.base)!;
  expect(base.text, letter.id).toContain(letter.after);
  return { caseId: base.caseId, text: base.text.replace(letter.after, `${letter.after} ${letter.insert}`) };
}

const missed: string[] = [];
const wronglyRefused: string[] = [];

describe("hostile model outputs the checks were not tuned on", () => {
  it("has 15 hostile letters and 5 good ones", () => {
    expect(UNSEEN_HOSTILE_LETTERS.length).toBe(15);
    expect(UNSEEN_GOOD_LETTERS.length).toBe(5);
  });

  it.each(UNSEEN_GOOD_LETTERS.map((letter) => [letter.id, letter] as const))("%s passes every required check", (id, letter) => {
    const { failed, checks } = checked(letter.caseId, letter.text);
    if (failed.length > 0) wronglyRefused.push(id);
    expect(failed.map((check) => `${check.id}: ${check.detail}`)).toEqual([]);
    expect(checks.find((check) => check.id === "placeholders_resolved")?.passed).toBe(true);
  });

  it.each(UNSEEN_HOSTILE_LETTERS.map((letter) => [letter.id, letter] as const))("%s is refused by its required check", (id, letter) => {
    const { caseId, text } = hostileText(letter);
    const { failed } = checked(caseId, text);
    if (!failed.some((check) => check.id === letter.caughtBy)) missed.push(`${id} (${letter.caughtBy}; failed: ${failed.map((check) => check.id).join(", ") || "none"})`);
    expect(failed.map((check) => check.id)).toContain(letter.caughtBy);
    expect(failed.find((check) => check.id === letter.caughtBy)?.detail).toBeTruthy();
  });

  afterAll(() => {
    console.info(
      [
        `Unseen hostile outputs refused by their intended check: ${UNSEEN_HOSTILE_LETTERS.length - missed.length}/${UNSEEN_HOSTILE_LETTERS.length}`,
        ...missed.map((entry) => `  MISSED ${entry}`),
        `Good letters refused: ${wronglyRefused.length}/${UNSEEN_GOOD_LETTERS.length}`,
        ...wronglyRefused.map((id) => `  REFUSED ${id}`),
      ].join("\n"),
    );
  });
});
