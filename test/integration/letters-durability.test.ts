import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LETTER_OUTBOX } from "../../src/letters/letter-outbox.ts";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/fake-openai.ts";
import { fileCaseThroughSlack } from "../support/case-flow.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const COORDINATOR = "U0COORD0D1";

// A requested draft is produced once: with two instances draining the same queue, and when the
// instance that took the job died half-way (its lease runs out and another instance finishes it).
describe("drafting exactly once across instances and crashes (postgres)", () => {
  let first: TestApp;
  let second: TestApp;
  let openai: FakeOpenAi;
  const env = () => ({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseURL, OPENAI_MODEL: "gpt-test", LETTER_CONTACT_NAME: "Jordan Ellis" });
  const prisma = () => first.running.deps.db.prisma;

  beforeAll(async () => {
    openai = await startFakeOpenAi();
    first = await startTestApp("postgres", { env: env() });
    second = await startTestApp("postgres", { env: env(), databaseUrl: first.running.deps.env.DATABASE_URL });
    await first.running.deps.roles.setRole(COORDINATOR, "coordinator", "U0ADMIN001");
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await openai?.close();
  });

  async function filedWithNotes() {
    const filed = await fileCaseThroughSlack(first);
    await first.running.deps.caseActions.addNote(filed.id, COORDINATOR, "step", "We reviewed the triage log.");
    await first.running.deps.caseActions.addNote(filed.id, COORDINATOR, "result", "We found that staffing was short.");
    return filed;
  }

  it("two instances draining the queue at once make one draft, one model call, one thread message", async () => {
    const filed = await filedWithNotes();
    const before = openai.requests.length;
    const letter = await first.running.deps.letters.request(filed.id, COORDINATOR, "response", `test:${filed.id}:1`);
    await Promise.all([first.running.deps.outbox.kick(), second.running.deps.outbox.kick(), first.running.deps.outbox.kick()]);
    expect(openai.requests.length - before).toBe(1);
    expect(await prisma().letterVersion.count({ where: { letterId: letter.id } })).toBe(1);
    const placeholders = [...first.slack.calls, ...second.slack.calls].filter((call) => call.method === "chat.postMessage" && String(call.body.text).includes("Drafting the response letter"));
    expect(placeholders.filter((call) => call.body.thread_ts === filed.cardMessageTs)).toHaveLength(1);
  });

  it("the same request delivered twice creates one letter", async () => {
    const filed = await filedWithNotes();
    const [a, b] = await Promise.all([
      first.running.deps.letters.request(filed.id, COORDINATOR, "interim", `test:${filed.id}:dup`),
      second.running.deps.letters.request(filed.id, COORDINATOR, "interim", `test:${filed.id}:dup`),
    ]);
    expect(a.id).toBe(b.id);
    expect(await prisma().letter.count({ where: { caseId: filed.id } })).toBe(1);
  });

  it("finishes a draft whose instance died after posting the placeholder, without a second placeholder", async () => {
    const filed = await filedWithNotes();
    // Filing's own deliveries drain in the background and would take the new job too: finish them first.
    await Promise.all([first.running.deps.outbox.kick(), second.running.deps.outbox.kick()]);
    const letter = await first.running.deps.letters.request(filed.id, COORDINATOR, "interim", `test:${filed.id}:crash`);
    // The first instance took the job, posted the placeholder, then died: its lease is left behind.
    await prisma().letter.update({ where: { id: letter.id }, data: { threadChannelId: filed.cardChannelId, threadTs: "1700000000.999999" } });
    await prisma().outboxMessage.updateMany({
      where: { kind: LETTER_OUTBOX.draft, dedupeKey: `letter-draft:${letter.id}:1` },
      data: { attempts: 1, lockedUntil: new Date(Date.now() + 60_000) },
    });
    await second.running.deps.outbox.kick();
    expect(await prisma().letterVersion.count({ where: { letterId: letter.id } })).toBe(0);

    // The lease runs out; the surviving instance carries on from where the first stopped.
    await prisma().outboxMessage.updateMany({ where: { dedupeKey: `letter-draft:${letter.id}:1` }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    const placeholdersBefore = second.slack.callsTo("chat.postMessage").filter((call) => String(call.body.text).includes("Drafting the interim")).length;
    await second.running.deps.outbox.kick();
    const done = await prisma().letter.findUniqueOrThrow({ where: { id: letter.id }, include: { versions: true } });
    expect(done.versions).toHaveLength(1);
    expect(second.slack.callsTo("chat.postMessage").filter((call) => String(call.body.text).includes("Drafting the interim")).length).toBe(placeholdersBefore);
    expect(second.slack.callsTo("chat.update").some((call) => call.body.ts === "1700000000.999999")).toBe(true);
    // An interim letter promises when the written response will follow.
    const checks = done.versions[0]!.checks as { id: string; passed: boolean; required: boolean }[];
    expect(checks.find((check) => check.id === "expected_date")).toMatchObject({ passed: true, required: true });

    // Once the interim letter is sent, the date it promised becomes the response deadline.
    await prisma().letter.update({ where: { id: letter.id }, data: { status: "approved", approvedVersion: 1, approvedBy: "U0ADMIN001" } });
    await second.running.deps.letters.markSent(letter.id, COORDINATOR);
    const extended = await prisma().case.findUniqueOrThrow({ where: { id: filed.id } });
    // The date the letter promised when it was drafted (Sat 28 Nov 07:00 in New York, + 30 days),
    // which is later than received 27 Nov 09:30 + 30 days, and is stored with the version.
    expect(done.versions[0]!.promisedResponseAt?.toISOString()).toBe("2026-12-28T12:00:00.000Z");
    expect(extended.responseDueAt?.toISOString()).toBe("2026-12-28T12:00:00.000Z");
    expect(await prisma().caseEvent.count({ where: { caseId: filed.id, type: "response_deadline_extended" } })).toBe(1);
  });
});
