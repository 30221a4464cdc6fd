import type { TargetResult } from "./ack.ts";
import type { HistoryResult } from "./history.ts";
import { mib, ms, ratio } from "./stats.ts";

// The bounds the run must meet, each against a figure from the same run: the app on PGlite
// against the app on PostgreSQL (memory), a fixed limit (start-up), the raw SQL (escalation digest).

export interface Bound {
  name: string;
  value: string;
  floor: string;
  ratio: string;
  limit: string;
  met: boolean;
}

const IDLE_RSS_RATIO = 1.5;
const PEAK_RSS_RATIO = 2;
const WARM_STARTUP_MS = 2_000;
const ESCALATION_RATIO = 1.2;

export function checkBounds(targets: TargetResult[], history: HistoryResult | null): Bound[] {
  const bounds: Bound[] = [];
  const pglite = targets.find((target) => target.target === "app-pglite");
  const postgres = targets.find((target) => target.target === "app-postgres");
  if (pglite && postgres) {
    const idle = pglite.idleRss / postgres.idleRss;
    bounds.push({ name: "RSS idle, PGlite vs PostgreSQL", value: mib(pglite.idleRss), floor: mib(postgres.idleRss), ratio: ratio(idle), limit: `≤ ${ratio(IDLE_RSS_RATIO)}`, met: idle <= IDLE_RSS_RATIO });
    const peak = pglite.peakRss / postgres.peakRss;
    bounds.push({ name: "RSS peak under the flood, PGlite vs PostgreSQL", value: mib(pglite.peakRss), floor: mib(postgres.peakRss), ratio: ratio(peak), limit: `≤ ${ratio(PEAK_RSS_RATIO)}`, met: peak <= PEAK_RSS_RATIO });
  }
  if (pglite) {
    bounds.push({ name: "start-up to ready, PGlite, warm data folder", value: ms(pglite.startupMs, 0), floor: pglite.coldStartupMs === null ? "" : `new folder ${ms(pglite.coldStartupMs, 0)}`, ratio: "", limit: `< ${ms(WARM_STARTUP_MS, 0)}`, met: pglite.startupMs < WARM_STARTUP_MS });
  }
  const escalation = history?.digests.find((digest) => digest.digest === "escalation");
  if (escalation && history) {
    const r = escalation.appMs / escalation.floorMs;
    bounds.push({
      name: `escalation digest, ${history.counts.cases.toLocaleString("en-US")} cases, vs raw SQL`,
      value: escalation.appError ? `failed (${escalation.appError.slice(0, 60)})` : ms(escalation.appMs, 0),
      floor: ms(escalation.floorMs, 0),
      ratio: ratio(r),
      limit: `≤ ${ratio(ESCALATION_RATIO)}`,
      // A failed digest has no ratio (NaN), which meets no bound.
      met: r <= ESCALATION_RATIO,
    });
  }
  return bounds;
}

export function boundLines(bounds: Bound[]): string {
  const width = Math.max(...bounds.map((bound) => bound.name.length));
  return bounds
    .map((bound) => `${bound.met ? "ok  " : "FAIL"} ${bound.name.padEnd(width)}  ${bound.value} (floor ${bound.floor || "n/a"}${bound.ratio ? `, ${bound.ratio}` : ""}; bound ${bound.limit})`)
    .join("\n");
}
