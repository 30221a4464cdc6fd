import pg from "pg";
import { HOSPITAL_TEST_SETTINGS } from "../support/hospital-settings.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, MORE_OPTIONS } from "../../src/slack/ids.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../fakes/fake-openai.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { blockActionPayload, interactiveBody, SIGNING_SECRET, sendToSlackEndpoint, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { intakeViewState } from "../fixtures/intake.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";

const ADMIN_A = "U0ADMINA01";
const ADMIN_B = "U0ADMINB01";
const CHANNEL = "C0CASES001";

// Two real bot processes on one PostgreSQL database, as in production behind a load balancer.
describe("two bot processes on one database (postgres)", () => {
  let slack: FakeSlack;
  let openai: FakeOpenAi;
  let database: TestDatabase;
  let db: pg.Client;
  let bots: BotProcess[] = [];

  const env = () => ({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    CASE_CHANNEL_ID: CHANNEL,
    DATABASE_URL: database.databaseUrl!,
    ADMIN_USER_IDS: `${ADMIN_A},${ADMIN_B}`,
    TZ: "America/New_York",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: openai.baseURL,
    OUTBOX_LEASE_SECONDS: "3",
    // Every ten seconds, so the test sees several slots quickly.
    ESCALATION_DIGEST_CRON: "*/10 * * * * *",
    LOG_LEVEL: "info",
    ...HOSPITAL_TEST_SETTINGS,
  });
  const send = (bot: BotProcess, payload: Record<string, unknown>) => sendToSlackEndpoint(bot.url, interactiveBody(payload));
  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;

  beforeAll(async () => {
    slack = await startFakeSlack();
    openai = await startFakeOpenAi();
    database = await createTestDatabase("postgres");
    // Both start together: migrations must run once.
    bots = await Promise.all([startBotProcess(env()), startBotProcess(env())]);
    db = new pg.Client({ connectionString: database.databaseUrl });
    await db.connect();
  }, 90_000);
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await db?.end();
    await database?.drop();
    await slack?.close();
    await openai?.close();
  });

  it("migrated once and both are ready", async () => {
    const rows = await query<{ count: string }>(`SELECT count(*) FROM "_prisma_migrations"`);
    const names = await query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.count)).toBe(new Set(names.map((row) => row.migration_name)).size);
  });

  it("files one case when the same submission reaches both processes", async () => {
    const payload = viewSubmissionPayload({ viewId: "V0PROCESS01", values: intakeViewState({ receivedAt: new Date(Date.now() - 3_600_000) }) });
    const responses = await Promise.all(bots.map((bot) => send(bot, payload)));
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await expect.poll(async () => (await query(`SELECT id FROM cases WHERE intake_key = 'slack-view:V0PROCESS01'`)).length).toBe(1);
    await expect.poll(async () => (await query(`SELECT card_message_ts FROM cases WHERE intake_key = 'slack-view:V0PROCESS01' AND card_message_ts IS NOT NULL`)).length, { timeout: 10_000 }).toBe(1);
    const cards = slack.callsTo("chat.postMessage").filter((call) => call.body.channel === CHANNEL && !call.body.thread_ts && String(call.body.text).includes("grievance"));
    expect(cards).toHaveLength(1);
  });

  it("of two approvals on different processes exactly one wins; a process killed mid-draft loses nothing", async () => {
    const [caseRow] = await query<{ id: string }>(`SELECT id FROM cases WHERE intake_key = 'slack-view:V0PROCESS01'`);
    openai.behave("slow");
    const requestsBefore = openai.requests.length;
    await send(bots[0]!, blockActionPayload({ actionId: ACTIONS.more, selectedOptionValue: JSON.stringify({ c: caseRow!.id, o: MORE_OPTIONS.draftLetter }), userId: ADMIN_A }));
    // Process A takes the drafting job and is killed while the model is still answering.
    await expect.poll(() => openai.requests.length, { timeout: 10_000 }).toBeGreaterThan(requestsBefore);
    await bots[0]!.stop("SIGKILL");
    // Process B takes it over when A's lease runs out, and drafts it once.
    await expect.poll(async () => (await query(`SELECT v.id FROM letter_versions v JOIN letters l ON l.id = v.letter_id WHERE l.case_id = $1`, [caseRow!.id])).length, { timeout: 20_000, interval: 250 }).toBe(1);
    const [letter] = await query<{ id: string }>(`SELECT id FROM letters WHERE case_id = $1`, [caseRow!.id]);

    // A restarted process and B both receive an approval of version 1.
    bots[0] = await startBotProcess(env());
    const approval = (bot: BotProcess, userId: string) =>
      send(bot, viewSubmissionPayload({ viewId: `V0APPROVE${userId}`, callbackId: "letter_approve", userId, values: {}, privateMetadata: JSON.stringify({ l: letter!.id, v: 1 }) }));
    const [first, second] = await Promise.all([approval(bots[0]!, ADMIN_A), approval(bots[1]!, ADMIN_B)]);
    expect([first.text, second.text].filter((text) => text === "")).toHaveLength(1);
    const [approved] = await query<{ status: string; approved_by: string }>(`SELECT status, approved_by FROM letters WHERE id = $1`, [letter!.id]);
    expect(approved!.status).toBe("approved");
    expect(await query(`SELECT id FROM case_events WHERE case_id = $1 AND type = 'letter_approved'`, [caseRow!.id])).toHaveLength(1);
  }, 60_000);

  it("posts each digest slot once across the processes", async () => {
    await new Promise((resolve) => setTimeout(resolve, 21_000));
    const slots = await query<{ key: string }>(`SELECT key FROM job_runs WHERE key LIKE 'escalation-digest:%'`);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => slack.callsTo("chat.postMessage").filter((call) => call.body.channel === CHANNEL && String(call.body.text).startsWith("Escalations")).length, { timeout: 10_000 })
      .toBe((await query(`SELECT key FROM job_runs WHERE key LIKE 'escalation-digest:%'`)).length);
  }, 40_000);

  it("shuts down gracefully on SIGTERM", async () => {
    const code = await bots[1]!.stop("SIGTERM");
    expect(code).toBe(0);
    expect(bots[1]!.output.join("")).toContain("shutting down");
  }, 20_000);
});
