import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, VIEWS } from "../../src/slack/ids.ts";
import { blockActionPayload, interactiveBody, type SendOptions, sendToSlackEndpoint, slashCommandBody, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { fileCaseThroughSlack, privateMessagesTo } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// One interaction delivered six times (Slack's retries with x-slack-retry-num, a replay of the
// same signed request inside the five-minute window, and — on PostgreSQL — two instances behind a
// load balancer on one database) takes effect once, and every delivery is acknowledged.

const COORDINATOR_A = "U0COORD0A1";
const COORDINATOR_B = "U0COORD0B1";
const MANAGER = "U0MANAGER1";
const now = () => Math.floor(Date.now() / 1000);

describe.each(DATABASE_KINDS)("each interaction is applied once (%s)", (kind) => {
  let app: TestApp;
  /** A second instance on the same database (PostgreSQL), else the same instance again (PGlite is one process's). */
  let other: TestApp;
  const prisma = () => app.running.deps.db.prisma;

  beforeAll(async () => {
    app = await startTestApp(kind);
    other = kind === "postgres" ? await startTestApp(kind, { databaseUrl: app.running.deps.env.DATABASE_URL }) : app;
    for (const [user, role] of [[COORDINATOR_A, "coordinator"], [COORDINATOR_B, "coordinator"], [MANAGER, "manager"]] as const) {
      await app.running.deps.roles.setRole(user, role, "U0ADMIN001");
    }
  });
  afterAll(async () => {
    if (other !== app) await other?.close();
    await app?.close();
  });

  /** The same signed body six ways: first, two retries, a replay of the same signature, and twice more on the other instance. */
  function deliverSixTimes(body: string, concurrently: boolean) {
    const signedAt = now();
    const deliveries: [string, SendOptions][] = [
      [app.url, { timestamp: signedAt }],
      [app.url, { timestamp: signedAt, headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } }],
      [app.url, { timestamp: signedAt, headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" } }],
      [app.url, { timestamp: signedAt }],
      [other.url, { timestamp: signedAt }],
      [other.url, { timestamp: signedAt + 1, headers: { "x-slack-retry-num": "3", "x-slack-retry-reason": "http_error" } }],
    ];
    const send = ([url, options]: [string, SendOptions]) => sendToSlackEndpoint(url, body, options);
    if (concurrently) return Promise.all(deliveries.map(send));
    return deliveries.reduce<Promise<Awaited<ReturnType<typeof send>>[]>>(async (done, delivery) => [...(await done), await send(delivery)], Promise.resolve([]));
  }

  it.each([true, false])("adds one note however often its submission arrives (all at once: %s)", async (concurrently) => {
    const filed = await fileCaseThroughSlack(app);
    const payload = viewSubmissionPayload({
      viewId: `V0ONCE${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      callbackId: VIEWS.addNote,
      userId: filed.ownerId!,
      privateMetadata: JSON.stringify({ c: filed.id }),
      values: { [ACTION_FIELDS.noteBody]: { [ACTION_FIELDS.noteBody]: { type: "plain_text_input", value: "Spoke with the ward manager." } } },
    });
    const responses = await deliverSixTimes(interactiveBody(payload), concurrently);
    // Every delivery closes the form, as the first one did.
    expect(responses.map((response) => [response.status, response.text])).toEqual(Array(6).fill([200, ""]));
    expect(await prisma().caseNote.count({ where: { caseId: filed.id } })).toBe(1);
    expect(await prisma().caseEvent.count({ where: { caseId: filed.id, type: "note_added" } })).toBe(1);
  });

  it("escalates once, alerts the managers once", async () => {
    const filed = await fileCaseThroughSlack(app, { category: "routine_request" });
    const alertsBefore = privateMessagesTo(app, MANAGER).length + (other === app ? 0 : privateMessagesTo(other, MANAGER).length);
    const payload = viewSubmissionPayload({ viewId: "V0ONCEESC1", callbackId: VIEWS.escalate, userId: filed.ownerId!, privateMetadata: JSON.stringify({ c: filed.id }), values: {} });
    const responses = await deliverSixTimes(interactiveBody(payload), false);
    expect(responses.every((response) => response.status === 200 && response.text === "")).toBe(true);
    expect(await prisma().caseEvent.count({ where: { caseId: filed.id, type: "escalated" } })).toBe(1);
    await app.running.deps.outbox.kick();
    await other.running.deps.outbox.kick();
    const alerts = () => privateMessagesTo(app, MANAGER).length + (other === app ? 0 : privateMessagesTo(other, MANAGER).length);
    await expect.poll(alerts).toBe(alertsBefore + 1);
  });

  it("posts an on-demand digest once for one /case digest command", async () => {
    const queued = () => prisma().outboxMessage.count();
    const body = slashCommandBody({ text: "digest escalations", userId: MANAGER, responseUrl: `${app.slack.url}/commands/1` });
    const before = await queued();
    const first = await sendToSlackEndpoint(app.url, body);
    expect(first.status).toBe(200);
    await expect.poll(queued).toBeGreaterThan(before);
    const once = await queued();
    const responses = await deliverSixTimes(body, true);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await queued()).toBe(once);
  });

  it("takes one 'Assign to me' click once, and a new click of the same button again", async () => {
    const filed = await fileCaseThroughSlack(app, { category: "routine_request", receivedVia: "in_person" });
    await prisma().case.update({ where: { id: filed.id }, data: { ownerId: null } });
    const click = blockActionPayload({ actionId: ACTIONS.assignToMe, value: JSON.stringify({ c: filed.id }), userId: COORDINATOR_A });
    const responses = await deliverSixTimes(interactiveBody(click), true);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    await expect.poll(async () => (await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).ownerId).toBe(COORDINATOR_A);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await prisma().caseEvent.count({ where: { caseId: filed.id, type: "assigned" } })).toBe(1);
    const told = () => privateMessagesTo(app, COORDINATOR_A).concat(other === app ? [] : privateMessagesTo(other, COORDINATOR_A)).filter((message) => message.includes(filed.number));
    expect(told()).toHaveLength(1);
    // Another click (its own action_ts) is a new interaction: answered again (already theirs).
    await app.interact(blockActionPayload({ actionId: ACTIONS.assignToMe, value: JSON.stringify({ c: filed.id }), userId: COORDINATOR_A }));
    await expect.poll(() => told().length).toBe(2);
  });

  it("runs a corrected form again after an inline error, and a failed attempt's retry is not a silent no-op", async () => {
    const filed = await fileCaseThroughSlack(app);
    const viewId = "V0ONCEFIX1";
    const submit = (value: string) =>
      app.interact(
        viewSubmissionPayload({
          viewId,
          callbackId: VIEWS.addNote,
          userId: filed.ownerId!,
          privateMetadata: JSON.stringify({ c: filed.id }),
          values: { [ACTION_FIELDS.noteBody]: { [ACTION_FIELDS.noteBody]: { type: "plain_text_input", value } } },
        }),
      );
    // An empty note is refused inline; the same empty submission again is refused again (nothing kept it).
    expect((await submit("   ")).json).toMatchObject({ response_action: "errors" });
    expect((await submit("   ")).json).toMatchObject({ response_action: "errors" });
    expect((await submit("Family called back.")).text).toBe("");
    expect(await prisma().caseNote.count({ where: { caseId: filed.id } })).toBe(1);
  });
});
