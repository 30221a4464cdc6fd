import { describe, expect, it } from "vitest";
import { LETTER_LIMITS, LETTER_REVIEW_LIMITS } from "../../../src/letters/letter-limits.ts";
import type { LetterView } from "../../../src/letters/letter-views.ts";
import { editModal, letterViewModal } from "../../../src/slack/blocks/letter.ts";
import { checkView } from "../../fakes/block-kit/index.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";

type AnyBlock = { type: string; text?: { text: string } };
const LONGEST = LETTER_REVIEW_LIMITS.rejectReason;
const rejectedText = (view: LetterView) =>
  (letterViewModal(view).blocks as AnyBlock[]).flatMap((block) => (block.type === "section" && block.text?.text.startsWith("*Rejected:*") ? [block.text.text] : []));

function rejected(reason: string): LetterView {
  const summary = caseSummary();
  return {
    summary,
    checks: [],
    letter: { id: "5f8b8a3e-0000-4000-8000-0000000000aa", caseId: summary.id, kind: "response", status: "rejected", rejectedBy: "U0MGR0001", rejectedReason: reason },
    version: { id: "v", letterId: "5f8b8a3e-0000-4000-8000-0000000000aa", number: 2, text: "Dear Ms Rivera,\n\nWe are sorry.", source: "edit", authorId: "U0COORD01" },
  } as unknown as LetterView;
}

describe("letterViewModal: the reject reason", () => {
  it("shows a reason written in words in full, escaped", () => {
    const reason = "Tone is off & the dates <Nov 3> are wrong. ".repeat(23).slice(0, LONGEST);
    expect(rejectedText(rejected(reason))).toEqual([`*Rejected:* ${reason.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}`]);
  });

  it("shortens, with a marker, the longest reason made of & < > (5,000 characters escaped), never cutting an entity", () => {
    const view = rejected("&<>".repeat(Math.ceil(LONGEST / 3)).slice(0, LONGEST));
    expect(checkView(letterViewModal(view))).toBeNull();
    const [text] = rejectedText(view);
    expect(text?.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/^\*Rejected:\* (&amp;|&lt;|&gt;)+… \(shortened\)$/);
  });
});

describe("editModal", () => {
  type Input = { type: string; element?: { initial_value?: string } };
  const shownText = (text: string) => {
    const view = rejected("");
    const modal = editModal({ ...view, version: { ...view.version!, text } } as LetterView);
    expect(checkView(modal)).toBeNull();
    return (modal.blocks as Input[]).flatMap((block) => (block.type === "input" ? [block.element?.initial_value ?? ""] : [])).join("\n\n");
  };

  it("holds the longest letter allowed whatever its paragraphs, so saving never drops text", () => {
    // Paragraphs just over half a part each: every part holds one, the most parts any letter needs.
    const paragraph = `${"We looked into your concern carefully. ".repeat(38)}`.slice(0, 1_460);
    const paragraphs = Array.from({ length: Math.floor(LETTER_LIMITS.maxCharacters / 1_462) }, () => paragraph);
    const letter = paragraphs.join("\n\n");
    expect(letter.length).toBeLessThanOrEqual(LETTER_LIMITS.maxCharacters);
    expect(shownText(letter)).toBe(letter);
  });
});
