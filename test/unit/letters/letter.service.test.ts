import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OUTBOX_KINDS } from "../../../src/cases/case-updates.ts";
import { failedRequired } from "../../../src/letters/letter-check.ts";
import { LETTER_OUTBOX } from "../../../src/letters/letter-outbox.ts";
import { createTemplateDrafter } from "../../../src/letters/template-drafter.ts";
import { type AppError, ErrorCode } from "../../../src/lib/errors.ts";
import { CONTACT_PHONE, PATIENT_NAME, RAISER_NAME } from "../../fixtures/intake.ts";
import { CARD_CHANNEL, createModelDrafter, type MemoryServices, memoryServices, SETTINGS } from "../../support/memory-services.ts";
import { refusal } from "../../support/refusal.ts";

const COORDINATOR = "U0COORD0L1";
const MANAGER = "U0MANAGER3";
const ADMIN = "U0ADMIN001";
const STAFF = "U0STAFF003";
const ROLES = { [COORDINATOR]: "coordinator", [MANAGER]: "manager", [ADMIN]: "admin" } as const;
const IDENTIFIERS = [PATIENT_NAME, RAISER_NAME, CONTACT_PHONE, "Maria", "Testpatient", "Jonas", "Testfamily", "2013344", "MRN 4471203", "jonas.t@example.org"];
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A Medicare quality-of-care case, owned by the coordinator, with the investigation recorded. */
async function investigatedCase(app: MemoryServices, overrides: Parameters<MemoryServices["fileCase"]>[0] = {}) {
  const filed = await app.fileCase(
    {
      category: "quality",
      flags: ["medicare_beneficiary"],
      description: `Maria Testpatient (MRN 4471203) waited six hours; her son Jonas can be reached at jonas.t@example.org or ${CONTACT_PHONE}.`,
      ...overrides,
    },
    { owner: COORDINATOR },
  );
  await app.caseActions.addNote(filed.id, COORDINATOR, "step", "We reviewed the triage log and spoke with the charge nurse on duty.");
  await app.caseActions.addNote(filed.id, COORDINATOR, "result", "We found that the wait was caused by a staffing shortage that night, and we have added a second triage nurse.");
  return filed;
}

/** Requests a letter and runs its drafting job, as the outbox would after the request commits. */
async function drafted(app: MemoryServices, kind: "response" | "interim" = "response", overrides: Parameters<MemoryServices["fileCase"]>[0] = {}) {
  const filed = await investigatedCase(app, overrides);
  const requested = await app.letters.request(filed.id, COORDINATOR, kind, `request:${filed.id}:${kind}`);
  const job = app.queued(LETTER_OUTBOX.draft).find((post) => post.payload.letterId === requested.id)!;
  await app.letters.produceDraft(requested.id, Number(job.payload.version));
  const view = await app.letters.view(requested.id);
  return { filed, letter: view.letter, version: view.version! };
}

const approvalRequests = (app: MemoryServices, userId: string) => app.messagesTo(userId).filter((post) => post.payload.kind === "letter_awaiting_approval");

describe("letters: requesting", () => {
  it("creates one letter per request key, audited, with one drafting job", async () => {
    const app = memoryServices({ roles: ROLES });
    const filed = await investigatedCase(app);
    const [first, again] = await Promise.all([
      app.letters.request(filed.id, COORDINATOR, "response", "request:1"),
      app.letters.request(filed.id, COORDINATOR, "response", "request:1"),
    ]);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ caseId: filed.id, kind: "response", status: "drafting", currentVersion: 0 });
    expect(app.db.letters.size).toBe(1);
    expect(app.db.eventTypes(filed.id).filter((type) => type === "letter_requested")).toHaveLength(1);
    expect(app.queued(LETTER_OUTBOX.draft)).toEqual([{ kind: LETTER_OUTBOX.draft, dedupeKey: `letter-draft:${first.id}:1`, payload: { letterId: first.id, version: "1" } }]);
  });

  it("keeps staff out of letters, audited, and refuses an interim letter for a complaint or a letter for a closed case", async () => {
    const app = memoryServices({ roles: ROLES });
    const filed = await investigatedCase(app);
    const denied = await refusal(app.letters.request(filed.id, STAFF, "response", "request:staff"));
    expect(denied.code).toBe(ErrorCode.forbidden);
    expect(denied.userMessage).toContain("Nothing was changed");
    expect(app.db.events.at(-1)).toMatchObject({ type: "permission_denied", actorId: STAFF, data: { action: "draft_letter" } });

    const complaint = await app.fileCase({ category: "routine_request" }, { owner: COORDINATOR });
    expect((await refusal(app.letters.request(complaint.id, COORDINATOR, "interim", "request:interim"))).code).toBe(ErrorCode.invalidInput);
    await app.caseActions.close(complaint.id, COORDINATOR, "resolved", "Sorted out on the phone with the family.");
    expect((await refusal(app.letters.request(complaint.id, COORDINATOR, "response", "request:closed"))).userMessage).toBe(`${complaint.number} is closed; reopen it to write a letter.`);
    expect(app.db.letters.size).toBe(0);
  });
});

describe("letters: drafting", () => {
  it("drafts from de-identified facts, names the family again in the letter, and shows it in the card's thread", async () => {
    const drafter = createModelDrafter();
    const app = memoryServices({ roles: ROLES, drafter });
    const { filed, letter, version } = await drafted(app);
    expect(letter.status).toBe("draft");
    expect(version).toMatchObject({ number: 1, source: "llm", model: "gpt-test", promptId: "response-letter", authorId: "system", inputTokens: 812 });
    // Nothing identifying reached the model.
    expect(drafter.calls).toHaveLength(1);
    const sent = JSON.stringify(drafter.calls[0]);
    for (const identifier of IDENTIFIERS) expect(sent).not.toContain(identifier);
    // The letter the manager reviews names the family again, and says a model helped.
    expect(version.text).toContain(`Dear ${RAISER_NAME},`);
    expect(version.text).toContain("we took these steps: We reviewed the triage log");
    expect(version.text).toContain(SETTINGS.disclosure);
    expect(failedRequired(version.checks)).toEqual([]);
    expect(version.checks.find((check) => check.id === "qio_notice")).toMatchObject({ passed: true, required: true });
    // Placeholder under the card first, then the draft in that same thread message.
    expect(app.notifier.placeholders).toEqual([{ letterId: letter.id, caseNumber: filed.number, channelId: CARD_CHANNEL, ts: letter.threadTs }]);
    expect(app.notifier.shown.at(-1)).toMatchObject({ letter: { id: letter.id, status: "draft" }, version: { number: 1 } });
    expect(app.db.eventTypes(filed.id)).toContain("letter_drafted");
  });

  it("asks each manager and admin once to approve the version, and a redelivered job adds nothing", async () => {
    const drafter = createModelDrafter();
    const app = memoryServices({ roles: ROLES, drafter });
    const { letter } = await drafted(app);
    expect(approvalRequests(app, MANAGER).map((post) => post.payload)).toEqual([{ caseId: letter.caseId, kind: "letter_awaiting_approval", letterKind: "response", version: "1", recipientId: MANAGER }]);
    expect(approvalRequests(app, ADMIN)).toHaveLength(1);
    expect(approvalRequests(app, COORDINATOR)).toHaveLength(0);

    await app.letters.produceDraft(letter.id, 1);
    expect(drafter.calls).toHaveLength(1);
    expect(app.db.versions).toHaveLength(1);
    expect(app.notifier.placeholders).toHaveLength(1);
    expect(approvalRequests(app, MANAGER)).toHaveLength(1);
    expect(approvalRequests(app, ADMIN)).toHaveLength(1);
  });

  it("falls back to a labelled template draft, without the AI line, that cannot be approved with its gaps unless a reason is given", async () => {
    const app = memoryServices({ roles: ROLES, drafter: createTemplateDrafter("timeout") });
    const filed = await app.fileCase({}, { owner: COORDINATOR });
    const requested = await app.letters.request(filed.id, COORDINATOR, "response", "request:template");
    await app.letters.produceDraft(requested.id, 1);
    const { version } = await app.letters.view(requested.id);
    expect(version).toMatchObject({ source: "template", fallbackReason: "timeout", model: null });
    expect(version!.text).toContain(`Dear ${RAISER_NAME},`);
    expect(version!.text).not.toContain(SETTINGS.disclosure);
    // No investigation was recorded: the template leaves gaps and says the issue is not answered yet, and the checks catch them.
    expect(failedRequired(version!.checks).map((check) => check.id)).toEqual(["steps_taken", "results", "issues_answered", "placeholders_resolved"]);

    const blocked = await refusal(app.letters.approve(requested.id, MANAGER, 1));
    expect(blocked.userMessage).toContain("Required checks fail");
    expect(app.db.letters.get(requested.id)?.status).toBe("draft");
    await app.letters.approve(requested.id, MANAGER, 1, "The family asked for this exact wording.");
    expect(app.db.letters.get(requested.id)).toMatchObject({ status: "approved", overrideReason: "The family asked for this exact wording." });
    expect(app.db.events.find((event) => event.type === "letter_approved")?.data).toMatchObject({ override: "true" });
  });

  it("leaves the letter drafting when the drafter throws, so the job's retry drafts it once", async () => {
    const drafter = createModelDrafter();
    drafter.fail = 1;
    const app = memoryServices({ roles: ROLES, drafter });
    const filed = await investigatedCase(app);
    const requested = await app.letters.request(filed.id, COORDINATOR, "response", "request:retry");
    await expect(app.letters.produceDraft(requested.id, 1)).rejects.toThrow("model unavailable");
    expect(app.db.letters.get(requested.id)).toMatchObject({ status: "drafting", currentVersion: 0 });
    expect(app.db.versions).toHaveLength(0);

    await app.letters.produceDraft(requested.id, 1);
    expect(app.db.versions).toHaveLength(1);
    // The placeholder posted before the failure is reused, not posted again.
    expect(app.notifier.placeholders).toHaveLength(1);
  });
});

describe("letters: review", () => {
  it("goes draft → edit → approve → sent: the exact version approved, with its hash; a written response then lets the grievance close", async () => {
    const app = memoryServices({ roles: ROLES });
    const { filed, letter, version } = await drafted(app);
    const edited = version.text.replace("Thank you for telling us", "Thank you very much for telling us");
    await app.letters.edit(letter.id, COORDINATOR, 1, edited);
    const second = await app.letterRepository.version(letter.id, 2);
    expect(second).toMatchObject({ source: "edit", authorId: COORDINATOR, text: edited, issues: version.issues });
    expect(app.queued(LETTER_OUTBOX.message).map((post) => post.dedupeKey)).toContain(`letter-message:${letter.id}:v2`);

    await app.letters.approve(letter.id, MANAGER, 2);
    expect(app.db.letters.get(letter.id)).toMatchObject({ status: "approved", approvedVersion: 2, approvedBy: MANAGER, approvedHash: sha256(edited), overrideReason: null });
    expect(app.db.events.find((event) => event.type === "letter_approved")?.data).toEqual({ letterId: letter.id, version: "2", hash: sha256(edited), override: "false" });

    await app.letters.markSent(letter.id, COORDINATOR);
    expect(app.db.letters.get(letter.id)).toMatchObject({ status: "sent", sentBy: COORDINATOR });
    expect(app.db.eventTypes(filed.id)).toEqual(expect.arrayContaining(["letter_requested", "letter_drafted", "letter_edited", "letter_approved", "letter_sent"]));
    expect((await app.caseActions.close(filed.id, COORDINATOR, "resolved", "Written response sent to the family.")).status).toBe("closed");
  });

  it("lets only managers approve (audited), and refuses approving a version that is no longer the draft", async () => {
    const app = memoryServices({ roles: ROLES });
    const { letter, version } = await drafted(app);
    const denied = await refusal(app.letters.approve(letter.id, COORDINATOR, 1));
    expect(denied.userMessage).toContain("Only managers approve");
    expect(app.db.events.at(-1)).toMatchObject({ type: "permission_denied", actorId: COORDINATOR, data: { action: "approve_letter" } });

    await app.letters.edit(letter.id, COORDINATOR, 1, version.text.replace("Thank you for telling us", "Thank you very much for telling us"));
    expect((await refusal(app.letters.approve(letter.id, MANAGER, 1))).userMessage).toBe("The letter changed since you opened it; review the latest version.");
    await app.letters.approve(letter.id, MANAGER, 2);
    expect((await refusal(app.letters.approve(letter.id, ADMIN, 2))).userMessage).toBe("This letter was already approved.");
  });

  it("of two approvals at once exactly one wins", async () => {
    const app = memoryServices({ roles: ROLES });
    const { letter } = await drafted(app);
    const gate = app.db.holdWrites();
    const approvals = Promise.allSettled([app.letters.approve(letter.id, MANAGER, 1), app.letters.approve(letter.id, ADMIN, 1)]);
    await gate.arrived(2);
    gate.release();
    const [first, second] = await approvals;
    expect(first.status).toBe("fulfilled");
    expect(((second as PromiseRejectedResult).reason as AppError).userMessage).toBe("Someone changed or approved this letter first.");
    expect(app.db.letters.get(letter.id)).toMatchObject({ status: "approved", approvedBy: MANAGER });
    expect(app.db.events.filter((event) => event.type === "letter_approved")).toHaveLength(1);
  });

  it("refuses an edit based on a version someone else already replaced, and one too short to send", async () => {
    const app = memoryServices({ roles: ROLES });
    const { letter, version } = await drafted(app);
    await app.letters.edit(letter.id, MANAGER, 1, `${version.text}\n\nWith our best wishes.`);
    const stale = await refusal(app.letters.edit(letter.id, COORDINATOR, 1, `${version.text}\n\nKind regards.`));
    expect(stale.code).toBe(ErrorCode.conflict);
    expect(stale.userMessage).toContain("Someone changed this letter while you were editing");
    expect((await refusal(app.letters.edit(letter.id, COORDINATOR, 2, "Too short."))).userMessage).toBe("The letter is too short to send.");
    expect(app.db.versions.map((row) => row.number)).toEqual([1, 2]);
  });

  it("tells the other approvers of an edited version, not the manager who made the edit", async () => {
    const app = memoryServices({ roles: ROLES });
    const { letter, version } = await drafted(app);
    await app.letters.edit(letter.id, MANAGER, 1, version.text.replace("Thank you for telling us", "Thank you very much for telling us"));
    expect(approvalRequests(app, ADMIN).map((post) => post.payload.version)).toEqual(["1", "2"]);
    expect(approvalRequests(app, MANAGER).map((post) => post.payload.version)).toEqual(["1"]);
  });

  it("regenerates once from the version shown, with the instruction de-identified for the model", async () => {
    const drafter = createModelDrafter();
    const app = memoryServices({ roles: ROLES, drafter });
    const { letter } = await drafted(app);
    await app.letters.regenerate(letter.id, COORDINATOR, 1, "Warmer, and address Jonas Testfamily by name.");
    expect(app.db.letters.get(letter.id)?.status).toBe("drafting");
    expect((await refusal(app.letters.regenerate(letter.id, COORDINATOR, 1, "Shorter."))).userMessage).toBe("This letter changed or is already being redrafted.");
    const job = app.queued(LETTER_OUTBOX.draft).find((post) => post.payload.version === "2")!;
    expect(job.payload.instruction).toBe("Warmer, and address Jonas Testfamily by name.");

    await app.letters.produceDraft(letter.id, 2, job.payload.instruction);
    expect(app.db.letters.get(letter.id)).toMatchObject({ status: "draft", currentVersion: 2 });
    expect(drafter.calls.at(-1)?.instruction).toBeDefined();
    expect(drafter.calls.at(-1)?.instruction).not.toContain("Jonas");
    expect((await app.letterRepository.version(letter.id, 2))?.instruction).toBe("Warmer, and address Jonas Testfamily by name.");
  });

  it("rejects a draft only with a reason; a rejected letter can no longer be approved", async () => {
    const app = memoryServices({ roles: ROLES });
    const { letter } = await drafted(app);
    expect((await refusal(app.letters.reject(letter.id, MANAGER, 1, "no"))).userMessage).toBe("Say why the letter is rejected.");
    await app.letters.reject(letter.id, MANAGER, 1, "The tone is wrong for this family.");
    expect(app.db.letters.get(letter.id)).toMatchObject({ status: "rejected", rejectedBy: MANAGER, rejectedReason: "The tone is wrong for this family." });
    expect((await refusal(app.letters.approve(letter.id, MANAGER, 1))).code).toBe(ErrorCode.conflict);
    expect((await refusal(app.letters.markSent(letter.id, COORDINATOR))).userMessage).toBe("Only an approved letter can be marked as sent.");
  });

  it("refuses a review form opened from a message showing an older version", async () => {
    const app = memoryServices({ roles: ROLES });
    const { letter, version } = await drafted(app);
    await app.letters.edit(letter.id, COORDINATOR, 1, `${version.text}\n\nWith our best wishes.`);
    expect((await refusal(app.letters.openForm(letter.id, MANAGER, "approve", 1))).code).toBe(ErrorCode.conflict);
    expect((await app.letters.openForm(letter.id, MANAGER, "approve", 2)).version?.number).toBe(2);
  });
});

describe("letters: the text, privately", () => {
  it("shows the letter to an authorized user and audits the view; staff are refused", async () => {
    const app = memoryServices({ roles: ROLES });
    const { filed, letter } = await drafted(app);
    const shown = await app.letters.viewPrivately(letter.id, MANAGER);
    expect(shown.version?.text).toContain(`Dear ${RAISER_NAME},`);
    expect(app.db.events.at(-1)).toMatchObject({ caseId: filed.id, type: "letter_viewed", actorId: MANAGER, data: { letterId: letter.id, version: "1" } });
    expect((await refusal(app.letters.viewPrivately(letter.id, STAFF))).code).toBe(ErrorCode.forbidden);
    expect(app.db.events.filter((event) => event.type === "letter_viewed")).toHaveLength(1);
  });

  it("downloads only an approved letter, audited, to the requester alone", async () => {
    const app = memoryServices({ roles: ROLES });
    const { filed, letter, version } = await drafted(app);
    expect((await refusal(app.letters.download(letter.id, COORDINATOR, "txt"))).userMessage).toBe("Only an approved letter can be downloaded.");
    await app.letters.approve(letter.id, MANAGER, 1);
    const download = await app.letters.download(letter.id, COORDINATOR, "txt");
    expect(download).toMatchObject({ caseNumber: filed.number, version: 1, format: "txt" });
    expect(app.db.events.at(-1)).toMatchObject({ type: "letter_downloaded", actorId: COORDINATOR, data: { letterId: letter.id, version: "1" } });
    await download.send();
    expect(app.notifier.uploads).toHaveLength(1);
    expect(app.notifier.uploads[0]).toMatchObject({ userId: COORDINATOR, filename: `${filed.number}-letter-v1.txt` });
    expect(app.notifier.uploads[0]!.content.toString("utf8")).toBe(version.text);
  });
});

describe("letters: the interim letter", () => {
  it("once sent, makes the date it promised the case's response deadline", async () => {
    const app = memoryServices({ roles: ROLES });
    const { filed, letter, version } = await drafted(app, "interim");
    expect(version.checks.find((check) => check.id === "expected_date")).toMatchObject({ passed: true, required: true });
    expect(failedRequired(version.checks)).toEqual([]);
    await app.letters.approve(letter.id, MANAGER, 1);
    await app.letters.markSent(letter.id, COORDINATOR);
    // Received 27 Nov 09:30 New York, drafted 28 Nov 07:00: 30 days from the draft, the later.
    expect((await app.cases.findSummary(filed.id))?.responseDueAt?.toISOString()).toBe("2026-12-28T12:00:00.000Z");
    const extended = app.db.events.find((event) => event.type === "response_deadline_extended")!;
    expect(extended.data).toEqual({ letterId: letter.id, dueAt: "2026-12-28T12:00:00.000Z" });
    expect(app.queued(OUTBOX_KINDS.caseCardRefresh).map((post) => post.dedupeKey)).toContain(`card-refresh:${filed.id}:${extended.id}`);
  });
});
