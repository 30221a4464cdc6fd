import { startFakeSlack } from "../fakes/fake-slack.ts";
import { createTestDatabase, type DatabaseKind } from "../support/databases.ts";
import { type BenchConfig, warmupCount } from "./config.ts";
import { type AckCheck, runLoad } from "./load.ts";
import type { LogTally } from "./log-sink.ts";
import { intakeSubmissions, type PreparedRequest, slashCommands } from "./requests.ts";
import { sampleRss, startServer } from "./servers.ts";
import { type LatencySummary, summarize } from "./stats.ts";

// Step 1 (ack latency under load), step 4 (memory) and step 5 (start-up time): each target is a
// fresh server process; the same three workloads run against each one.

export type TargetName = "floor" | "app-pglite" | "app-postgres";
export type WorkloadName = "/case help" | "/case (opens modal)" | "intake submission";

export interface WorkloadResult extends LatencySummary {
  workload: WorkloadName;
  failures: number;
  firstFailure: string | null;
}

export interface TargetResult {
  target: TargetName;
  startupMs: number;
  idleRss: number;
  peakRss: number;
  rssSamples: number;
  workloads: WorkloadResult[];
  log: LogTally | null;
  slackCalls: Record<string, number>;
}

interface Workload {
  name: WorkloadName;
  build(count: number, round: string): PreparedRequest[];
  /** What the app must answer; the floor acks everything with an empty body. */
  check: AckCheck;
}

const emptyAck: AckCheck = (status, body) => status === 200 && body === "";

function workloads(responseUrl: string): Workload[] {
  return [
    { name: "/case help", build: (n) => slashCommands("help", n, responseUrl), check: (status, body) => status === 200 && body.includes('"text"') },
    { name: "/case (opens modal)", build: (n) => slashCommands("", n, responseUrl), check: emptyAck },
    // An error ack ("response_action":"errors") means the case was not saved in time.
    { name: "intake submission", build: (n, round) => intakeSubmissions(n, round), check: emptyAck },
  ];
}

const TARGETS: { name: TargetName; kind: "floor" | "app"; database: DatabaseKind }[] = [
  { name: "floor", kind: "floor", database: "pglite" },
  { name: "app-pglite", kind: "app", database: "pglite" },
  { name: "app-postgres", kind: "app", database: "postgres" },
];

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function countCalls(calls: { method: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    const method = call.method.startsWith("response_url") ? "response_url" : call.method;
    counts[method] = (counts[method] ?? 0) + 1;
  }
  return counts;
}

async function measureTarget(target: (typeof TARGETS)[number], config: BenchConfig, log: (line: string) => void): Promise<TargetResult> {
  const slack = await startFakeSlack();
  const database = target.kind === "app" ? await createTestDatabase(target.database) : { databaseUrl: undefined, drop: async () => {} };
  try {
    const server = await startServer(target.kind, { slackApiUrl: slack.apiUrl, databaseUrl: database.databaseUrl });
    let stopped = false;
    try {
      await settle(1_000);
      const idleRss = await server.rss();
      const sampler = sampleRss(server, 100);
      const results: WorkloadResult[] = [];
      for (const workload of workloads(`${slack.url}/commands/1`)) {
        const check = target.kind === "floor" ? emptyAck : workload.check;
        const round = `${target.name.replace(/\W/g, "").toUpperCase()}${results.length}`;
        await runLoad(server.url, workload.build(warmupCount(config.requests), `${round}W`), config.concurrency, check);
        const run = await runLoad(server.url, workload.build(config.requests, `${round}M`), config.concurrency, check);
        const result = { workload: workload.name, ...summarize(run.latenciesMs, run.wallMs), failures: run.failures, firstFailure: run.firstFailure };
        log(`  ${target.name.padEnd(12)} ${workload.name.padEnd(20)} p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${result.perSecond.toFixed(0)} req/s, ${run.failures} failed`);
        results.push(result);
      }
      // Let the outbox finish posting cards so the peak covers the whole burst, not just the acks.
      await settle(2_000);
      const memory = await sampler.stop();
      const tally = await server.stop();
      stopped = true;
      return {
        target: target.name,
        startupMs: server.startupMs,
        idleRss,
        peakRss: memory.peak,
        rssSamples: memory.samples,
        workloads: results,
        log: tally,
        slackCalls: countCalls(slack.calls),
      };
    } finally {
      if (!stopped) await server.stop().catch(() => null);
    }
  } finally {
    await slack.close();
    await database.drop();
  }
}

export async function measureAcks(config: BenchConfig, log: (line: string) => void): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const target of TARGETS) results.push(await measureTarget(target, config, log));
  return results;
}
