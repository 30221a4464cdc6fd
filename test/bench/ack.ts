import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type DatabaseKind } from "../support/databases.ts";
import { CASE_CHANNEL } from "../support/test-app.ts";
import { type BenchConfig, warmupCount } from "./config.ts";
import { type AckCheck, type LoadShape, runLoad } from "./load.ts";
import type { LogTally } from "./log-sink.ts";
import { intakeSubmissions, type PreparedRequest, slashCommands } from "./requests.ts";
import type { EventLoopDelay } from "./server.ts";
import { sampleRss, type ServerProcess, startServer } from "./servers.ts";
import { type Completions, type SlackProcess, startSlackProcess } from "./slack-process.ts";
import { type LatencySummary, summarize } from "./stats.ts";

// Step 1 (ack latency under load), step 4 (memory) and step 5 (start-up time): each target is a
// fresh server process with its own fake Slack process; the same three workloads run against each.

export type TargetName = "floor" | "floor-views" | "app-pglite" | "app-postgres";
export type WorkloadName = "/case help" | "/case (opens modal)" | "intake submission";

export interface WorkloadResult extends LatencySummary {
  workload: WorkloadName;
  /** "closed": BENCH_CONCURRENCY in flight, flat out; "open": BENCH_RATE requests a second. */
  shape: "closed" | "open";
  failures: number;
  firstFailure: string | null;
  /** From send until the work after the ack reached Slack (form opened, case number shown); null when there is none. */
  completion: (LatencySummary & { missing: number }) | null;
}

export interface TargetResult {
  target: TargetName;
  /** On PGlite: a restart on the data folder a first start created; `coldStartupMs` is that first start. */
  startupMs: number;
  coldStartupMs: number | null;
  idleRss: number;
  peakRss: number;
  rssSamples: number;
  workloads: WorkloadResult[];
  /** Case cards (one per intake acked) reaching Slack after the burst; null for the floor. */
  cards: CardDrain | null;
  stopTimedOut: boolean;
  /** The server's event-loop delay from ready until the end of the load. */
  eventLoop: EventLoopDelay | null;
  log: LogTally | null;
  slackCalls: Record<string, number>;
}

interface Workload {
  name: WorkloadName;
  build(count: number, round: string): PreparedRequest[];
  /** What the app must answer; the floor acks everything with an empty body. */
  check: AckCheck;
  /** Whether the app follows the ack with a Slack call that completes the request. */
  completes: boolean;
}

const emptyAck: AckCheck = (status, body) => status === 200 && body === "";

function workloads(responseUrl: string): Workload[] {
  return [
    { name: "/case help", build: (n) => slashCommands("help", n, responseUrl), check: (status, body) => status === 200 && body.includes('"text"'), completes: false },
    { name: "/case (opens modal)", build: (n) => slashCommands("", n, responseUrl), check: emptyAck, completes: true },
    // A valid form is acknowledged as "Filing…" (response_action "update"); the case is saved after the ack.
    {
      name: "intake submission",
      build: (n, round) => intakeSubmissions(n, round),
      check: (status, body) => status === 200 && body.includes('"response_action":"update"'),
      completes: true,
    },
  ];
}

interface Target {
  name: TargetName;
  kind: "floor" | "floor-views" | "app";
  database: DatabaseKind;
}

const TARGETS: Target[] = [
  { name: "floor", kind: "floor", database: "pglite" },
  { name: "floor-views", kind: "floor-views", database: "pglite" },
  { name: "app-pglite", kind: "app", database: "pglite" },
  { name: "app-postgres", kind: "app", database: "postgres" },
];

/** How long to watch the outbox after the last ack: long enough for a rate, short enough for the run. */
const CARD_WATCH_MS = 15_000;

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CardDrain {
  expected: number;
  /** Cards Slack had received when the last intake was acked, and when watching stopped. */
  atLastAck: number;
  posted: number;
  watchedMs: number;
  /** Outbox deliveries (cards, thread lines, direct messages, card updates) per second while watched. */
  deliveriesPerSecond: number;
  drained: boolean;
}

/** What the outbox has delivered so far: every chat.postMessage and chat.update. */
const deliveries = (calls: Record<string, number>) => (calls["chat.postMessage"] ?? 0) + (calls["chat.update"] ?? 0);

/** Watches the outbox after the burst, until every case card arrived or CARD_WATCH_MS passed. */
async function watchCards(slack: SlackProcess, expected: number): Promise<CardDrain> {
  const started = performance.now();
  const first = await slack.tally();
  let last = first;
  while (last.cards < expected && performance.now() - started < CARD_WATCH_MS) {
    await settle(100);
    last = await slack.tally();
  }
  const watchedMs = performance.now() - started;
  return {
    expected,
    atLastAck: first.cards,
    posted: last.cards,
    watchedMs,
    deliveriesPerSecond: ((deliveries(last.calls) - deliveries(first.calls)) * 1000) / watchedMs,
    drained: last.cards >= expected,
  };
}

/**
 * Waits until the server has finished the work a previous run left behind (views.open calls,
 * outbox posts): Slack has seen no new call for a second. Otherwise a run's first requests on
 * new connections queue behind that backlog and the run measures its predecessor.
 */
async function quiesce(slack: SlackProcess, limitMs = 60_000): Promise<void> {
  const started = performance.now();
  const total = async () => Object.values((await slack.tally()).calls).reduce((sum, count) => sum + count, 0);
  let last = await total();
  let stableSince = performance.now();
  while (performance.now() - stableSince < 1_000 && performance.now() - started < limitMs) {
    await settle(200);
    const now = await total();
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    }
  }
}

/** Completion latency of each sent request whose key reached Slack; the rest are counted as missing. */
function completionOf(requests: PreparedRequest[], sentAt: number[], completions: Completions, wallMs: number) {
  const latencies: number[] = [];
  let missing = 0;
  requests.forEach((request, index) => {
    const at = completions[request.key];
    if (at === undefined || Number.isNaN(sentAt[index]!)) missing += 1;
    else latencies.push(at - sentAt[index]!);
  });
  return { ...summarize(latencies, wallMs), missing };
}

async function runWorkloads(target: Target, server: ServerProcess, slack: SlackProcess, config: BenchConfig, log: (line: string) => void) {
  const results: WorkloadResult[] = [];
  let submitted = 0;
  // The floor that opens the form is only a floor for /case.
  const chosen = workloads(`${slack.url}/commands/1`).filter((workload) => target.kind !== "floor-views" || workload.name === "/case (opens modal)");
  for (const workload of chosen) {
    const check = target.kind === "app" ? workload.check : emptyAck;
    // Open loop first, on a server with nothing queued; the closed loop's flood comes last.
    const shapes: [WorkloadResult["shape"], LoadShape, number][] = [
      ["open", { kind: "open", perSecond: config.openRate }, config.openRequests],
      ["closed", { kind: "closed", concurrency: config.concurrency }, config.requests],
    ];
    await quiesce(slack);
    const warmup = await runLoad(server.url, workload.build(warmupCount(config.requests), `${target.name.replace(/\W/g, "").toUpperCase()}${results.length}W`), shapes[1]![1], check);
    if (workload.name === "intake submission") submitted += warmup.latenciesMs.length - warmup.failures;
    for (const [shape, load, count] of shapes) {
      const round = `${target.name.replace(/\W/g, "").toUpperCase()}${results.length}${shape === "closed" ? "C" : "O"}`;
      await quiesce(slack);
      const requests = workload.build(count, round);
      const run = await runLoad(server.url, requests, load, check);
      if (workload.name === "intake submission") submitted += run.latenciesMs.length - run.failures;
      let completion: WorkloadResult["completion"] = null;
      if (target.kind !== "floor" && workload.completes) {
        await quiesce(slack);
        completion = completionOf(requests, run.sentAt, await slack.completions(), run.wallMs);
      }
      const result: WorkloadResult = { workload: workload.name, shape, ...summarize(run.latenciesMs, run.wallMs), failures: run.failures, firstFailure: run.firstFailure, completion };
      const done = completion ? `; done p50 ${completion.p50Ms.toFixed(1)} ms, p99 ${completion.p99Ms.toFixed(1)} ms${completion.missing ? `, ${completion.missing} missing` : ""}` : "";
      log(`  ${target.name.padEnd(12)} ${workload.name.padEnd(20)} ${shape.padEnd(6)} ack p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${result.perSecond.toFixed(0)} req/s, ${run.failures} failed${done}`);
      results.push(result);
    }
  }
  return { results, submitted };
}

async function measureTarget(target: Target, config: BenchConfig, log: (line: string) => void): Promise<TargetResult> {
  const slack = await startSlackProcess(CASE_CHANNEL);
  const database = target.kind === "app" ? await createTestDatabase(target.database) : { databaseUrl: undefined, drop: async () => {} };
  // The app on PGlite runs as deployed, on a data folder; a first start creates and migrates it,
  // so the measured start is a restart on a warm folder.
  const dataDir = target.kind === "app" && target.database === "pglite" ? mkdtempSync(join(tmpdir(), "prb-bench-pglite-")) : undefined;
  try {
    let coldStartupMs: number | null = null;
    if (dataDir) {
      const first = await startServer(target.kind, { slackApiUrl: slack.apiUrl, dataDir });
      coldStartupMs = first.startupMs;
      await first.stop();
    }
    const server = await startServer(target.kind, { slackApiUrl: slack.apiUrl, databaseUrl: database.databaseUrl, dataDir });
    if (coldStartupMs !== null) log(`  ${target.name.padEnd(12)} start-up: ${coldStartupMs.toFixed(0)} ms on a new data folder, ${server.startupMs.toFixed(0)} ms on it warm`);
    let stopped = false;
    try {
      await settle(1_000);
      const idleRss = await server.rss();
      const sampler = sampleRss(server, 100);
      const { results, submitted } = await runWorkloads(target, server, slack, config, log);
      // The peak covers the outbox posting case cards after the acks, not just the acks.
      const cards = target.kind === "app" ? await watchCards(slack, submitted) : null;
      if (cards) log(`  ${target.name.padEnd(12)} case cards: ${cards.atLastAck}/${cards.expected} at the last ack, ${cards.posted} after ${(cards.watchedMs / 1000).toFixed(1)} s; outbox ${cards.deliveriesPerSecond.toFixed(1)} posts/s`);
      const memory = await sampler.stop();
      // A backlog left in the outbox is not worth waiting for: the server is stopped, then killed.
      const { log: tally, eventLoop, timedOut } = await server.stop(cards && !cards.drained ? 3_000 : 30_000);
      stopped = true;
      return {
        target: target.name,
        startupMs: server.startupMs,
        coldStartupMs,
        idleRss,
        peakRss: memory.peak,
        rssSamples: memory.samples,
        workloads: results,
        cards,
        stopTimedOut: timedOut && !(cards && !cards.drained),
        eventLoop,
        log: tally,
        slackCalls: (await slack.tally()).calls,
      };
    } finally {
      if (!stopped) await server.stop().catch(() => null);
    }
  } finally {
    await slack.close();
    await database.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureAcks(config: BenchConfig, log: (line: string) => void): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const target of TARGETS) results.push(await measureTarget(target, config, log));
  return results;
}
