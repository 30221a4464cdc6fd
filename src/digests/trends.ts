import type { CaseType } from "../cases/classify.ts";

// The weekly trend digest's numbers, as data: counts this week, last week and over an 8-week
// baseline, the spikes worth a manager's attention, and the clock and draft-quality measures.
// Rendering (and the minimum-necessary rule for the channel) belongs to the caller; nothing here
// carries more than category, department and counts.

const DAY_MS = 24 * 3_600_000;
const WEEK_MS = 7 * DAY_MS;
const BASELINE_WEEKS = 8;

/** One case received in the queried window (the caller queries about ten weeks back). */
export interface TrendCase {
  id: string;
  category: string;
  department: string;
  type: CaseType;
  receivedAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  /** For grievances: 7 calendar days after receipt. */
  responseDueAt: Date | null;
  /** Earliest approved response or interim letter, if any. */
  firstLetterApprovedAt: Date | null;
}

/** Version 1 of a letter and whether it passed every required check as drafted. */
export interface FirstDraft {
  createdAt: Date;
  allRequiredPassed: boolean;
}

/** When a week's count is unusual enough to call out. */
export interface SpikeRule {
  minCount: number;
  maxPValue: number;
}

/** Why a count was flagged, in a sentence a manager can read, with its Poisson tail probability. */
export interface Spike {
  reason: string;
  pValue: number;
}

/** One category or department: this week, last week and the 8-week weekly mean. */
export interface TrendRow {
  key: string;
  label: string;
  count: number;
  previous: number;
  baselineMean: number;
  spike: Spike | null;
}

/** Everything the weekly digest reports, for [periodEnd − 7 days, periodEnd). */
export interface TrendDigest {
  periodStart: Date;
  periodEnd: Date;
  total: number;
  previousTotal: number;
  baselineWeeklyMean: number;
  /** Count descending, then label; rows with nothing in any window are left out. */
  byCategory: TrendRow[];
  byDepartment: TrendRow[];
  medianHoursToAcknowledge: number | null;
  medianHoursToResolve: number | null;
  grievancesAnsweredWithin7Days: { answered: number; due: number; share: number | null };
  firstDraftsPassingAllChecks: { passed: number; total: number; share: number | null };
}

/** At least 5 cases, and less than a 1% chance under the baseline rate. */
export const DEFAULT_SPIKE_RULE: SpikeRule = { minCount: 5, maxPValue: 0.01 };

// A category with no history still gets a rate of half a case a week, so one or two new cases are
// not "infinitely" unusual; minCount then keeps tiny counts out of the digest altogether.
const MIN_LAMBDA = 0.5;

// ln(n!) exactly (as a sum) for small n, Stirling's series beyond: accurate to ~1e-15 relative,
// and no overflow for the n ~ 2000 a hospital system's busiest week can reach.
function logFactorial(n: number): number {
  if (n < 16) {
    let sum = 0;
    for (let i = 2; i <= n; i++) sum += Math.log(i);
    return sum;
  }
  const inv = 1 / n;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + series;
}

function logPoissonPmf(j: number, lambda: number): number {
  return j * Math.log(lambda) - lambda - logFactorial(j);
}

/** P(X ≥ k) for X ~ Poisson(lambda), summed in log space so large rates and tiny tails stay exact. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isFinite(lambda) || lambda < 0 || Number.isNaN(k)) throw new RangeError(`poissonUpperTail(${k}, ${lambda})`);
  const first = Math.ceil(k);
  if (first <= 0) return 1;
  if (lambda === 0) return 0;
  if (first > lambda) {
    // Upper terms shrink from the first one on (ratio λ/(j+1) < 1), so summing them directly keeps
    // a 1e-12 tail as 1e-12 instead of the rounding noise of 1 − CDF. Factored by the first term so
    // only the final exp can underflow, and then to 0, never NaN.
    let ratio = 1;
    let sum = 1;
    for (let j = first + 1; ; j++) {
      ratio *= lambda / j;
      sum += ratio;
      if (ratio < sum * 1e-17) break;
    }
    return Math.min(1, Math.exp(logPoissonPmf(first, lambda) + Math.log(sum)));
  }
  // k ≤ λ: the tail is at least about a half, so 1 − P(X ≤ k − 1) loses nothing; the lower terms
  // shrink going down from k − 1 (ratio j/λ < 1).
  let ratio = 1;
  let sum = 1;
  for (let j = first - 1; j > 0; j--) {
    ratio *= j / lambda;
    sum += ratio;
    if (ratio < sum * 1e-17) break;
  }
  const lower = Math.exp(logPoissonPmf(first - 1, lambda) + Math.log(sum));
  return Math.max(0, 1 - lower);
}

/**
 * A spike when count ≥ rule.minCount, count > the baseline mean, and P(X ≥ count) < rule.maxPValue
 * for X ~ Poisson(λ), λ = max(baseline weekly mean, 0.5).
 */
export function spikeFor(count: number, baselineWeeklyMean: number, rule: SpikeRule): Spike | null {
  if (count < rule.minCount || count <= baselineWeeklyMean) return null;
  const pValue = poissonUpperTail(count, Math.max(baselineWeeklyMean, MIN_LAMBDA));
  if (!(pValue < rule.maxPValue)) return null;
  return {
    reason:
      `${count} this week vs ${oneDecimal(baselineWeeklyMean)} a week over the previous ${BASELINE_WEEKS} weeks ` +
      `(Poisson ${formatP(pValue, rule.maxPValue)}; at least ${rule.minCount} cases)`,
    pValue,
  };
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

// The digest is read by managers, not statisticians: two significant digits, rounded down so the
// shown value never reaches the threshold it is compared with, and "< 0.0001" for the tiny ones.
function formatP(pValue: number, maxPValue: number): string {
  const floor = 0.0001;
  if (pValue < floor && maxPValue > floor) return `P < ${floor} < ${maxPValue}`;
  if (pValue === 0) return `P = 0 < ${maxPValue}`;
  const scale = 10 ** (1 - Math.floor(Math.log10(pValue)));
  // The tiny nudge stops 0.0035 * 1e4 = 34.999… from flooring to 34.
  const shown = Math.floor(pValue * scale * (1 + 1e-12)) / scale;
  return `P = ${shown} < ${maxPValue}`;
}

interface Window {
  start: number;
  end: number;
}

function inWindow(instant: Date | null, window: Window): boolean {
  if (!instant) return false;
  const at = instant.getTime();
  return at >= window.start && at < window.end;
}

function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 3_600_000;
}

/** The middle value (mean of the two middle values for an even count), rounded to one decimal; null when empty. */
function medianOneDecimal(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(median * 10) / 10;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

interface Tally {
  count: number;
  previous: number;
  baseline: number;
}

function rowsBy(
  cases: readonly TrendCase[],
  keyOf: (trendCase: TrendCase) => string,
  labelOf: (key: string) => string,
  windows: { period: Window; previous: Window; baseline: Window },
  rule: SpikeRule,
): TrendRow[] {
  const tallies = new Map<string, Tally>();
  for (const trendCase of cases) {
    const inPeriod = inWindow(trendCase.receivedAt, windows.period);
    const inPrevious = inWindow(trendCase.receivedAt, windows.previous);
    const inBaseline = inWindow(trendCase.receivedAt, windows.baseline);
    // Cases outside all three windows make no row, so an old category does not linger at zero.
    if (!inPeriod && !inPrevious && !inBaseline) continue;
    const key = keyOf(trendCase);
    let tally = tallies.get(key);
    if (!tally) {
      tally = { count: 0, previous: 0, baseline: 0 };
      tallies.set(key, tally);
    }
    if (inPeriod) tally.count += 1;
    if (inPrevious) tally.previous += 1;
    if (inBaseline) tally.baseline += 1;
  }
  const rows: TrendRow[] = [];
  for (const [key, tally] of tallies) {
    const baselineMean = tally.baseline / BASELINE_WEEKS;
    rows.push({ key, label: labelOf(key), count: tally.count, previous: tally.previous, baselineMean, spike: spikeFor(tally.count, baselineMean, rule) });
  }
  return rows.sort((a, b) => b.count - a.count || compareText(a.label, b.label) || compareText(a.key, b.key));
}

// Code-unit order, not localeCompare: the same digest whatever locale the server runs in.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The weekly digest for [periodEnd − 7 days, periodEnd): the previous 7 days before that, and a
 * baseline of the 8 weeks before the period start (which includes the previous week).
 */
export function buildTrendDigest(input: {
  cases: TrendCase[];
  firstDrafts: FirstDraft[];
  periodEnd: Date;
  rule?: SpikeRule;
  categoryLabel: (id: string) => string;
}): TrendDigest {
  const rule = input.rule ?? DEFAULT_SPIKE_RULE;
  // Fixed 168-hour weeks: the windows stay contiguous and equal, whatever DST does to local time.
  const end = input.periodEnd.getTime();
  const start = end - WEEK_MS;
  const period: Window = { start, end };
  const previous: Window = { start: start - WEEK_MS, end: start };
  const baseline: Window = { start: start - BASELINE_WEEKS * WEEK_MS, end: start };
  const windows = { period, previous, baseline };

  const received = input.cases.filter((trendCase) => inWindow(trendCase.receivedAt, period));
  const total = received.length;
  const previousTotal = input.cases.filter((trendCase) => inWindow(trendCase.receivedAt, previous)).length;
  const baselineTotal = input.cases.filter((trendCase) => inWindow(trendCase.receivedAt, baseline)).length;

  const acknowledgeHours = received.flatMap((trendCase) => (trendCase.acknowledgedAt ? [hoursBetween(trendCase.receivedAt, trendCase.acknowledgedAt)] : []));
  // Resolution is counted in the week the case closed, whenever it arrived.
  const resolveHours = input.cases.flatMap((trendCase) =>
    trendCase.closedAt && inWindow(trendCase.closedAt, period) ? [hoursBetween(trendCase.receivedAt, trendCase.closedAt)] : [],
  );

  // A grievance counts in the week its 7-day clock ran out; an interim letter also meets the clock.
  let due = 0;
  let answered = 0;
  for (const trendCase of input.cases) {
    if (trendCase.type !== "grievance" || !trendCase.responseDueAt || !inWindow(trendCase.responseDueAt, period)) continue;
    due += 1;
    const deadline = trendCase.responseDueAt.getTime();
    const letterInTime = trendCase.firstLetterApprovedAt !== null && trendCase.firstLetterApprovedAt.getTime() <= deadline;
    const closedInTime = trendCase.closedAt !== null && trendCase.closedAt.getTime() <= deadline;
    if (letterInTime || closedInTime) answered += 1;
  }

  const drafts = input.firstDrafts.filter((draft) => inWindow(draft.createdAt, period));
  const passed = drafts.filter((draft) => draft.allRequiredPassed).length;

  return {
    periodStart: new Date(start),
    periodEnd: new Date(end),
    total,
    previousTotal,
    baselineWeeklyMean: baselineTotal / BASELINE_WEEKS,
    byCategory: rowsBy(input.cases, (trendCase) => trendCase.category, input.categoryLabel, windows, rule),
    byDepartment: rowsBy(input.cases, (trendCase) => trendCase.department, (department) => department, windows, rule),
    medianHoursToAcknowledge: medianOneDecimal(acknowledgeHours),
    medianHoursToResolve: medianOneDecimal(resolveHours),
    grievancesAnsweredWithin7Days: { answered, due, share: share(answered, due) },
    firstDraftsPassingAllChecks: { passed, total: drafts.length, share: share(passed, drafts.length) },
  };
}
