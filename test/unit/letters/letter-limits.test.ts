import { describe, expect, it } from "vitest";
import { LETTER_EDIT_FORM, LETTER_LIMITS, LETTER_REVIEW_LIMITS } from "../../../src/letters/letter-limits.ts";

// Slack's plain_text_input holds at most 3,000 characters
// (https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element).
const SLACK_INPUT_MAX = 3000;

describe("letter limits", () => {
  it("keep the values production has always used", () => {
    expect(LETTER_LIMITS).toEqual({ minCharacters: 50, maxCharacters: 20_000, minWords: 80, maxWords: 900, defaultMaxReadingGrade: 8 });
    expect(LETTER_EDIT_FORM).toEqual({ partCharacters: 2900, inputCharacters: 3000, parts: 16 });
    expect(LETTER_REVIEW_LIMITS).toEqual({ overrideReason: 500, rejectReason: 1000, instructionText: 300, instruction: 500, translationReviewer: 200 });
  });

  it("give each range a lower bound below its upper bound", () => {
    expect(LETTER_LIMITS.minCharacters).toBeLessThan(LETTER_LIMITS.maxCharacters);
    expect(LETTER_LIMITS.minWords).toBeLessThan(LETTER_LIMITS.maxWords);
  });

  it("size every form input within what Slack accepts, each part within its input", () => {
    for (const length of [LETTER_EDIT_FORM.inputCharacters, ...Object.values(LETTER_REVIEW_LIMITS)]) expect(length).toBeLessThanOrEqual(SLACK_INPUT_MAX);
    expect(LETTER_EDIT_FORM.partCharacters).toBeLessThanOrEqual(LETTER_EDIT_FORM.inputCharacters);
  });

  it("let the edit form hold as many characters as a letter may have, however its paragraphs fall", () => {
    // Packed a paragraph at a time, two neighbouring parts hold more than one part's worth.
    expect(LETTER_EDIT_FORM.parts).toBeGreaterThanOrEqual(Math.ceil((2 * LETTER_LIMITS.maxCharacters) / LETTER_EDIT_FORM.partCharacters) + 1);
  });

  it("leave room in the stored instruction for the preset and the typed text", () => {
    expect(LETTER_REVIEW_LIMITS.instructionText).toBeLessThan(LETTER_REVIEW_LIMITS.instruction);
  });
});
