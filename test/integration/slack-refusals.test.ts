import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMessage, refusalBody } from "../fakes/block-kit/index.ts";
import { fileCaseThroughSlack, waitFor } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { CASE_CHANNEL, startTestApp, type TestApp } from "../support/test-app.ts";

// When Slack refuses a post for what it is, nothing is retried forever and nobody is left guessing:
// the post is marked failed with Slack's reason, a refused card goes out as plain text, the filer
// and the managers are told privately what to do, and /healthz counts what failed.

const FILER = "U0NURSE01";
const ADMIN = "U0ADMIN001";
const MANAGER = "U0MANAGE07";
const COORDINATOR = "U0COORD007";


/** The card as it was before the redesign: an overflow of six options, which Slack refuses. */
function sixOptionCard() {
  const options = ["Reassign…", "Escalate", "Draft response letter", "Change to grievance…", "Close…", "View details"].map((text, index) => ({
    text: { type: "plain_text", text },
    value: `o${index}`,
  }));
  return { text: "card", blocks: [{ type: "actions", block_id: "case_actions", elements: [{ type: "overflow", action_id: "case_more", options }] }] };
}

const dmsTo = (app: TestApp, userId: string) =>
  app.slack.callsTo("chat.postMessage").filter((call) => call.body.channel === userId && !call.failed).map((call) => JSON.stringify(call.body));

describe.each(DATABASE_KINDS)("when Slack refuses a post (%s)", (kind) => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;
  const lastReply = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => String(call.body.text)).at(-1) ?? "";
  const health = async () => (await (await fetch(app.url.replace("/slack/events", "/healthz"))).json()) as Record<string, unknown>;

  beforeAll(async () => {
    app = await startTestApp(kind);
    await app.running.deps.roles.setRole(MANAGER, "manager", ADMIN);
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("the strict fake refuses a six-option overflow as Slack does", () => {
    const refusal = checkMessage(sixOptionCard());
    expect(refusal?.error).toBe("invalid_blocks");
    expect(refusal?.errors?.join("\n")).toContain("[json-pointer:/blocks/0/elements/0/options]");
  });

  it("posts a refused card as plain text, keeps the case working, and tells the filer and managers", async () => {
    // Slack answers the rich card exactly as it answered the six-option card.
    const answer = refusalBody(checkMessage(sixOptionCard())!, "message") as { ok: false; error: string };
    app.slack.failNext("chat.postMessage", answer, 1, (body) => body.channel === CASE_CHANNEL && !body.thread_ts && Array.isArray(body.blocks));
    const filed = await fileCaseThroughSlack(app);
    const plain = app.slack.callsTo("chat.postMessage").find((call) => !call.failed && call.body.channel === CASE_CHANNEL && String(call.body.text).startsWith(filed.number));
    expect(plain?.body.text).toContain("Shown as plain text because Slack refused the full card");
    expect(plain?.body.blocks).toBeUndefined();
    // The card is recorded, so its thread (updates, letters) works.
    expect(filed.cardChannelId).toBe(CASE_CHANNEL);
    await app.running.deps.outbox.kick();
    for (const person of [FILER, ADMIN, MANAGER]) {
      const alert = dmsTo(app, person).find((body) => body.includes("could not be posted"));
      expect(alert, person).toContain(filed.number);
      expect(alert).toContain("invalid_blocks");
      expect(alert).toContain("A plain-text card was posted instead");
    }
    // Nothing about the patient goes into an alert.
    for (const person of [FILER, MANAGER]) for (const body of dmsTo(app, person)) expect(body).not.toContain("Testpatient");
    app.acceptRefusals();
  });

  it("gives up at once when the bot is not in the channel, says how to fix it, counts it in /healthz, and sends it after /case admin retry", async () => {
    const filed = await fileCaseThroughSlack(app);
    app.slack.channels.get(CASE_CHANNEL)!.member = false;
    await app.running.deps.caseActions.changeStatus(filed.id, filed.ownerId!, "acknowledged");
    await app.running.deps.outbox.kick();
    await app.running.deps.outbox.kick();
    const failed = await prisma().outboxMessage.findMany({ where: { status: "failed" } });
    expect(failed.map((row) => row.kind).sort()).toEqual(["case_card_refresh", "case_thread_update"]);
    for (const row of failed) expect(row.lastError).toBe("not_in_channel");
    // One alert per person for the case and Slack's error, however many posts it refused.
    const alerts = dmsTo(app, MANAGER).filter((body) => body.includes("not_in_channel") && body.includes(filed.number));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(`Invite the app to <#${CASE_CHANNEL}>`);
    expect(alerts[0]).toContain("/case admin retry");
    expect(dmsTo(app, FILER).some((body) => body.includes("not_in_channel") && body.includes(filed.number))).toBe(true);
    expect(await health()).toMatchObject({ ok: true, outbox: { failed: 2 } });

    // The bot is invited again; an admin sends what failed.
    app.slack.channels.get(CASE_CHANNEL)!.member = true;
    const before = app.slack.callsTo("chat.update").length;
    await app.slash("admin retry", { userId: ADMIN });
    await waitFor(async () => ((await prisma().outboxMessage.count({ where: { status: "failed" } })) === 0 ? true : null));
    await app.running.deps.outbox.kick();
    expect(app.slack.callsTo("chat.update").slice(before).some((call) => !call.failed && call.body.ts === filed.cardMessageTs)).toBe(true);
    expect(await health()).toMatchObject({ outbox: { failed: 0 } });
    await expect.poll(lastReply).toContain("Queued 2 posts Slack had refused");
    app.acceptRefusals();
  });

  it("refuses /case admin retry to anyone but an admin", async () => {
    const before = app.slack.calls.length;
    await app.slash("admin retry", { userId: COORDINATOR });
    await expect.poll(() => app.slack.calls.length).toBeGreaterThan(before);
    await expect.poll(lastReply).toMatch(/admin/i);
    expect(lastReply()).not.toContain("Queued");
  });
});

describe("start-up channel check", () => {
  let app: TestApp;
  afterAll(async () => {
    await app?.close();
  });

  it("says which configured channel the bot is not in: in the log, to the admins, and in /healthz", async () => {
    app = await startTestApp("pglite", {
      env: { DIGEST_CHANNEL_ID: "C0DIGEST01" },
      slack: { channels: { C0CASES001: { member: false }, C0DIGEST01: { member: true, archived: true } } },
    });
    const warnings = app.logs.filter((line) => line.includes('"level":40'));
    expect(warnings.some((line) => line.includes("The app is not in channel C0CASES001 (CASE_CHANNEL_ID)"))).toBe(true);
    expect(warnings.some((line) => line.includes("C0DIGEST01 (DIGEST_CHANNEL_ID) is archived"))).toBe(true);
    await app.running.deps.outbox.kick();
    const toAdmin = dmsTo(app, ADMIN).join("\n");
    expect(toAdmin).toContain("/invite @Patient Relations");
    expect(toAdmin).toContain("C0DIGEST01");
    const health = (await (await fetch(app.url.replace("/slack/events", "/healthz"))).json()) as { channelProblems: unknown[] };
    expect(health.channelProblems).toEqual([
      { id: "C0CASES001", setting: "CASE_CHANNEL_ID", problem: "not_in_channel" },
      { id: "C0DIGEST01", setting: "DIGEST_CHANNEL_ID", problem: "is_archived" },
    ]);
  });

  it("reports nothing when every channel is fine", async () => {
    const fine = await startTestApp("pglite");
    try {
      const health = (await (await fetch(fine.url.replace("/slack/events", "/healthz"))).json()) as Record<string, unknown>;
      expect(health).toEqual({ ok: true, outbox: expect.objectContaining({ failed: 0 }), intakePending: 0, channelProblems: [], letterSettings: "ok" });
      expect(fine.logs.some((line) => line.includes("The app is not in channel"))).toBe(false);
    } finally {
      await fine.close();
    }
  });
});
