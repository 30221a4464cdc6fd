import { createTestDatabase, type DatabaseKind } from "../support/databases.ts";
import { CASE_CHANNEL } from "../support/test-app.ts";
import { type BenchConfig, warmupCount } from "./config.ts";
import { type AckCheck, runLoad } from "./load.ts";
import type { LogTally } from "./log-sink.ts";
import { intakeSubmissions, type PreparedRequest, slashCommands } from "./requests.ts";
import { sampleRss, type ServerProcess, startServer } from "./servers.ts";
import { type SlackProcess, startSlackProcess } from "./slack-process.ts";
import { type LatencySummary, summarize } from "./stats.ts";

// Step 1 (ack latency under load), step 4 (memory) and step 5 (start-up time): each target is a
// fresh server process with its own fake Slack process; the same three workloads run against each.

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
  /** Intake submissions acked, and how long after the last ack the last case card reached Slack. */
  submitted: number;
  cardsPosted: number;
  cardsDrainedMs: number | null;
  stopTimedOut: boolean;
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

interface Target {
  name: TargetName;
  kind: "floor" | "app";
  database: DatabaseKind;
}

const TARGETS: Target[] = [
  { name: "floor", kind: "floor", database: "pglite" },
  { name: "app-pglite", kind: "app", database: "pglite" },
  { name: "app-postgres", kind: "app", database: "postgres" },
];

const CARD_DRAIN_LIMIT_MS = 180_000;

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until Slack has received `expected` case cards (or the limit passes); returns the wait, or null if they never all came. */
async function waitForCards(slack: SlackProcess, expected: number): Promise<{ posted: number; drainedMs: number | null }> {
  const started = performance.now();
  for (;;) {
    const { cards } = await slack.tally();
    if (cards >= expected) return { posted: cards, drainedMs: performance.now() - started };
    if (performance.now() - started > CARD_DRAIN_LIMIT_MS) return { posted: cards, drainedMs: null };
    await settle(100);
  }
}

async function runWorkloads(target: Target, server: ServerProcess, slack: SlackProcess, config: BenchConfig, log: (line: string) => void) {
  const results: WorkloadResult[] = [];
  let submitted = 0;
  for (const workload of workloads(`${slack.url}/commands/1`)) {
    const check = target.kind === "floor" ? emptyAck : workload.check;
    const round = `${target.name.replace(/\W/g, "").toUpperCase()}${results.length}`;
    const warmup = await runLoad(server.url, workload.build(warmupCount(config.requests), `${round}W`), config.concurrency, check);
    const run = await runLoad(server.url, workload.build(config.requests, `${round}M`), config.concurrency, check);
    if (workload.name === "intake submission") submitted = warmup.latenciesMs.length - warmup.failures + run.latenciesMs.length - run.failures;
    const result = { workload: workload.name, ...summarize(run.latenciesMs, run.wallMs), failures: run.failures, firstFailure: run.firstFailure };
    log(`  ${target.name.padEnd(12)} ${workload.name.padEnd(20)} p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${result.perSecond.toFixed(0)} req/s, ${run.failures} failed`);
    results.push(result);
  }
  return { results, submitted };
}

async function measureTarget(target: Target, config: BenchConfig, log: (line: string) => void): Promise<TargetResult> {
  const slack = await startSlackProcess(CASE_CHANNEL);
  const database = target.kind === "app" ? await createTestDatabase(target.database) : { databaseUrl: undefined, drop: async () => {} };
  try {
    const server = await startServer(target.kind, { slackApiUrl: slack.apiUrl, databaseUrl: database.databaseUrl });
    let stopped = false;
    try {
      await settle(1_000);
      const idleRss = await server.rss();
      const sampler = sampleRss(server, 100);
      const { results, submitted } = await runWorkloads(target, server, slack, config, log);
      // The peak covers the outbox posting every case card after the acks, not just the acks.
      const cards = target.kind === "app" ? await waitForCards(slack, submitted) : { posted: 0, drainedMs: null };
      if (target.kind === "app") log(`  ${target.name.padEnd(12)} ${cards.posted}/${submitted} case cards posted, ${cards.drainedMs === null ? "not all" : `${(cards.drainedMs / 1000).toFixed(1)} s after the last ack`}`);
      const memory = await sampler.stop();
      const { log: tally, timedOut } = await server.stop();
      stopped = true;
      return {
        target: target.name,
        startupMs: server.startupMs,
        idleRss,
        peakRss: memory.peak,
        rssSamples: memory.samples,
        workloads: results,
        submitted,
        cardsPosted: cards.posted,
        cardsDrainedMs: cards.drainedMs,
        stopTimedOut: timedOut,
        log: tally,
        slackCalls: (await slack.tally()).calls,
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
