// The weekly trend digest's numbers, as data: counts this week, last week and over an 8-week
// baseline, the spikes worth a manager's attention, and the clock and draft-quality measures.
// Rendering (and the minimum-necessary rule for the channel) belongs to the caller; nothing here
// carries more than category, department and counts.

const DAY_MS = 24 * 3_600_000;
/** Fixed 168-hour weeks: the windows stay contiguous and equal, whatever DST does to local time. */
export const WEEK_MS = 7 * DAY_MS;
const BASELINE_WEEKS = 8;
/** Weeks the digest reads back from periodEnd: the period (week 0) and the 8-week baseline before it (weeks 1 to 8). */
export const TREND_WEEKS = 1 + BASELINE_WEEKS;

/** Cases received in one week for one category or department; week 0 is the period, week 1 the one before. */
export interface WeeklyCount {
  key: string;
  weeksAgo: number;
  count: number;
}

/** The two middle values of a sorted list: the same value twice when the list has an odd length. */
export interface MiddleValues {
  lower: number;
  upper: number;
}

/**
 * What the database adds up for the weekly digest (trends.repository.ts). Week k back from
 * periodEnd is [periodEnd − (k+1)·7 d, periodEnd − k·7 d): fixed 168-hour weeks, start in, end out.
 */
export interface TrendAggregates {
  /** Cases received, by category and week, for weeks 0 to TREND_WEEKS − 1. */
  receivedByCategory: WeeklyCount[];
  receivedByDepartment: WeeklyCount[];
  /** Hours from receipt to acknowledgement, for cases received in the period; null when none. */
  hoursToAcknowledge: MiddleValues | null;
  /** Hours from receipt to closure, for cases closed in the period whenever received; null when none. */
  hoursToResolve: MiddleValues | null;
  /** Grievances whose 7-day clock ran out in the period, and those answered by then (letter approved, or closed). */
  grievanceClock: { due: number; answered: number };
  /** Version 1 of letters created in the period, and those passing every required check. */
  firstDrafts: { total: number; passed: number };
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

/** The mean of the two middle values, rounded to one decimal; null when there were none. */
function medianOneDecimal(middle: MiddleValues | null): number | null {
  if (!middle) return null;
  return Math.round(((middle.lower + middle.upper) / 2) * 10) / 10;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

interface Tally {
  count: number;
  previous: number;
  baseline: number;
}

const isPeriod = (weeksAgo: number) => weeksAgo === 0;
const isPrevious = (weeksAgo: number) => weeksAgo === 1;
const isBaseline = (weeksAgo: number) => weeksAgo >= 1 && weeksAgo <= BASELINE_WEEKS;

/** This week, last week and the baseline, summed over the given weekly counts. */
function tally(counts: readonly WeeklyCount[]): Tally {
  const sum: Tally = { count: 0, previous: 0, baseline: 0 };
  for (const { weeksAgo, count } of counts) {
    if (isPeriod(weeksAgo)) sum.count += count;
    if (isPrevious(weeksAgo)) sum.previous += count;
    if (isBaseline(weeksAgo)) sum.baseline += count;
  }
  return sum;
}

function rowsBy(counts: readonly WeeklyCount[], labelOf: (key: string) => string, rule: SpikeRule): TrendRow[] {
  const byKey = new Map<string, WeeklyCount[]>();
  for (const weekly of counts) {
    // Weeks outside every window make no row, so an old category does not linger at zero.
    if (weekly.count === 0 || !(isPeriod(weekly.weeksAgo) || isBaseline(weekly.weeksAgo))) continue;
    const list = byKey.get(weekly.key);
    if (list) list.push(weekly);
    else byKey.set(weekly.key, [weekly]);
  }
  const rows: TrendRow[] = [];
  for (const [key, weeks] of byKey) {
    const { count, previous, baseline } = tally(weeks);
    const baselineMean = baseline / BASELINE_WEEKS;
    rows.push({ key, label: labelOf(key), count, previous, baselineMean, spike: spikeFor(count, baselineMean, rule) });
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
  aggregates: TrendAggregates;
  periodEnd: Date;
  rule?: SpikeRule;
  categoryLabel: (id: string) => string;
}): TrendDigest {
  const rule = input.rule ?? DEFAULT_SPIKE_RULE;
  const { aggregates } = input;
  const end = input.periodEnd.getTime();
  // Every case has one category, so the category counts add up to all cases received.
  const totals = tally(aggregates.receivedByCategory);
  const { due, answered } = aggregates.grievanceClock;
  const { total: drafts, passed } = aggregates.firstDrafts;

  return {
    periodStart: new Date(end - WEEK_MS),
    periodEnd: new Date(end),
    total: totals.count,
    previousTotal: totals.previous,
    baselineWeeklyMean: totals.baseline / BASELINE_WEEKS,
    byCategory: rowsBy(aggregates.receivedByCategory, input.categoryLabel, rule),
    byDepartment: rowsBy(aggregates.receivedByDepartment, (department) => department, rule),
    medianHoursToAcknowledge: medianOneDecimal(aggregates.hoursToAcknowledge),
    medianHoursToResolve: medianOneDecimal(aggregates.hoursToResolve),
    grievancesAnsweredWithin7Days: { answered, due, share: share(answered, due) },
    firstDraftsPassingAllChecks: { passed, total: drafts, share: share(passed, drafts) },
  };
}
