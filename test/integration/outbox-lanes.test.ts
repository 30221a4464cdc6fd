import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LETTER_OUTBOX } from "../../src/letters/letter-outbox.ts";
import { MORE_OPTIONS } from "../../src/slack/ids.ts";
import { POST_EVENT_TYPE } from "../../src/slack/outbox-client.ts";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/fake-openai.ts";
import type { RecordedCall } from "../fakes/fake-slack.ts";
import { viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { type IntakeFields, intakeViewState } from "../fixtures/intake.ts";
import { chooseMore, fileCaseThroughSlack, waitFor } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { CASE_CHANNEL, startTestApp, type TestApp } from "../support/test-app.ts";

// The outbox against a Slack that loses answers and a model that hangs: a post Slack took but
// answered 500 (or reset, or never answered) is posted once; a hung call holds up nothing else;
// cards and alerts go while drafts wait on the model; a crashed instance's message resumes within
// seconds; a failing message steps aside for the next one in its lane.

const ADMIN = "U0ADMIN001";
const MANAGER = "U0MANAGEL1";
const COORDINATOR = "U0COORDL01";
/** Short, so the tests wait seconds: a Slack call gives up after 1 s, a lease after 3 s, a model call after 2 s. */
const ENV = { SLACK_TIMEOUT_SECONDS: "1", OUTBOX_LEASE_SECONDS: "3", OPENAI_TIMEOUT_SECONDS: "2" };

let counter = 0;

/** Files a case through a signed submission and waits only for the case row, not for its posts. */
async function fileWithoutWaiting(app: TestApp, overrides: Partial<IntakeFields> = {}) {
  const viewId = `V0LANE${String(++counter).padStart(4, "0")}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const response = await app.interact(
    viewSubmissionPayload({ viewId, userId: "U0NURSE01", values: intakeViewState(overrides), privateMetadata: encodeIntakeMetadata({ originChannelId: "C0WARD0001" }) }),
  );
  expect(response.status).toBe(200);
  return waitFor(() => app.running.deps.db.prisma.case.findUnique({ where: { intakeKey: `slack-view:${viewId}` } }));
}

const isCardOf = (number: string) => (call: RecordedCall) =>
  call.method === "chat.postMessage" && call.body.channel === CASE_CHANNEL && !call.body.thread_ts && String(call.body.text).includes(number);

describe.each(DATABASE_KINDS)("outbox lanes, timeouts and lost answers (%s)", (kind) => {
  let app: TestApp;
  let openai: FakeOpenAi;
  const prisma = () => app.running.deps.db.prisma;
  /** Messages in the fake workspace (what people see), top level in the case channel, for one case. */
  const cardsInChannel = (number: string) => [...app.slack.messages.values()].filter((message) => message.channel === CASE_CHANNEL && !message.threadTs && String(message.text).includes(number));
  const cardOf = (caseId: string) => waitFor(async () => (await prisma().case.findUniqueOrThrow({ where: { id: caseId } })).cardMessageTs, 10_000);

  beforeAll(async () => {
    openai = await startFakeOpenAi();
    app = await startTestApp(kind, { env: { ...ENV, OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseURL, OPENAI_MODEL: "gpt-test" } });
    await app.running.deps.roles.setRole(MANAGER, "manager", ADMIN);
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
  });
  afterAll(async () => {
    openai?.behave("ok");
    await app?.close();
    await openai?.close();
  });

  it("tags every post with its outbox id, and a card Slack took but answered 500 for is posted once (its thread follows it)", async () => {
    app.slack.misbehaveNext("chat.postMessage", "accept-500", 1, (body) => body.channel === CASE_CHANNEL && !body.thread_ts && Array.isArray(body.blocks));
    const filed = await fileWithoutWaiting(app);
    const ts = await cardOf(filed.id);
    await app.running.deps.outbox.kick();
    const attempts = app.slack.calls.filter(isCardOf(filed.number));
    expect(attempts.map((call) => call.lost ?? "answered")).toEqual(["accept-500"]);
    expect(cardsInChannel(filed.number)).toHaveLength(1);
    // The retry found the card by its tag and recorded the ts Slack gave it.
    const [card] = cardsInChannel(filed.number);
    expect(card!.ts).toBe(ts);
    expect(card!.metadata).toMatchObject({ event_type: POST_EVENT_TYPE, event_payload: { part: 0 } });
    expect(app.slack.callsTo("conversations.history").some((call) => call.body.channel === CASE_CHANNEL && call.body.include_all_metadata === "true")).toBe(true);
    // The thread line queued behind the card waited for it and went into its thread.
    const thread = [...app.slack.messages.values()].filter((message) => message.threadTs === ts);
    expect(thread.length).toBeGreaterThan(0);
    for (const message of thread) expect(message.metadata).toMatchObject({ event_type: POST_EVENT_TYPE });
  });

  it("a thread line whose connection was reset after Slack took it, and a DM whose answer never came, are each posted once", async () => {
    const filed = await fileCaseThroughSlack(app);
    app.slack.misbehaveNext("chat.postMessage", "accept-reset", 1, (body) => body.thread_ts === filed.cardMessageTs);
    await app.running.deps.caseActions.changeStatus(filed.id, filed.ownerId!, "acknowledged");
    await app.running.deps.outbox.kick();
    const statusLines = () => [...app.slack.messages.values()].filter((message) => message.threadTs === filed.cardMessageTs && String(message.text).includes("changed the status"));
    await waitFor(async () => ((await prisma().outboxMessage.count({ where: { kind: "case_thread_update", status: "pending" } })) === 0 ? true : null), 10_000);
    expect(statusLines()).toHaveLength(1);
    expect(app.slack.callsTo("conversations.replies").some((call) => call.body.ts === filed.cardMessageTs)).toBe(true);

    // A DM: Slack takes it and never answers; the 1 s timeout ends the call, the retry finds it in the IM.
    app.slack.misbehaveNext("chat.postMessage", "accept-hang", 1, (body) => body.channel === COORDINATOR);
    await app.running.deps.enqueue([{ kind: "direct_message", dedupeKey: `lane-test-dm:${filed.id}`, payload: { caseId: filed.id, kind: "assigned", recipientId: COORDINATOR, actorId: "system" } }]);
    await app.running.deps.outbox.kick();
    const dm = await waitFor(async () => {
      const row = await prisma().outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `lane-test-dm:${filed.id}` } });
      return row.status === "sent" ? row : null;
    }, 10_000);
    const tagged = (message: { metadata?: unknown }) => (message.metadata as { event_payload?: { outbox_id?: string } } | undefined)?.event_payload?.outbox_id === String(dm.id);
    expect([...app.slack.messages.values()].filter((message) => message.channel === `D${COORDINATOR.slice(1)}` && tagged(message))).toHaveLength(1);
    expect(app.slack.callsTo("chat.postMessage").filter((call) => tagged(call.body)).map((call) => call.lost ?? "answered")).toEqual(["accept-hang"]);
    expect(app.slack.callsTo("conversations.open").some((call) => call.body.users === COORDINATOR)).toBe(true);
  });

  it("a hung Slack call times out and does not hold back a new case's card", async () => {
    app.slack.misbehaveNext("chat.postMessage", "hang", 1, (body) => body.channel === CASE_CHANNEL && !body.thread_ts && Array.isArray(body.blocks));
    const stuck = await fileWithoutWaiting(app);
    const hung = await waitFor(async () => app.slack.calls.find((call) => call.lost === "hang"));
    const next = await fileWithoutWaiting(app);
    await cardOf(next.id);
    const nextCard = app.slack.calls.find((call) => isCardOf(next.number)(call) && !call.lost)!;
    // Posted while the hung call was still waiting for its answer.
    expect(nextCard.at - hung.at).toBeLessThan(1_000);
    // The hung card is posted after its timeout, once (Slack never took the hung one).
    await cardOf(stuck.id);
    expect(cardsInChannel(stuck.number)).toHaveLength(1);
  });

  it("posts a new case's card and a harm alert promptly while drafts hang on a model that does not answer", async () => {
    const filed = await fileCaseThroughSlack(app, { category: "quality" });
    await app.running.deps.caseActions.addNote(filed.id, filed.ownerId!, "result", "We found the delay and fixed the rota.");
    openai.behave("timeout");
    const before = openai.requests.length;
    await chooseMore(app, filed.id, MORE_OPTIONS.draftLetter, filed.ownerId!);
    const letter = await waitFor(() => prisma().letter.findFirst({ where: { caseId: filed.id } }));
    // Fifty more drafts of that letter queued behind it: the drafts lane takes three at a time.
    await app.running.deps.enqueue(
      Array.from({ length: 50 }, (_, i) => ({ kind: LETTER_OUTBOX.draft, dedupeKey: `lane-test-draft:${letter.id}:${i}`, payload: { letterId: letter.id, version: String(i + 2) } })),
    );
    void app.running.deps.outbox.kick();
    await waitFor(async () => (openai.requests.length - before >= 3 ? true : null), 10_000);

    const started = Date.now();
    const harm = await fileWithoutWaiting(app, { flags: ["alleges_harm"] });
    await cardOf(harm.id);
    const cardDelay = Date.now() - started;
    const alert = await waitFor(async () =>
      app.slack.calls.find((call) => call.method === "chat.postMessage" && call.body.channel === MANAGER && !call.failed && String(call.body.text).includes(harm.number)),
    );
    const alertDelay = alert.at - started;
    expect(cardDelay).toBeLessThan(1_500);
    expect(alertDelay).toBeLessThan(1_500);
    // The drafts were still waiting on the model all along.
    expect(await prisma().outboxMessage.count({ where: { kind: LETTER_OUTBOX.draft, status: "pending" } })).toBeGreaterThanOrEqual(48);
    openai.behave("ok");
    await prisma().outboxMessage.updateMany({ where: { dedupeKey: { startsWith: `lane-test-draft:${letter.id}:` }, status: "pending" }, data: { status: "failed" } });
  }, 30_000);

  it("after a crash (a leased row whose heartbeat stopped) delivers within seconds, and does not repost what had landed", async () => {
    const now = Date.now();
    const posts = [
      { kind: "channel_message", dedupeKey: `lane-test-crash:${now}:landed`, payload: { channel: CASE_CHANNEL, text: `Crash test landed ${now}`, blocks: "[]" } },
      { kind: "channel_message", dedupeKey: `lane-test-crash:${now}:lost`, payload: { channel: "C0WARD0001", text: `Crash test lost ${now}`, blocks: "[]" } },
    ];
    // Written as a crashed instance leaves them: claimed once, lease renewed a moment ago, never finished.
    const leaseUntil = new Date(now + 3_000);
    await prisma().$transaction(async (tx) => {
      for (const post of posts) {
        await tx.outboxMessage.create({ data: { ...post, lane: "channel", orderKey: `channel:${post.payload.channel}`, attempts: 1, lockedUntil: leaseUntil, firstAttemptAt: new Date(now - 500) } });
      }
    });
    const landed = await prisma().outboxMessage.findUniqueOrThrow({ where: { dedupeKey: posts[0]!.dedupeKey } });
    // The crashed instance's first post had reached Slack, tagged, before it died.
    const ts = `${Math.floor(now / 1000)}.999${String(counter++).padStart(3, "0")}`;
    app.slack.messages.set(`${CASE_CHANNEL}/${ts}`, {
      channel: CASE_CHANNEL,
      ts,
      text: posts[0]!.payload.text,
      blocks: undefined,
      metadata: { event_type: POST_EVENT_TYPE, event_payload: { outbox_id: String(landed.id), part: 0 } },
    });
    const sent = await waitFor(async () => {
      const rows = await prisma().outboxMessage.findMany({ where: { dedupeKey: { in: posts.map((post) => post.dedupeKey) } } });
      return rows.every((row) => row.status === "sent") ? rows : null;
    }, 15_000);
    const resumedAfter = Math.max(...sent.map((row) => row.sentAt!.getTime())) - now;
    // Within the lease (3 s) and a poll (2 s), not ten minutes.
    expect(resumedAfter).toBeLessThan(6_000);
    const postsOf = (text: string) => app.slack.callsTo("chat.postMessage").filter((call) => call.body.text === text);
    expect(postsOf(posts[0]!.payload.text)).toHaveLength(0);
    expect(postsOf(posts[1]!.payload.text)).toHaveLength(1);
  });

  it("a message that keeps failing steps aside: the next one in its lane goes at once, and it follows after its backoff", async () => {
    const now = Date.now();
    const failing = { kind: "channel_message", dedupeKey: `lane-test-fail:${now}:1`, payload: { channel: "C0WARD0001", text: `Step aside ${now}`, blocks: "[]" } };
    const behind = { kind: "channel_message", dedupeKey: `lane-test-fail:${now}:2`, payload: { channel: CASE_CHANNEL, text: `Behind it ${now}`, blocks: "[]" } };
    app.slack.failNext("chat.postMessage", "internal_error", 2, (body) => body.text === failing.payload.text);
    await app.running.deps.enqueue([failing, behind]);
    await app.running.deps.outbox.kick();
    const row = (key: string) => prisma().outboxMessage.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect((await row(behind.dedupeKey)).status).toBe("sent");
    expect(await row(failing.dedupeKey)).toMatchObject({ status: "pending", lane: "channel" });
    await waitFor(async () => ((await row(failing.dedupeKey)).status === "sent" ? true : null), 15_000);
    const tries = app.slack.callsTo("chat.postMessage").filter((call) => call.body.text === failing.payload.text);
    expect(tries.map((call) => call.error ?? "ok")).toEqual(["internal_error", "internal_error", "ok"]);
    // Backoff with jitter: at least half of 1 s, then of 5 s.
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(450);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(2_450);
  }, 30_000);
});
