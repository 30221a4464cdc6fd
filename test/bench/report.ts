import type { TargetResult, WorkloadResult } from "./ack.ts";
import type { FilingResult } from "./filing.ts";
import type { HistoryResult } from "./history.ts";
import { mib, ms, ratio } from "./stats.ts";

// Turns the measurements into one text table (and a few lines of detail under it).

type Row = [measure: string, subject: string, result: string, floor: string, ratio: string, target: string];

const HEADER: Row = ["Measure", "Subject", "App", "Floor", "Ratio", "Target"];

function verdict(value: number, target: number, higherIsBetter: boolean): string {
  if (!Number.isFinite(value)) return "";
  const met = higherIsBetter ? value >= target : value <= target;
  return met ? "" : " ✗";
}

const latency = (w: Pick<WorkloadResult, "p50Ms" | "p99Ms" | "maxMs" | "over3s">) =>
  `p50 ${ms(w.p50Ms)} p99 ${ms(w.p99Ms)} max ${ms(w.maxMs)}${w.over3s ? `, ${w.over3s} > 3 s` : ""}`;

const loadLabel = (w: WorkloadResult, config: { concurrency: number; openRate: number }) =>
  w.shape === "closed" ? `${config.concurrency} in flight` : `${config.openRate}/s`;

function ackRows(targets: TargetResult[], config: { concurrency: number; openRate: number }): Row[] {
  const floor = targets.find((target) => target.target === "floor");
  const floorViews = targets.find((target) => target.target === "floor-views");
  const rows: Row[] = [];
  for (const target of targets.filter((t) => !t.target.startsWith("floor"))) {
    for (const workload of target.workloads) {
      const base = floor?.workloads.find((w) => w.workload === workload.workload && w.shape === workload.shape);
      const r = base ? workload.p99Ms / base.p99Ms : Number.NaN;
      const rate = `${workload.perSecond.toFixed(0)}/s${workload.failures ? `, ${workload.failures} failed` : ""}`;
      rows.push([
        `1 ack ${workload.workload}, ${loadLabel(workload, config)}`,
        target.target,
        `${latency(workload)}, ${rate}`,
        base ? `${latency(base)}, ${base.perSecond.toFixed(0)}/s` : "n/a",
        `p99 ${ratio(r)}${verdict(r, 1.5, false)}`,
        "p99 ≤ 1.50×",
      ]);
      // The same views.open from a bare Bolt app: the libraries' cost of what the app does for /case.
      const sameWork = floorViews?.workloads.find((w) => w.workload === workload.workload && w.shape === workload.shape);
      if (sameWork) {
        const rv = workload.p99Ms / sameWork.p99Ms;
        rows.push(["  vs Bolt app doing the same views.open", target.target, "", `${latency(sameWork)}, ${sameWork.perSecond.toFixed(0)}/s`, `p99 ${ratio(rv)}${verdict(rv, 1.5, false)}`, "p99 ≤ 1.50×"]);
      }
      const done = workload.completion;
      if (done) {
        rows.push([
          `  then ${workload.workload === "intake submission" ? "case number shown" : "form opened"}`,
          target.target,
          `${latency(done)}${done.missing ? `, ${done.missing} missing` : ""}`,
          "",
          "",
          "< 3 s",
        ]);
      }
    }
  }
  return rows;
}

function drainRows(targets: TargetResult[]): Row[] {
  return targets.flatMap((target): Row[] => {
    const cards = target.cards;
    if (!cards) return [];
    return [[
      "1 outbox after the last burst",
      target.target,
      `cards ${cards.atLastAck}/${cards.expected} at last ack, ${cards.posted} at +${(cards.watchedMs / 1000).toFixed(0)} s; ${cards.deliveriesPerSecond.toFixed(1)} posts/s`,
      "",
      "",
      "",
    ]];
  });
}

function filingRows(results: FilingResult[]): Row[] {
  return results.map((result) => {
    const r = result.servicePerSecond / result.rawPerSecond;
    return [
      `2 cases/s ×${result.concurrency}`,
      `${result.database} (${result.cases})`,
      `${result.servicePerSecond.toFixed(0)}/s`,
      `${result.rawPerSecond.toFixed(0)}/s`,
      `${ratio(r)}${verdict(r, 0.5, true)}`,
      "≥ 0.50×",
    ];
  });
}

function historyRows(history: HistoryResult | null, skipped: string | null): Row[] {
  if (!history) return [["3 digests", "postgres", skipped ?? "skipped", "", "", "≤ 1.50×"]];
  return history.digests.map((digest) => {
    const r = digest.appMs / digest.floorMs;
    const target = digest.digest === "escalation" ? 1.2 : 1.5;
    return [
      `3 digest ${digest.digest}`,
      `postgres, ${history.counts.cases.toLocaleString("en-US")} cases (${history.counts.openCases.toLocaleString("en-US")} open)`,
      digest.appError ? `FAILED: ${digest.appError.slice(0, 60)}` : `${ms(digest.appMs, 0)} (median of ${digest.appRunsMs.length})`,
      ms(digest.floorMs, 0),
      digest.appError ? "n/a ✗" : `${ratio(r)}${verdict(r, target, false)}`,
      `≤ ${ratio(target)}`,
    ];
  });
}

function memoryRows(targets: TargetResult[]): Row[] {
  const floor = targets.find((target) => target.target === "floor");
  return targets
    .filter((target) => !target.target.startsWith("floor"))
    .map((target) => [
      "4 RSS idle / peak",
      target.target,
      `${mib(target.idleRss)} / ${mib(target.peakRss)}`,
      floor ? `${mib(floor.idleRss)} / ${mib(floor.peakRss)}` : "n/a",
      floor ? `peak ${ratio(target.peakRss / floor.peakRss)}` : "",
      "",
    ]);
}

function startupRows(targets: TargetResult[]): Row[] {
  const floor = targets.find((target) => target.target === "floor");
  return targets
    .filter((target) => !target.target.startsWith("floor"))
    .map((target) => ["5 start-up to ready", target.target, ms(target.startupMs, 0), floor ? ms(floor.startupMs, 0) : "n/a", "", ""]);
}

export function formatTable(rows: Row[]): string {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  const line = (row: Row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(" │ ").trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("─┼─");
  return [line(HEADER), rule, ...rows.map(line)].join("\n");
}

export function mainTable(
  targets: TargetResult[],
  filing: FilingResult[],
  history: HistoryResult | null,
  historySkipped: string | null,
  config: { concurrency: number; openRate: number },
): string {
  return formatTable([...ackRows(targets, config), ...drainRows(targets), ...filingRows(filing), ...historyRows(history, historySkipped), ...memoryRows(targets), ...startupRows(targets)]);
}

/** Where the digest time goes, the slowest statements and their plans; app log warnings; request failures. */
export function details(targets: TargetResult[], history: HistoryResult | null): string {
  const lines: string[] = [];
  if (history) {
    lines.push("Digest reads alone (median ms): app repository " +
      Object.entries(history.reads).map(([name, value]) => `${name} ${value.toFixed(0)}`).join(", "));
    for (const [name, error] of Object.entries(history.readErrors)) lines.push(`Digest read ${name} failed: ${error}`);
    lines.push("                                 floor SQL " +
      Object.entries(history.floorReads).map(([name, value]) => `${name} ${value.toFixed(0)}`).join(", "));
    for (const statement of history.statements) {
      lines.push(`Slow statement (${statement.source}, ${ms(statement.durationMs)}, ${statement.params} params): ${statement.sql}`);
      for (const planLine of statement.plan) lines.push(`    ${planLine}`);
    }
  }
  for (const target of targets) {
    const log = target.log;
    if (target.stopTimedOut) lines.push(`${target.target}: graceful stop took longer than 30 s; the process was killed`);
    const loop = target.eventLoop;
    if (loop) lines.push(`${target.target} event-loop delay under load: p99 ${ms(loop.p99Ms)}, max ${ms(loop.maxMs)}`);
    if (log) lines.push(`${target.target} log: ${log.lines} lines, ${log.warnings} warnings, ${log.errors} errors${log.samples.length ? `; first: ${log.samples.join(" | ")}` : ""}`);
    lines.push(`${target.target} fake Slack calls: ${Object.entries(target.slackCalls).map(([method, count]) => `${method} ${count}`).join(", ")}`);
    for (const workload of target.workloads) {
      if (workload.firstFailure) lines.push(`${target.target} ${workload.workload} (${workload.shape}): first failure: ${workload.firstFailure}`);
    }
  }
  return lines.join("\n");
}
