import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { TEST_POSTGRES_URL } from "../support/databases.ts";
import { measureAcks } from "./ack.ts";
import { boundLines, checkBounds } from "./bounds.ts";
import { readConfig, warmupCount } from "./config.ts";
import { measureFiling } from "./filing.ts";
import { type HistoryResult, measureHistory } from "./history.ts";
import { laneTable, measureOutboxLanes } from "./outbox-lanes.ts";
import { details, mainTable } from "./report.ts";
import { measureSurveyImport } from "./survey-import.ts";

// npm run bench: ack latency under load against a bare Bolt floor, cases filed per second against
// raw Prisma inserts, digest build time over a large history against raw SQL, memory, start-up.
// Everything runs on localhost (a fake Slack Web API, PGlite in memory, throwaway PostgreSQL
// databases that are dropped afterwards). Exits non-zero when a bound (bounds.ts) is broken. Sizes: BENCH_REQUESTS, BENCH_CONCURRENCY, BENCH_RATE,
// BENCH_OPEN_REQUESTS, BENCH_CASES, BENCH_HISTORY, BENCH_SKIP_HISTORY=1.

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<{ version: string }>("SELECT version()")).rows[0]!.version;
  } finally {
    await client.end();
  }
}

function machine(postgres: string) {
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model.trim() ?? "unknown"} × ${cpu.length}`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    postgres,
  };
}

const log = (line: string) => console.log(line);
const seconds = (started: number) => `${((performance.now() - started) / 1000).toFixed(0)} s`;

async function main(): Promise<void> {
  const config = readConfig();
  const host = machine(await postgresVersion());
  console.log(`Machine: ${host.cpu}, ${host.memory} RAM, Node ${host.node}`);
  console.log(`PostgreSQL: ${host.postgres}`);
  console.log(
    `Sizes: per workload ${warmupCount(config.requests)} warm-up, ${config.openRequests} requests at ${config.openRate}/s, then ${config.requests} with ${config.concurrency} in flight; ` +
      `${config.cases} cases per run (×1 and ×${config.caseConcurrency}); history ${config.skipHistory ? "skipped" : config.history.toLocaleString("en-US")} cases`,
  );
  const started = performance.now();

  log("\n[1/3] Ack latency, memory and start-up (floor, app on PGlite, app on PostgreSQL)");
  const targets = await measureAcks(config, log);
  log(`  done in ${seconds(started)}`);

  log("[2/3] Cases filed per second");
  const filing = await measureFiling(config, log);
  log(`  done in ${seconds(started)}`);

  let history: HistoryResult | null = null;
  if (config.skipHistory) log("[3/3] Digests: skipped (BENCH_SKIP_HISTORY=1)");
  else {
    log("[3/3] Digest build time over history (PostgreSQL)");
    history = await measureHistory(config, log);
    log(`  done in ${seconds(started)}`);
  }

  log("[4] Outbox lanes: throughput after a flood, an alert behind 50 slow drafts");
  const lanes = await measureOutboxLanes(config, log);
  log(`  done in ${seconds(started)}`);

  log("[5] Survey comment import rate");
  const surveys = await measureSurveyImport(log);
  log(`  done in ${seconds(started)}`);

  console.log(`\n${mainTable(targets, filing, history, config.skipHistory ? "skipped (BENCH_SKIP_HISTORY=1)" : null, config)}\n`);
  console.log(`${laneTable(lanes)}\n`);
  console.log(details(targets, history));
  const bounds = checkBounds(targets, history);
  console.log(`\nBounds:\n${boundLines(bounds)}`);

  const directory = join(tmpdir(), "patient-relations-bench");
  mkdirSync(directory, { recursive: true });
  const file = join(directory, "last-run.json");
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine: host, config, ack: targets, filing, history, lanes, surveys, bounds }, null, 2)}\n`);
  console.log(`\nTotal ${seconds(started)}. JSON: ${file}`);
  const broken = bounds.filter((bound) => !bound.met);
  if (broken.length > 0) throw new Error(`${broken.length} bound${broken.length === 1 ? "" : "s"} broken: ${broken.map((bound) => bound.name).join("; ")}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
