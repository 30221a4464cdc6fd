// Benchmark sizes, from the environment. The defaults finish in a few minutes on a 2-core machine.

function whole(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return value;
}

export interface BenchConfig {
  /** Requests per workload in step 1 (each of: /case help, /case, intake submission). */
  requests: number;
  /** Requests in flight at once in step 1's closed-loop runs. */
  concurrency: number;
  /** Requests a second in step 1's open-loop runs, and how many each sends. */
  openRate: number;
  openRequests: number;
  /** Cases per run in step 2. */
  cases: number;
  /** Filings in the outbox lanes step's flood (each queues a route, a card, thread lines and DMs). */
  laneFilings: number;
  /** Concurrency of the concurrent runs in step 2. */
  caseConcurrency: number;
  /** Synthetic historical cases for step 3. */
  history: number;
  skipHistory: boolean;
  /** Timed repetitions (after one warm-up) in step 3. */
  digestRuns: number;
}

export function readConfig(): BenchConfig {
  return {
    requests: whole("BENCH_REQUESTS", 5000),
    concurrency: whole("BENCH_CONCURRENCY", 50),
    openRate: whole("BENCH_RATE", 100),
    openRequests: whole("BENCH_OPEN_REQUESTS", 1000),
    cases: whole("BENCH_CASES", 2000),
    laneFilings: whole("BENCH_LANE_FILINGS", 200),
    caseConcurrency: 8,
    history: whole("BENCH_HISTORY", 1_000_000),
    skipHistory: process.env.BENCH_SKIP_HISTORY === "1",
    digestRuns: 5,
  };
}

/** Requests sent before each measured workload, not counted (JIT, connection pools, caches). */
export function warmupCount(requests: number): number {
  return Math.min(200, Math.max(10, Math.ceil(requests / 20)));
}
