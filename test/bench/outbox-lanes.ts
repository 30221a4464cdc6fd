import { buildApp } from "../../src/app.ts";
import { parseIntake } from "../../src/cases/case.schema.ts";
import { LETTER_OUTBOX } from "../../src/letters/letter-outbox.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { startFakeOpenAi } from "../fakes/fake-openai.ts";
import { startFakeSlack } from "../fakes/fake-slack.ts";
import { intakeInput } from "../fixtures/intake.ts";
import { createTestDatabase, type DatabaseKind } from "../support/databases.ts";
import { CASE_CHANNEL } from "../support/test-app.ts";
import { benchEnv } from "./app-env.ts";
import type { BenchConfig } from "./config.ts";
import { countingLogSink } from "./log-sink.ts";
import { runPool } from "./stats.ts";

// Step 4: the outbox after a flood, per lane, and the delay of an alert queued behind 50 drafts on
// a slow model (2 s an answer). In process: the app's dispatcher over PGlite and PostgreSQL, the
// fake Slack and the fake OpenAI on localhost. The flood is `cases` filings (route, card, thread
// lines, DMs each) plus 100 channel messages, all queued before delivery starts.

export interface LaneResult {
  database: DatabaseKind;
  lanes: { lane: string; delivered: number; seconds: number; perSecond: number }[];
  /** From queueing the alert to Slack having it, with 50 drafts waiting on the model. */
  alertBehindDraftsMs: number | null;
  draftsPendingWhenAlertSent: number | null;
}

const COORDINATOR = "U0BENCHCO1";

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

async function measureDatabase(kind: DatabaseKind, config: BenchConfig, log: (line: string) => void): Promise<LaneResult> {
  const database = await createTestDatabase(kind);
  const slack = await startFakeSlack();
  const openai = await startFakeOpenAi();
  try {
    const { sink } = countingLogSink();
    const env = benchEnv({
      slackApiUrl: slack.apiUrl,
      databaseUrl: database.databaseUrl,
      extra: { OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: openai.baseURL, OPENAI_MODEL: "gpt-bench", OPENAI_TIMEOUT_SECONDS: "30" },
    });
    const running = await buildApp(env, { logger: createLogger("info", sink) });
    const { deps } = running;
    const prisma = deps.db.prisma;
    try {
      await deps.roles.setRole(COORDINATOR, "coordinator", "U0ADMIN001");
      const now = new Date();
      const intake = parseIntake(intakeInput({ receivedAt: new Date(now.getTime() - 3_600_000) }), { now, departments: deps.departments });
      if (!intake.ok) throw new Error("bench intake is invalid");
      const cases: string[] = [];
      await runPool(config.laneFilings, 8, async (i) => {
        const { summary } = await deps.cases.fileCase(intake.intake, { intakeKey: `bench-lanes:${i}`, filedBy: "U0NURSE01" });
        cases.push(summary.id);
      });
      await deps.enqueue(
        Array.from({ length: 100 }, (_, i) => ({ kind: "channel_message", dedupeKey: `bench-lanes:channel:${i}`, payload: { channel: CASE_CHANNEL, text: `Bench message ${i}`, blocks: "[]" } })),
      );
      const started = new Date();
      deps.outbox.start();
      const drained = await waitUntil(async () => (await prisma.outboxMessage.count({ where: { status: "pending" } })) === 0, 300_000);
      if (!drained) log(`  ${kind}: the flood was not drained within 300 s`);
      const rows = await prisma.$queryRaw<{ lane: string; delivered: bigint; last: Date | null }[]>`
        SELECT "lane", count(*) AS "delivered", max("sent_at") AS "last" FROM "outbox_messages" WHERE "status" = 'sent' GROUP BY "lane" ORDER BY "lane"`;
      const lanes = rows.map((row) => {
        const seconds = row.last ? Math.max(0.001, (row.last.getTime() - started.getTime()) / 1000) : 0;
        const delivered = Number(row.delivered);
        return { lane: row.lane, delivered, seconds, perSecond: seconds ? delivered / seconds : 0 };
      });
      log(`  ${kind.padEnd(8)} flood: ${lanes.map((lane) => `${lane.lane} ${lane.delivered} in ${lane.seconds.toFixed(1)} s (${lane.perSecond.toFixed(0)}/s)`).join(", ")}`);

      // 50 drafts of one letter on a model that takes 2 s to answer, then one alert.
      openai.behave("slow");
      const letter = await deps.letters.request(cases[0]!, COORDINATOR, "response", `bench-lanes:letter`);
      await deps.enqueue(
        Array.from({ length: 50 }, (_, i) => ({ kind: LETTER_OUTBOX.draft, dedupeKey: `bench-lanes:draft:${i}`, payload: { letterId: letter.id, version: String(i + 2) } })),
      );
      void deps.outbox.kick();
      await waitUntil(async () => openai.requests.length >= 3, 10_000);
      const queuedAt = Date.now();
      await deps.enqueue([
        { kind: "delivery_alert", dedupeKey: "bench-lanes:alert", payload: { recipientId: "U0MANAGER1", what: "case_card", reason: "bench", channelId: CASE_CHANNEL, caseNumber: "PR-BENCH", fellBack: "" } },
      ]);
      void deps.outbox.kick();
      const alertSent = await waitUntil(async () => slack.callsTo("chat.postMessage").some((call) => call.body.channel === "U0MANAGER1"), 60_000);
      const alertBehindDraftsMs = alertSent ? (slack.callsTo("chat.postMessage").find((call) => call.body.channel === "U0MANAGER1")!.at - queuedAt) : null;
      const draftsPending = await prisma.outboxMessage.count({ where: { kind: LETTER_OUTBOX.draft, status: "pending" } });
      log(`  ${kind.padEnd(8)} alert behind 50 slow drafts: ${alertBehindDraftsMs === null ? "not delivered within 60 s" : `${alertBehindDraftsMs.toFixed(0)} ms`} (${draftsPending} drafts still pending)`);
      // The drafts are not the measurement: leave them, so the stop waits only for those in hand.
      await prisma.outboxMessage.updateMany({ where: { kind: LETTER_OUTBOX.draft, status: "pending" }, data: { status: "failed" } });
      return { database: kind, lanes, alertBehindDraftsMs, draftsPendingWhenAlertSent: draftsPending };
    } finally {
      await running.stop();
    }
  } finally {
    await slack.close();
    await openai.close();
    await database.drop();
  }
}

export async function measureOutboxLanes(config: BenchConfig, log: (line: string) => void): Promise<LaneResult[]> {
  const results: LaneResult[] = [];
  for (const kind of ["pglite", "postgres"] as const) results.push(await measureDatabase(kind, config, log));
  return results;
}

/** One line per database: each lane's throughput after the flood, and the alert's delay behind slow drafts. */
export function laneTable(results: LaneResult[]): string {
  const lines = ["Outbox lanes after a flood (delivered / seconds from the start of delivery / per second); alert behind 50 slow drafts"];
  for (const result of results) {
    const lanes = result.lanes.map((lane) => `${lane.lane} ${lane.delivered}/${lane.seconds.toFixed(1)} s/${lane.perSecond.toFixed(0)} per s`).join(" · ");
    const alert = result.alertBehindDraftsMs === null ? "not delivered" : `${result.alertBehindDraftsMs.toFixed(0)} ms`;
    lines.push(`  ${result.database.padEnd(8)} ${lanes} · alert ${alert}`);
  }
  return lines.join("\n");
}
