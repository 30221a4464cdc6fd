import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { buildApp } from "../../src/app.ts";
import { PrismaClient } from "../../src/db/generated/client.ts";
import { createDigestRepository } from "../../src/digests/digest.repository.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createTestDatabase } from "../support/databases.ts";
import { benchEnv } from "./app-env.ts";
import type { BenchConfig } from "./config.ts";
import { ESCALATION_FLOOR, type FloorQuery, runFloor, TRENDS_FLOOR } from "./digest-floor.ts";
import { type HistoryCounts, seedHistory } from "./history-seed.ts";
import { countingLogSink } from "./log-sink.ts";
import { timeMedian } from "./stats.ts";

// Step 3: digest build time over a large synthetic history on PostgreSQL, against the raw SQL
// the digests need; then where the time goes (each repository read, the slowest statements
// Prisma sent, and their EXPLAIN ANALYZE plans).

export interface DigestTiming {
  digest: "escalation" | "trends";
  appMs: number;
  floorMs: number;
  appRunsMs: number[];
  floorRunsMs: number[];
  rows: number;
}

export interface CapturedStatement {
  source: string;
  durationMs: number;
  sql: string;
  params: number;
  plan: string[];
}

export interface HistoryResult {
  counts: HistoryCounts;
  now: string;
  digests: DigestTiming[];
  /** Median ms of each repository read alone, and of each floor query alone. */
  reads: Record<string, number>;
  floorReads: Record<string, number>;
  statements: CapturedStatement[];
}

async function timeEach(runs: number, work: Record<string, () => Promise<unknown>>): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [name, run] of Object.entries(work)) result[name] = (await timeMedian(runs, run)).medianMs;
  return result;
}

function floorWork(pool: pg.Pool, queries: Record<string, FloorQuery>, at: Date): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(Object.entries(queries).map(([name, query]) => [name, () => pool.query(query.sql, query.params(at))]));
}

/** The lines of a plan worth reading: scans, joins, sorts and the totals; long IN lists shortened. */
function planSummary(lines: string[]): string[] {
  return lines
    .filter((line) => /Scan|Join|Sort|Aggregate|Filter|Index Cond|Rows Removed|Execution Time|Planning Time/.test(line))
    .map((line) => line.replace(/\{[^}]{60,}\}/g, "{…}").replace(/ANY \('\{[^}]*\}'[^)]*\)/g, "ANY (…)"))
    .map((line) => (line.length > 150 ? `${line.slice(0, 147)}…` : line))
    .slice(0, 12);
}

/** The statement with its column list and long IN lists elided, so the FROM and WHERE clauses show. */
function shortSql(sql: string): string {
  const short = sql
    .replace(/"public"\./g, "")
    .replace(/^SELECT .*? FROM/s, "SELECT … FROM")
    .replace(/IN \(\$(\d+)(?:,\$\d+)*,\$(\d+)\)/g, "IN ($$$1…$$$2)")
    .replace(/\s+/g, " ");
  return short.length > 400 ? `${short.slice(0, 397)}…` : short;
}

/** Runs both digests once through a Prisma client that logs its SQL; returns the slowest statements with their plans. */
async function captureStatements(databaseUrl: string, now: Date, top: number): Promise<CapturedStatement[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  const captured: { source: string; durationMs: number; sql: string; params: unknown[] }[] = [];
  let source = "";
  (prisma as unknown as { $on(event: "query", listener: (event: { query: string; params: string; duration: number }) => void): void }).$on(
    "query",
    (event) => captured.push({ source, durationMs: event.duration, sql: event.query, params: JSON.parse(event.params) as unknown[] }),
  );
  try {
    const repository = createDigestRepository(prisma);
    await repository.openCases(); // warm-up, not captured
    captured.length = 0;
    const reads: Record<string, () => Promise<unknown>> = {
      openCases: () => repository.openCases(),
      caseIdsWithApprovedLetter: () => repository.caseIdsWithApprovedLetter(),
      draftsWaiting: () => repository.draftsWaiting(),
      trendCases: () => repository.trendCases(now),
      firstDrafts: () => repository.firstDrafts(now),
    };
    for (const [name, read] of Object.entries(reads)) {
      source = name;
      await read();
    }
    const slowest = captured.sort((a, b) => b.durationMs - a.durationMs).slice(0, top);
    const statements: CapturedStatement[] = [];
    for (const statement of slowest) {
      const explained = await pool
        .query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params)
        .then((result) => result.rows.map((row) => row["QUERY PLAN"]))
        .catch((error: unknown) => [`(EXPLAIN failed: ${String(error)})`]);
      statements.push({
        source: statement.source,
        durationMs: statement.durationMs,
        sql: shortSql(statement.sql),
        params: statement.params.length,
        plan: planSummary(explained),
      });
    }
    return statements;
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}

export async function measureHistory(config: BenchConfig, log: (line: string) => void): Promise<HistoryResult> {
  const database = await createTestDatabase("postgres");
  const databaseUrl = database.databaseUrl!;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  try {
    const { sink } = countingLogSink();
    const running = await buildApp(benchEnv({ slackApiUrl: "http://127.0.0.1:9/api/", databaseUrl }), { logger: createLogger("info", sink) });
    try {
      const now = new Date();
      log(`  seeding ${config.history.toLocaleString("en-US")} cases…`);
      const counts = await seedHistory(pool, config.history, now);
      log(`  seeded ${counts.cases.toLocaleString("en-US")} cases (${counts.openCases.toLocaleString("en-US")} open), ${counts.letters.toLocaleString("en-US")} letters in ${(counts.insertMs / 1000).toFixed(1)} s`);

      const { digests } = running.deps;
      const runs = config.digestRuns;
      const escalationApp = await timeMedian(runs, () => digests.escalation(now));
      const escalationFloor = await timeMedian(runs, () => runFloor(pool, ESCALATION_FLOOR, now));
      const trendsApp = await timeMedian(runs, () => digests.trends(now));
      const trendsFloor = await timeMedian(runs, () => runFloor(pool, TRENDS_FLOOR, now));
      const escalationRows = (await digests.escalation(now)).total;
      const trendRows = (await digests.trends(now)).total;
      log(`  escalation: app ${escalationApp.medianMs.toFixed(0)} ms, floor ${escalationFloor.medianMs.toFixed(0)} ms; trends: app ${trendsApp.medianMs.toFixed(0)} ms, floor ${trendsFloor.medianMs.toFixed(0)} ms`);

      const repository = createDigestRepository(running.deps.db.prisma);
      const reads = await timeEach(runs, {
        openCases: () => repository.openCases(),
        caseIdsWithApprovedLetter: () => repository.caseIdsWithApprovedLetter(),
        draftsWaiting: () => repository.draftsWaiting(),
        trendCases: () => repository.trendCases(now),
        firstDrafts: () => repository.firstDrafts(now),
      });
      const floorReads = await timeEach(runs, { ...floorWork(pool, ESCALATION_FLOOR, now), ...floorWork(pool, TRENDS_FLOOR, now) });
      const statements = await captureStatements(databaseUrl, now, 3);
      return {
        counts,
        now: now.toISOString(),
        digests: [
          { digest: "escalation", appMs: escalationApp.medianMs, floorMs: escalationFloor.medianMs, appRunsMs: escalationApp.runsMs, floorRunsMs: escalationFloor.runsMs, rows: escalationRows },
          { digest: "trends", appMs: trendsApp.medianMs, floorMs: trendsFloor.medianMs, appRunsMs: trendsApp.runsMs, floorRunsMs: trendsFloor.runsMs, rows: trendRows },
        ],
        reads,
        floorReads,
        statements,
      };
    } finally {
      await running.stop();
    }
  } finally {
    await pool.end();
    await database.drop();
  }
}
