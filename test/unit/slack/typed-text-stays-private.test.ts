import { describe, expect, it } from "vitest";
import type { CaseUpdatePayload } from "../../../src/cases/case-updates.ts";
import { OUTBOX_KINDS } from "../../../src/cases/case-updates.ts";
import { LETTER_OUTBOX } from "../../../src/letters/letter-outbox.ts";
import type { LetterView } from "../../../src/letters/letter-views.ts";
import { detailsModal } from "../../../src/slack/blocks/case-action.modals.ts";
import { caseCard, caseCardFallback } from "../../../src/slack/blocks/case-card.ts";
import { directMessageText, threadUpdateText } from "../../../src/slack/blocks/case-updates.ts";
import { letterMessage, letterViewModal } from "../../../src/slack/blocks/letter.ts";
import { type MemoryServices, memoryServices } from "../../support/memory-services.ts";

// What people type — notes, the reasons for an override, a rejection, a reclassification or a
// closure, a regeneration's instruction — never reaches the channel: the case card, its thread
// (update lines and the letter's message) and the DMs carry that something happened and who did
// it. The words stay in the record and the private views (case details, View letter). Each typed
// text below holds a patient's name and MRN, as the one a tester found in the team channel did.

const TZ = "America/New_York";
const OWNER = "U0COORDTX1";
const MANAGER = "U0MANAGTX1";
const ADMIN = "U0ADMIN001";

const TYPED = {
  note: "Peer review: Dr. Example documented late; Maria Testpatient MRN 7730021 was not reassessed.",
  reclassify: "Maria Testpatient (MRN 7730021) withdrew the harm allegation on the phone.",
  regenerate: "Mention Maria Testpatient's MRN 7730021 and her daughter's visit.",
  reject: "Names Maria Testpatient and MRN 7730021 in the second paragraph twice.",
  override: "Family asked for it: Maria Testpatient, MRN 7730021, wants the exact wording.",
  close: "Apologized to Maria Testpatient (MRN 7730021); she is satisfied.",
};
const MARKERS = ["7730021", "Testpatient"];

/** Everything the Slack layer would post to the channel, the thread and DMs for the queued work so far. */
async function channelPosts(app: MemoryServices): Promise<string[]> {
  const posts: string[] = [];
  for (const post of app.db.outbox) {
    const summary = await app.cases.findSummary(post.payload.caseId ?? "");
    if (post.kind === OUTBOX_KINDS.threadUpdate) posts.push(threadUpdateText({ ...(post.payload as CaseUpdatePayload), timeZone: TZ }));
    if (post.kind === OUTBOX_KINDS.directMessage && summary) posts.push(directMessageText(post.payload as CaseUpdatePayload, summary, null));
  }
  for (const stored of app.db.cases.values()) {
    posts.push(JSON.stringify(caseCard(stored.summary, TZ, "Patient Relations")), caseCardFallback(stored.summary, TZ).text);
  }
  for (const view of app.notifier.shown) posts.push(JSON.stringify(letterMessage(view, TZ)));
  return posts;
}

const draftJob = (app: MemoryServices, letterId: string, version: number) =>
  app.queued(LETTER_OUTBOX.draft).find((post) => post.payload.letterId === letterId && post.payload.version === String(version))!;

describe("typed text stays out of the channel", () => {
  it("keeps notes, reasons and instructions out of every card, thread line, letter message and DM, and in the private views", async () => {
    const app = memoryServices({ roles: { [OWNER]: "coordinator", [MANAGER]: "manager", [ADMIN]: "admin" } });
    const filed = await app.fileCase({}, { owner: OWNER });
    await app.caseActions.addNote(filed.id, OWNER, "result", TYPED.note);
    await app.caseActions.reclassify(filed.id, OWNER, "complaint", TYPED.reclassify);
    await app.caseActions.reclassify(filed.id, OWNER, "grievance", "Back to a grievance after the call.");
    await app.caseActions.escalate(filed.id, OWNER);

    // A letter regenerated with an instruction, then rejected with a reason.
    const first = await app.letters.request(filed.id, OWNER, "response", "typed:first");
    await app.letters.produceDraft(first.id, 1);
    await app.letters.regenerate(first.id, OWNER, 1, TYPED.regenerate);
    const job = draftJob(app, first.id, 2);
    await app.letters.produceDraft(first.id, 2, job.payload.instruction);
    await app.letters.reject(first.id, MANAGER, 2, TYPED.reject);
    await app.letters.showLetter(first.id);

    // Another approved over its failing checks with a reason, then the case closed with a summary.
    const second = await app.letters.request(filed.id, OWNER, "response", "typed:second");
    await app.letters.produceDraft(second.id, 1);
    await app.letters.approve(second.id, MANAGER, 1, TYPED.override);
    await app.letters.showLetter(second.id);
    await app.caseActions.close(filed.id, OWNER, "resolved", TYPED.close);

    const posts = await channelPosts(app);
    expect(posts.length).toBeGreaterThan(10);
    for (const post of posts) for (const marker of MARKERS) expect(post).not.toContain(marker);

    // The record keeps every word, and the private views show them to those entitled.
    const details = await app.caseActions.viewDetails(filed.id, OWNER);
    expect(JSON.stringify(detailsModal(details, TZ))).toContain("MRN 7730021 was not reassessed");
    const rejected = await app.letters.viewPrivately(first.id, OWNER);
    expect(JSON.stringify(letterViewModal(rejected))).toContain("Names Maria Testpatient and MRN 7730021");
    const approved = await app.letters.viewPrivately(second.id, MANAGER);
    expect(JSON.stringify(letterViewModal(approved))).toContain("Family asked for it: Maria Testpatient, MRN 7730021");
    expect(app.db.letters.get(second.id)?.overrideReason).toBe(TYPED.override);
  });

  it("says in the thread that an override was given, by whom and for which checks by label, never its text", async () => {
    const app = memoryServices({ roles: { [OWNER]: "coordinator", [MANAGER]: "manager" } });
    const filed = await app.fileCase({}, { owner: OWNER });
    const letter = await app.letters.request(filed.id, OWNER, "response", "typed:override");
    await app.letters.produceDraft(letter.id, 1);
    await app.letters.approve(letter.id, MANAGER, 1, TYPED.override);
    const view = await app.letters.view(letter.id);
    const failing = view.checks.filter((check) => check.required && !check.passed).map((check) => check.label);
    expect(failing.length).toBeGreaterThan(0);

    const message = JSON.stringify(letterMessage(view, TZ));
    expect(message).toContain(`<@${MANAGER}> approved it despite failing required checks: ${failing.join("; ")}.`);
    expect(message).toContain("The reason is in the letter's private view.");
    expect(message).not.toContain("Family asked for it");
  });

  it("says nothing of an override when the approval recorded none", async () => {
    const app = memoryServices({ roles: { [OWNER]: "coordinator", [MANAGER]: "manager" } });
    const filed = await app.fileCase({}, { owner: OWNER });
    const letter = await app.letters.request(filed.id, OWNER, "response", "typed:clean");
    await app.letters.produceDraft(letter.id, 1);
    await app.letters.approve(letter.id, MANAGER, 1, TYPED.override);
    const view: LetterView = await app.letters.view(letter.id);
    // An approval with every required check passing records no reason: shown as such.
    const clean: LetterView = { ...view, letter: { ...view.letter, overrideReason: null } };
    expect(JSON.stringify(letterMessage(clean, TZ))).not.toContain("despite failing");
  });
});
