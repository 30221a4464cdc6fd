import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, MORE_OPTIONS, VIEWS } from "../../src/slack/ids.ts";
import { type Behaviour, type FakeOpenAi, startFakeOpenAi } from "../fakes/fake-openai.ts";
import { blockActionPayload, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { CONTACT_PHONE, PATIENT_NAME, RAISER_NAME } from "../fixtures/intake.ts";
import { chooseMore, fileCaseThroughSlack, privateMessagesTo } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const COORDINATOR = "U0COORD0L1";
const MANAGER = "U0MANAGER3";
const ADMIN = "U0ADMIN001";
const OTHER_STAFF = "U0STAFF003";
const IDENTIFIERS = [PATIENT_NAME, RAISER_NAME, CONTACT_PHONE, "Maria", "Testpatient", "Jonas", "Testfamily", "2013344", "MRN 4471203", "jonas.t@example.org"];

describe.each(DATABASE_KINDS)("response letters under review in the case thread (%s)", (kind) => {
  let app: TestApp;
  let openai: FakeOpenAi;
  const prisma = () => app.running.deps.db.prisma;

  beforeAll(async () => {
    openai = await startFakeOpenAi();
    app = await startTestApp(kind, { env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseURL, OPENAI_MODEL: "gpt-test", OPENAI_TIMEOUT_SECONDS: "1", LETTER_CONTACT_NAME: "Jordan Ellis", HOSPITAL_NAME: "Lakeside Community Hospital" } });
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
    await app.running.deps.roles.setRole(MANAGER, "manager", ADMIN);
  });
  afterAll(async () => {
    await app?.close();
    await openai?.close();
  });

  /** Files a Medicare quality-of-care case with investigation notes, and asks for a draft. */
  async function draftFor(behaviour: Behaviour = "ok") {
    openai.behave(behaviour);
    const filed = await fileCaseThroughSlack(app, {
      category: "quality",
      flags: ["medicare_beneficiary"],
      description: `Maria Testpatient (MRN 4471203) waited six hours; her son Jonas can be reached at jonas.t@example.org or ${CONTACT_PHONE}.`,
    });
    const actions = app.running.deps.caseActions;
    await actions.addNote(filed.id, filed.ownerId!, "step", "We reviewed the triage log and spoke with the charge nurse on duty.");
    await actions.addNote(filed.id, filed.ownerId!, "result", "We found that the wait was caused by a staffing shortage that night, and we have added a second triage nurse.");
    const requestsBefore = openai.requests.length;
    await app.interact(blockActionPayload({ actionId: ACTIONS.more, selectedOptionValue: JSON.stringify({ c: filed.id, o: MORE_OPTIONS.draftLetter }), userId: filed.ownerId! }));
    await expect.poll(async () => (await prisma().letter.findFirst({ where: { caseId: filed.id } }))?.currentVersion ?? 0, { timeout: 15_000 }).toBe(1);
    await app.running.deps.outbox.kick();
    const letter = await prisma().letter.findFirstOrThrow({ where: { caseId: filed.id }, include: { versions: true } });
    return { filed, letter, version: letter.versions[0]!, newRequests: openai.requests.slice(requestsBefore) };
  }

  const submit = (callbackId: string, letterId: string, version: number, userId: string, values: Record<string, Record<string, unknown>> = {}) =>
    app.interact(viewSubmissionPayload({ viewId: `V0LTR${Math.random().toString(36).slice(2, 9).toUpperCase()}`, callbackId, userId, values, privateMetadata: JSON.stringify({ l: letterId, v: version }) }));

  it("drafts with the model from de-identified facts, re-identifies locally, and shows the checklist in the thread", async () => {
    const { filed, letter, version, newRequests } = await draftFor("ok");
    expect(letter.status).toBe("draft");
    expect(version).toMatchObject({ source: "llm", model: "gpt-test", promptId: "response-letter", promptVersion: "1", inputTokens: 812, outputTokens: 455 });
    expect(version.promptHash).toMatch(/^[0-9a-f]{64}$/);
    // Nothing identifying reached the model, and the model got no tools.
    expect(newRequests).toHaveLength(1);
    for (const identifier of IDENTIFIERS) expect(newRequests[0]!.raw).not.toContain(identifier);
    expect(newRequests[0]!.body.tools ?? []).toEqual([]);
    // The letter the manager reviews names the family again.
    expect(version.text).toContain(`Dear ${RAISER_NAME},`);
    expect(version.text).toContain("Jordan Ellis");
    const checks = version.checks as { id: string; passed: boolean; required: boolean }[];
    expect(checks.filter((check) => check.required && !check.passed).map((check) => check.id)).toEqual([]);
    expect(checks.find((check) => check.id === "qio_notice")).toMatchObject({ passed: true, required: true });
    // Placeholder first, then the draft in the same thread message.
    const placeholder = app.slack.callsTo("chat.postMessage").find((call) => call.body.thread_ts === filed.cardMessageTs && String(call.body.text).includes("Drafting the response letter"));
    expect(placeholder).toBeDefined();
    const shown = app.slack.callsTo("chat.update").filter((call) => call.body.ts === letter.threadTs).map((call) => JSON.stringify(call.body));
    expect(shown.at(-1)).toContain("Approve…");
    expect(shown.at(-1)).toContain("Checks");
    // The channel sees the letter's state, never its text (it names the family).
    for (const message of shown) expect(message).not.toContain(RAISER_NAME);
    // "View letter" shows it privately, and the view is audited.
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterView, value: JSON.stringify({ l: letter.id, v: 1 }), userId: MANAGER }));
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes(`Dear ${RAISER_NAME},`))).toBe(true);
    expect(await prisma().caseEvent.count({ where: { caseId: letter.caseId, type: "letter_viewed", actorId: MANAGER } })).toBe(1);
  });

  it("lets only managers approve, refuses a stale approval after an edit, and of two approvals exactly one wins", async () => {
    const { letter, version } = await draftFor("ok");
    const approveV = (userId: string, number: number) => submit(VIEWS.letterApprove, letter.id, number, userId);
    const denied = await approveV(COORDINATOR, 1);
    expect(JSON.stringify(denied.json)).toContain("Only managers approve");

    const edited = `${version.text.replace("Thank you for telling us", "Thank you very much for telling us")}`;
    const editResponse = await submit(VIEWS.letterEdit, letter.id, 1, COORDINATOR, { [`${ACTION_FIELDS.letterPart}0`]: { [`${ACTION_FIELDS.letterPart}0`]: { type: "plain_text_input", value: edited } } });
    expect(editResponse.text).toBe("");
    const stale = await approveV(MANAGER, 1);
    expect(JSON.stringify(stale.json)).toContain("changed since you opened it");

    const [first, second] = await Promise.all([approveV(MANAGER, 2), approveV(ADMIN, 2)]);
    expect([first.text, second.text].filter((text) => text === "")).toHaveLength(1);
    const approved = await prisma().letter.findUniqueOrThrow({ where: { id: letter.id }, include: { versions: { orderBy: { number: "asc" } } } });
    expect(approved).toMatchObject({ status: "approved", approvedVersion: 2 });
    expect([MANAGER, ADMIN]).toContain(approved.approvedBy);
    expect(approved.approvedHash).toBe(createHash("sha256").update(approved.versions[1]!.text).digest("hex"));
    expect(approved.versions.map((row) => row.source)).toEqual(["llm", "edit"]);
    expect(await prisma().caseEvent.count({ where: { caseId: letter.caseId, type: "letter_approved" } })).toBe(1);
  });

  it("goes from the button to an approved PDF in the thread, and records when it was sent", async () => {
    const { letter } = await draftFor("ok");
    expect((await submit(VIEWS.letterApprove, letter.id, 1, MANAGER)).text).toBe("");
    const value = JSON.stringify({ l: letter.id, v: 1 });
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterPdf, value, userId: COORDINATOR }));
    // The first PDF of a process loads its fonts (tens of MB): give it time on a busy machine.
    await expect.poll(() => app.slack.calls.filter((call) => call.method.startsWith("upload/")).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const upload = app.slack.calls.filter((call) => call.method.startsWith("upload/")).at(-1)!;
    // The upload is the PDF itself (possibly wrapped in a multipart body).
    expect(upload.raw!.includes("%PDF-")).toBe(true);
    expect(upload.raw!.includes("%%EOF")).toBe(true);
    await expect.poll(() => app.slack.callsTo("files.completeUploadExternal").length).toBeGreaterThan(0);
    // Downloads go to the requester's direct messages, not to the channel.
    expect(app.slack.callsTo("files.completeUploadExternal").at(-1)!.body.channel_id).toBe(`D${COORDINATOR.slice(1)}`);
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterSent, value, userId: COORDINATOR }));
    await expect.poll(async () => (await prisma().letter.findUniqueOrThrow({ where: { id: letter.id } })).status).toBe("sent");
    expect(await prisma().caseEvent.count({ where: { caseId: letter.caseId, type: { in: ["letter_downloaded", "letter_sent"] } } })).toBe(2);
  });

  it("tells the person at once where a download goes, and plainly when the upload fails", async () => {
    const { filed, letter } = await draftFor("ok");
    expect((await submit(VIEWS.letterApprove, letter.id, 1, MANAGER)).text).toBe("");
    const value = JSON.stringify({ l: letter.id, v: 1 });
    const told = () => privateMessagesTo(app, COORDINATOR).filter((text) => text.includes(`letter v1 for ${filed.number}`));
    const before = told().length;
    const uploadsBefore = app.slack.callsTo("files.completeUploadExternal").filter((call) => call.body.channel_id === `D${COORDINATOR.slice(1)}` && !call.failed).length;
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterPdf, value, userId: COORDINATOR }));
    await expect.poll(() => told().length).toBe(before + 1);
    expect(told().at(-1)).toContain(`Sending the PDF of letter v1 for ${filed.number} to you in a direct message from the app`);

    // The PDF has gone out before the next upload is made to fail.
    await expect.poll(() => app.slack.callsTo("files.completeUploadExternal").filter((call) => call.body.channel_id === `D${COORDINATOR.slice(1)}` && !call.failed).length).toBeGreaterThan(uploadsBefore);
    app.slack.failNext("files.completeUploadExternal", "internal_error");
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterText, value, userId: COORDINATOR }));
    await expect.poll(() => told().some((text) => text.includes("could not be sent"))).toBe(true);
    const [sending, failed] = told().slice(before + 1);
    expect(sending).toContain(`Sending the text file of letter v1 for ${filed.number}`);
    expect(failed).toContain(`the text file of letter v1 for ${filed.number} could not be sent`);
    expect(failed).toContain("*Download text* again");
    // The notices name the case and the version only, never the letter or the patient.
    for (const text of told()) for (const identifier of IDENTIFIERS) expect(text).not.toContain(identifier);
  });

  it("tells each approver once, by direct message, that a version awaits approval; not the manager who edited it", async () => {
    const { filed, letter, version } = await draftFor("ok");
    const approvalMessages = (userId: string) => privateMessagesTo(app, userId).filter((text) => text.includes("awaits your approval") && text.includes(filed.number));
    await expect.poll(() => approvalMessages(MANAGER).length).toBe(1);
    await expect.poll(() => approvalMessages(ADMIN).length).toBe(1);
    expect(approvalMessages(COORDINATOR)).toHaveLength(0);
    const message = approvalMessages(MANAGER)[0]!;
    expect(message).toContain("The response letter (version 1) for <");
    expect(message).toContain(`/archives/${filed.cardChannelId}/p${filed.cardMessageTs!.replace(".", "")}|${filed.number}>`);
    // The case number, kind and version only: never the patient or the letter.
    for (const identifier of IDENTIFIERS) expect(message).not.toContain(identifier);
    expect(message).not.toContain(version.text.split("\n")[0]!);

    // The draft job delivered again adds no version and no second message.
    await app.running.deps.letters.produceDraft(letter.id, 1);
    await app.running.deps.outbox.kick();
    expect(approvalMessages(MANAGER)).toHaveLength(1);
    expect(approvalMessages(ADMIN)).toHaveLength(1);

    // The manager edits: the admin hears of version 2, the manager is not told of their own edit.
    const edited = version.text.replace("Thank you for telling us", "Thank you very much for telling us");
    const part = `${ACTION_FIELDS.letterPart}0`;
    expect((await submit(VIEWS.letterEdit, letter.id, 1, MANAGER, { [part]: { [part]: { type: "plain_text_input", value: edited } } })).text).toBe("");
    await app.running.deps.outbox.kick();
    await expect.poll(() => approvalMessages(ADMIN).length).toBe(2);
    expect(approvalMessages(ADMIN).at(-1)).toContain("The response letter (version 2)");
    expect(approvalMessages(MANAGER)).toHaveLength(1);
  });

  it("has an interim letter drafted on day 35 promise a date ahead, shown to the approver, and kept by Mark as sent", async () => {
    // Received 35 days before "now" (Sat 28 Nov 2026, 07:00 in New York): receipt + 30 days has passed.
    const filed = await fileCaseThroughSlack(app, { receivedVia: "email", receivedAt: new Date("2026-10-24T11:00:00Z") });
    expect(filed.type).toBe("grievance");
    const letter = await app.running.deps.letters.request(filed.id, MANAGER, "interim", `test:${filed.id}:interim35`);
    await expect.poll(async () => (await prisma().letter.findUniqueOrThrow({ where: { id: letter.id } })).currentVersion, { timeout: 15_000 }).toBe(1);
    await app.running.deps.outbox.kick();
    const view = await app.running.deps.letters.view(letter.id);
    // 30 days from the drafting day, not from receipt (which would be 23 Nov, already past).
    expect(view.promisedResponseBy?.toISOString()).toBe("2026-12-28T12:00:00.000Z");
    const shown = app.slack.callsTo("chat.update").filter((call) => call.body.ts === view.letter.threadTs).map((call) => JSON.stringify(call.body));
    expect(shown.at(-1)).toContain("Promises the written response by *Mon 28 Dec, 7:00 AM EST*");
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterApprove, value: JSON.stringify({ l: letter.id, v: 1 }), userId: MANAGER }));
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes("Promises the written response by *Mon 28 Dec, 7:00 AM EST*"))).toBe(true);
    await prisma().letter.update({ where: { id: letter.id }, data: { status: "approved", approvedVersion: 1, approvedBy: MANAGER } });
    await app.running.deps.letters.markSent(letter.id, MANAGER);
    expect((await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).responseDueAt?.toISOString()).toBe("2026-12-28T12:00:00.000Z");
  });

  it("keeps staff out of letters", async () => {
    const { filed } = await draftFor("ok");
    await chooseMore(app, filed.id, MORE_OPTIONS.draftLetter, OTHER_STAFF);
    await expect.poll(() => privateMessagesTo(app, OTHER_STAFF).some((text) => text.includes("Nothing was changed"))).toBe(true);
  });

  if (kind === "pglite") {
    it.each([
      ["a timeout", "timeout", "timeout"],
      ["a 5xx error", "server_error", "http_500"],
      ["malformed JSON", "malformed", "malformed_output"],
      ["a refusal", "refusal", "refused"],
    ] as const)("falls back to a labelled template draft after %s, never an empty one", async (_title, behaviour, reason) => {
      const { version, newRequests } = await draftFor(behaviour);
      expect(version).toMatchObject({ source: "template", fallbackReason: reason });
      expect(version.text.length).toBeGreaterThan(200);
      expect(version.text).toContain(`Dear ${RAISER_NAME},`);
      // Bounded retries: the client tries at most three times for retryable failures.
      expect(newRequests.length).toBeLessThanOrEqual(3);
    });

    it("retries a 429 after retry-after and uses the model's draft", async () => {
      const { version, newRequests } = await draftFor("rate_limit_then_ok");
      expect(version.source).toBe("llm");
      expect(newRequests).toHaveLength(2);
    });

    it("catches injected content and blocks approval without an override reason", async () => {
      const { letter, version } = await draftFor("injection");
      const failing = (version.checks as { id: string; passed: boolean; required: boolean }[]).filter((check) => check.required && !check.passed).map((check) => check.id);
      expect(failing).toEqual(expect.arrayContaining(["no_liability", "no_compensation", "no_unknown_contacts"]));
      const blocked = await submit(VIEWS.letterApprove, letter.id, 1, MANAGER, { [ACTION_FIELDS.overrideReason]: { [ACTION_FIELDS.overrideReason]: { type: "plain_text_input", value: "" } } });
      expect(JSON.stringify(blocked.json)).toContain("Required checks fail");
      expect((await prisma().letter.findUniqueOrThrow({ where: { id: letter.id } })).status).toBe("draft");
    });
  }
});
