import { describe, expect, it } from "vitest";
import type { CaseDetails } from "../../../src/cases/case.ts";
import { detailsModal, detailsPages, splitEscaped } from "../../../src/slack/blocks/case-action.modals.ts";
import { ACTIONS } from "../../../src/slack/ids.ts";
import { checkView } from "../../fakes/block-kit/index.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";

const TZ = "America/New_York";
const unescapeMrkdwn = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function details(notes: { body: string }[]): CaseDetails {
  return {
    summary: caseSummary(),
    description: "Waited six hours in the emergency department.",
    desiredOutcome: "",
    resolvedOnSpot: false,
    writtenResponseRequested: false,
    medicareBeneficiary: false,
    resolutionSummary: null,
    people: [{ role: "patient", relationship: "self", name: "Pat Example", phone: null, email: null, preferredLanguage: null }],
    notes: notes.map((note, n) => ({ kind: "note", body: note.body, authorId: "U0COORD0A1", createdAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000) })),
  };
}

/** Every page of the modal, as Slack would get them one "Older notes" press after another. */
function allPages(value: CaseDetails) {
  const pages = [];
  for (let page = 0; page < detailsPages(value, TZ).length; page++) pages.push(detailsModal(value, TZ, page));
  return pages;
}

type Loose = { type: string; text?: { text: string }; elements?: { action_id?: string; text?: { text: string }; value?: string }[] };
const blocksOf = (view: ReturnType<typeof detailsModal>) => view.blocks as unknown as Loose[];
const sectionText = (view: ReturnType<typeof detailsModal>) => blocksOf(view).map((block) => (block.type === "section" && block.text ? block.text.text : "")).join("");

describe("the details modal's notes", () => {
  it("shows every note's text in full across its pages, each page one Slack accepts", () => {
    // 200 distinct notes of 2,000 characters made of & < > (10,000 once escaped).
    const notes = Array.from({ length: 200 }, (_, n) => ({ body: `${`note ${n}: ${"&<>".repeat(700)}`.slice(0, 2000 - 4)}#${String(n).padStart(3, "0")}` }));
    const pages = allPages(details(notes));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(checkView(page)).toBeNull();
    const shown = unescapeMrkdwn(pages.map(sectionText).join(""));
    for (const note of notes) expect(shown).toContain(note.body);
  });

  it("puts the newest note first and pages with Older and Newer buttons on the same modal", () => {
    const notes = Array.from({ length: 120 }, (_, n) => ({ body: `entry ${n} ${"x".repeat(2990)}` }));
    const pages = allPages(details(notes));
    expect(pages.length).toBeGreaterThan(1);
    expect(sectionText(pages[0]!).indexOf("entry 119")).toBeLessThan(sectionText(pages[0]!).indexOf("entry 118"));
    expect(sectionText(pages.at(-1)!)).toContain("entry 0 ");
    const buttons = (view: (typeof pages)[number]) =>
      blocksOf(view).flatMap((block) => (block.type === "actions" ? (block.elements ?? []).map((element) => element.text?.text ?? "") : []));
    expect(buttons(pages[0]!)).toEqual(["Older notes"]);
    expect(buttons(pages[1]!)).toEqual(pages.length > 2 ? ["Newer notes", "Older notes"] : ["Newer notes"]);
    expect(buttons(pages.at(-1)!)).toEqual(["Newer notes"]);
    const older = blocksOf(pages[0]!).find((block) => block.type === "actions");
    expect(older?.elements?.[0]).toMatchObject({ action_id: ACTIONS.detailsOlder, value: JSON.stringify({ c: caseSummary().id, p: 1 }) });
    expect(JSON.parse(pages[1]!.private_metadata!)).toEqual({ c: caseSummary().id, p: 1 });
    // A page past the end (notes deleted meanwhile, a stale button) shows the last one.
    expect(detailsModal(details(notes), TZ, 999).blocks).toEqual(pages.at(-1)!.blocks);
  });

  it("fits a case with few notes on one page without buttons", () => {
    const view = detailsModal(details([{ body: "Called the family." }]), TZ);
    expect(view.blocks.some((block) => block.type === "actions")).toBe(false);
    expect(sectionText(view)).toContain("Called the family.");
    expect(sectionText(detailsModal(details([]), TZ))).toContain("No notes yet");
  });

  it("cuts escaped text only between entities and whole characters", () => {
    const escaped = "&amp;".repeat(1000) + "😀".repeat(2000);
    const pieces = splitEscaped(escaped, 3000);
    expect(pieces.join("")).toBe(escaped);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(3000);
      expect(piece).not.toMatch(/&[a-z]*$/);
      expect(piece.toWellFormed()).toBe(piece);
    }
  });
});
