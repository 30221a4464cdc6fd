import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { buildApp } from "../../src/app.ts";
import { PrismaClient } from "../../src/db/generated/client.ts";
import { createDigestRepository } from "../../src/digests/digest.repository.ts";
import type { DigestRepository } from "../../src/digests/digest.ts";
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
  /** NaN when the app's digest failed; `appError` then says why. */
  appMs: number;
  appError: string | null;
  floorMs: number;
  appRunsMs: number[];
  floorRunsMs: number[];
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
  /** Median ms of each repository read alone (NaN when it failed), and of each floor query alone. */
  reads: Record<string, number>;
  readErrors: Record<string, string>;
  floorReads: Record<string, number>;
  statements: CapturedStatement[];
}

/** A short description of an error: Prisma's code and the last line of its message. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = (error instanceof Error ? error.message : String(error)).trim().split("\n").filter(Boolean).at(-1) ?? "";
  return `${typeof code === "string" ? `${code}: ` : ""}${message}`.slice(0, 200);
}

/** timeMedian that records a failure instead of throwing. */
async function tryTimeMedian(runs: number, work: () => Promise<unknown>): Promise<{ medianMs: number; runsMs: number[]; error: string | null }> {
  try {
    return { ...(await timeMedian(runs, work)), error: null };
  } catch (error) {
    return { medianMs: Number.NaN, runsMs: [], error: describe(error) };
  }
}

async function timeEach(runs: number, work: Record<string, () => Promise<unknown>>) {
  const times: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const [name, run] of Object.entries(work)) {
    const { medianMs, error } = await tryTimeMedian(runs, run);
    times[name] = medianMs;
    if (error) errors[name] = error;
  }
  return { times, errors };
}

function floorWork(pool: pg.Pool, queries: Record<string, FloorQuery>, at: Date): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(Object.entries(queries).map(([name, query]) => [name, () => pool.query(query.sql, query.params(at))]));
}

/** Every read of the digest repository, by name (those about a period get `now`; the others ignore it). */
function repositoryReads(repository: DigestRepository, now: Date): Record<string, () => Promise<unknown>> {
  const methods = Object.entries(repository) as [string, (at: Date) => Promise<unknown>][];
  return Object.fromEntries(methods.map(([name, read]) => [name, () => read(now)]));
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

/** A pool whose idle clients may be cut off when the throwaway database is dropped, without crashing the run. */
function quietPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  pool.on("error", () => {});
  return pool;
}

/** Runs both digests once through a Prisma client that logs its SQL; returns the slowest statements with their plans. */
async function captureStatements(databaseUrl: string, now: Date, top: number): Promise<CapturedStatement[]> {
  const pool = quietPool(databaseUrl);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  const captured: { source: string; durationMs: number; sql: string; params: unknown[] }[] = [];
  let source = "";
  (prisma as unknown as { $on(event: "query", listener: (event: { query: string; params: string; duration: number }) => void): void }).$on(
    "query",
    (event) => captured.push({ source, durationMs: event.duration, sql: event.query, params: JSON.parse(event.params) as unknown[] }),
  );
  try {
    // The driver reads are captured here too, timed by hand, so the slowest statement is there whichever way it is read.
    const bulkRead = async <T>(sql: string, params: unknown[]): Promise<T[]> => {
      const started = performance.now();
      const result = await pool.query(sql, params);
      captured.push({ source, durationMs: performance.now() - started, sql, params });
      return result.rows as T[];
    };
    const repository = createDigestRepository({ prisma, bulkRead });
    await repository.draftsWaiting(); // connects; not captured
    captured.length = 0;
    const reads = repositoryReads(repository, now);
    for (const [name, read] of Object.entries(reads)) {
      source = name;
      await read().catch(() => {}); // failures are reported by the timed runs
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
  const pool = quietPool(databaseUrl);
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
      const escalationApp = await tryTimeMedian(runs, () => digests.escalation(now));
      const escalationFloor = await timeMedian(runs, () => runFloor(pool, ESCALATION_FLOOR, now));
      const trendsApp = await tryTimeMedian(runs, () => digests.trends(now));
      const trendsFloor = await timeMedian(runs, () => runFloor(pool, TRENDS_FLOOR, now));
      const appText = (timing: { medianMs: number; error: string | null }) => timing.error ? `failed (${timing.error})` : `${timing.medianMs.toFixed(0)} ms`;
      log(`  escalation: app ${appText(escalationApp)}, floor ${escalationFloor.medianMs.toFixed(0)} ms`);
      log(`  trends: app ${appText(trendsApp)}, floor ${trendsFloor.medianMs.toFixed(0)} ms`);

      const repository = createDigestRepository(running.deps.db);
      const reads = await timeEach(runs, repositoryReads(repository, now));
      const floorReads = await timeEach(runs, { ...floorWork(pool, ESCALATION_FLOOR, now), ...floorWork(pool, TRENDS_FLOOR, now) });
      const statements = await captureStatements(databaseUrl, now, 3);
      const timing = (digest: DigestTiming["digest"], app: typeof escalationApp, floor: typeof escalationFloor): DigestTiming => ({
        digest,
        appMs: app.medianMs,
        appError: app.error,
        floorMs: floor.medianMs,
        appRunsMs: app.runsMs,
        floorRunsMs: floor.runsMs,
      });
      return {
        counts,
        now: now.toISOString(),
        digests: [timing("escalation", escalationApp, escalationFloor), timing("trends", trendsApp, trendsFloor)],
        reads: reads.times,
        readErrors: reads.errors,
        floorReads: floorReads.times,
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
