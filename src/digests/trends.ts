import type { TrendDenominators } from "./denominators.ts";
import { type PointLimits, type SpcDirection, type SpcRule, signalsAtLatest, uChart, xmrChart } from "./spc.ts";
import { buildCommentThemes, type CommentAggregates, type CommentThemes } from "./comment-themes.ts";
import { limitText, oneDecimal, type SentenceFacts, signalSentence } from "./trend-sentences.ts";
import { compareText, MAX_BASELINE_WEEKS, TREND_WEEKS, total, WEEK_MS } from "./trend-weeks.ts";

// The weekly trend digest's numbers, as data: counts this week, last week and over a baseline of up
// to 20 weeks, statistical process control per category and per unit (spc.ts: an XmR chart of
// counts, or a u-chart of rates where the unit's patient days are configured), and the clock and
// draft-quality measures; and the week's imported survey comments (comment-themes.ts). Rendering (and the minimum-necessary rule for the channel) belongs to the caller;
// nothing here carries more than category, unit and counts.

/** Rates are shown per this many patient days (or visits). */
export const RATE_PER = 1000;

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
  /** When the first case before periodEnd was received: weeks that began before it are no history. */
  firstReceivedAt: Date | null;
  /** Hours from receipt to acknowledgement, for cases received in the period; null when none. */
  hoursToAcknowledge: MiddleValues | null;
  /** Hours from receipt to closure, for cases closed in the period whenever received; null when none. */
  hoursToResolve: MiddleValues | null;
  /** Grievances whose 7-day clock ran out in the period, and those answered by then (letter approved, or closed). */
  grievanceClock: { due: number; answered: number };
  /** Version 1 of letters created in the period, and those passing every required check. */
  firstDrafts: { total: number; passed: number };
  /** Survey and feedback comments by week; absent, the digest has no comments part. */
  comments?: CommentAggregates;
}


/** How much history a row needs before the digest calls anything: limits from less are mostly noise. */
export interface HistoryRule {
  minBaselineWeeks: number;
  minBaselineCases: number;
}

/** At least 12 complete weeks and 10 cases in them (Making Data Count: limits from fewer than ~12 points are provisional at best). */
export const DEFAULT_HISTORY_RULE: HistoryRule = { minBaselineWeeks: 12, minBaselineCases: 10 };

/** One rule that fired this week, and the sentence that explains it. */
export interface TrendSignal {
  rule: SpcRule;
  direction: SpcDirection;
  sentence: string;
}

/** A row's process chart, or why it has none yet. Limits are this week's (a u-chart's vary by week). */
export type ProcessAssessment =
  | { kind: "not_enough_history"; baselineWeeks: number; baselineCases: number }
  | { kind: "xmr"; baselineWeeks: number; mean: number; averageMovingRange: number; upper: number; lower: number; signals: TrendSignal[] }
  | {
      kind: "u";
      baselineWeeks: number;
      measure: string;
      /** Cases per RATE_PER of the measure: the baseline's, this week's, and this week's limits. */
      mean: number;
      rate: number;
      upper: number;
      lower: number;
      exposure: number;
      signals: TrendSignal[];
    };

/** One category or department: this week, last week, the baseline's weekly mean and its process chart. */
export interface TrendRow {
  key: string;
  label: string;
  count: number;
  previous: number;
  /** Weekly mean over the baseline weeks on record; null without any. */
  baselineMean: number | null;
  /** Cases per week, oldest first, over the baseline weeks on record and ending with this week. */
  weekly: number[];
  process: ProcessAssessment;
}

/** Everything the weekly digest reports, for [periodEnd − 7 days, periodEnd). */
export interface TrendDigest {
  periodStart: Date;
  periodEnd: Date;
  /** The start of each week in `weekly`, oldest first; the last is periodStart. */
  weekStarts: Date[];
  /** Complete weeks on record before this one, up to MAX_BASELINE_WEEKS: the baseline. */
  baselineWeeks: number;
  history: HistoryRule;
  total: number;
  previousTotal: number;
  /** Weekly mean of all cases over the baseline; null without any baseline week. */
  baselineWeeklyMean: number | null;
  /** Count descending, then label; rows with nothing this week, last week or in the baseline are left out. */
  byCategory: TrendRow[];
  byDepartment: TrendRow[];
  medianHoursToAcknowledge: number | null;
  medianHoursToResolve: number | null;
  grievancesAnsweredWithin7Days: { answered: number; due: number; share: number | null };
  firstDraftsPassingAllChecks: { passed: number; total: number; share: number | null };
  /** The week's survey and feedback comments; null when none is on record. */
  comments: CommentThemes | null;
}

/**
 * Complete weeks before the period since the first case: week k (k ≥ 1) counts when it began at or
 * after the first case was received, so a half-used first week does not pull the mean down.
 */
export function baselineWeeksOnRecord(periodEnd: Date, firstReceivedAt: Date | null): number {
  if (!firstReceivedAt) return 0;
  const weeks = Math.floor((periodEnd.getTime() - firstReceivedAt.getTime()) / WEEK_MS) - 1;
  return Math.min(MAX_BASELINE_WEEKS, Math.max(0, weeks));
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const wholeNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** The mean of the two middle values, rounded to one decimal; null when there were none. */
function medianOneDecimal(middle: MiddleValues | null): number | null {
  if (!middle) return null;
  return round1((middle.lower + middle.upper) / 2);
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}


/** Counts per key for weeks 0 to TREND_WEEKS − 1, index = weeks ago. */
function countsByKey(counts: readonly WeeklyCount[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const { key, weeksAgo, count } of counts) {
    if (weeksAgo < 0 || weeksAgo >= TREND_WEEKS || count === 0) continue;
    const weeks = byKey.get(key) ?? Array<number>(TREND_WEEKS).fill(0);
    weeks[weeksAgo]! += count;
    byKey.set(key, weeks);
  }
  return byKey;
}

interface RowContext {
  baselineWeeks: number;
  weekStarts: readonly Date[];
  history: HistoryRule;
  /** Exposures per week shown (oldest first) for a unit, or null to chart counts. */
  exposuresOf: (key: string) => { measure: string; values: number[] } | null;
}

function sentenceFacts(label: string, words: readonly string[], limits: PointLimits, mean: string, baselineWeeks: number, thisWeek: string): SentenceFacts {
  return {
    label,
    thisWeek,
    mean,
    upper: limitText.upper(limits.upper),
    lower: limitText.lower(limits.lower),
    upperNear: limitText.upper(limits.upperNear),
    lowerNear: limitText.lower(limits.lowerNear),
    baselineWeeks,
    recent: words,
  };
}

function xmrAssessment(label: string, weekly: readonly number[], baselineWeeks: number): ProcessAssessment {
  const chart = xmrChart(weekly.slice(0, -1));
  const signals = signalsAtLatest(weekly, chart.mean, weekly.map(() => chart.limits));
  const words = weekly.map(String);
  const facts = sentenceFacts(label, words, chart.limits, oneDecimal(chart.mean), baselineWeeks, String(weekly.at(-1)));
  return {
    kind: "xmr",
    baselineWeeks,
    mean: chart.mean,
    averageMovingRange: chart.averageMovingRange,
    upper: chart.limits.upper,
    lower: chart.limits.lower,
    signals: signals.map((signal) => ({ rule: signal.rule, direction: signal.direction, sentence: signalSentence(signal, facts) })),
  };
}

function uAssessment(label: string, weekly: readonly number[], exposures: readonly number[], measure: string, baselineWeeks: number): ProcessAssessment {
  const weeks = weekly.map((count, index) => ({ count, exposure: exposures[index]! }));
  const chart = uChart(weeks.slice(0, -1));
  const limits = weeks.map((week) => chart.limitsFor(week.exposure));
  const rates = weeks.map((week) => week.count / week.exposure);
  const signals = signalsAtLatest(rates, chart.centre, limits);
  const perThousand = (rate: number) => rate * RATE_PER;
  const last = weeks.at(-1)!;
  const lastLimits = limits.at(-1)!;
  const scaled: PointLimits = {
    upper: perThousand(lastLimits.upper),
    lower: perThousand(lastLimits.lower),
    upperNear: perThousand(lastLimits.upperNear),
    lowerNear: perThousand(lastLimits.lowerNear),
  };
  const rateWords = (rate: number) => `${oneDecimal(perThousand(rate))} per ${wholeNumber.format(RATE_PER)} ${measure}`;
  const thisWeek = `${rateWords(rates.at(-1)!)} (${last.count} in ${wholeNumber.format(last.exposure)} ${measure})`;
  const facts = sentenceFacts(label, rates.map((rate) => oneDecimal(perThousand(rate))), scaled, oneDecimal(perThousand(chart.centre)), baselineWeeks, thisWeek);
  return {
    kind: "u",
    baselineWeeks,
    measure,
    mean: perThousand(chart.centre),
    rate: perThousand(rates.at(-1)!),
    upper: scaled.upper,
    lower: scaled.lower,
    exposure: last.exposure,
    signals: signals.map((signal) => ({ rule: signal.rule, direction: signal.direction, sentence: signalSentence(signal, facts) })),
  };
}

function assess(key: string, label: string, weekly: readonly number[], context: RowContext): ProcessAssessment {
  const { baselineWeeks, history } = context;
  const baselineCases = total(weekly.slice(0, -1));
  if (baselineWeeks < history.minBaselineWeeks || baselineCases < history.minBaselineCases) return { kind: "not_enough_history", baselineWeeks, baselineCases };
  const exposures = context.exposuresOf(key);
  return exposures ? uAssessment(label, weekly, exposures.values, exposures.measure, baselineWeeks) : xmrAssessment(label, weekly, baselineWeeks);
}

function rowsBy(counts: readonly WeeklyCount[], labelOf: (key: string) => string, context: RowContext): TrendRow[] {
  const rows: TrendRow[] = [];
  const { baselineWeeks } = context;
  for (const [key, weeks] of countsByKey(counts)) {
    // Oldest first: weeks baselineWeeks … 1, then this week (0).
    const weekly = weeks.slice(0, baselineWeeks + 1).reverse();
    const previous = weeks[1] ?? 0;
    // Nothing this week, last week or in the baseline: no row, so an old category does not linger at zero.
    if (total(weekly) === 0 && previous === 0) continue;
    const label = labelOf(key);
    rows.push({
      key,
      label,
      count: weeks[0] ?? 0,
      previous,
      baselineMean: baselineWeeks > 0 ? total(weekly.slice(0, -1)) / baselineWeeks : null,
      weekly,
      process: assess(key, label, weekly, context),
    });
  }
  return rows.sort((a, b) => b.count - a.count || compareText(a.label, b.label) || compareText(a.key, b.key));
}

/** A unit's exposure for every week shown, or null when the file misses any of them. */
function exposuresFrom(denominators: TrendDenominators | undefined, weekStarts: readonly Date[]) {
  return (unit: string) => {
    if (!denominators) return null;
    const values = weekStarts.map((start) => denominators.forWeek(unit, start, new Date(start.getTime() + WEEK_MS)));
    return values.every((value): value is number => value !== null && value > 0) ? { measure: denominators.measure, values } : null;
  };
}

/**
 * The weekly digest for [periodEnd − 7 days, periodEnd), the week before it, and a baseline of the
 * complete weeks on record before the period (at most MAX_BASELINE_WEEKS), which sets each row's
 * process limits.
 */
export function buildTrendDigest(input: {
  aggregates: TrendAggregates;
  periodEnd: Date;
  categoryLabel: (id: string) => string;
  denominators?: TrendDenominators;
  history?: HistoryRule;
}): TrendDigest {
  const history = input.history ?? DEFAULT_HISTORY_RULE;
  const { aggregates } = input;
  const end = input.periodEnd.getTime();
  const baselineWeeks = baselineWeeksOnRecord(input.periodEnd, aggregates.firstReceivedAt);
  const weekStarts = Array.from({ length: baselineWeeks + 1 }, (_, index) => new Date(end - (baselineWeeks + 1 - index) * WEEK_MS));
  const noExposures = () => null;
  const categoryContext: RowContext = { baselineWeeks, weekStarts, history, exposuresOf: noExposures };
  const unitContext: RowContext = { ...categoryContext, exposuresOf: exposuresFrom(input.denominators, weekStarts) };
  // Every case has one category, so the category counts add up to all cases received.
  const all = countsByKey(aggregates.receivedByCategory.map((weekly) => ({ ...weekly, key: "" }))).get("") ?? Array<number>(TREND_WEEKS).fill(0);
  const { due, answered } = aggregates.grievanceClock;
  const { total: drafts, passed } = aggregates.firstDrafts;

  return {
    periodStart: new Date(end - WEEK_MS),
    periodEnd: new Date(end),
    weekStarts,
    baselineWeeks,
    history,
    total: all[0] ?? 0,
    previousTotal: all[1] ?? 0,
    baselineWeeklyMean: baselineWeeks > 0 ? total(all.slice(1, baselineWeeks + 1)) / baselineWeeks : null,
    byCategory: rowsBy(aggregates.receivedByCategory, input.categoryLabel, categoryContext),
    byDepartment: rowsBy(aggregates.receivedByDepartment, (department) => department, unitContext),
    medianHoursToAcknowledge: medianOneDecimal(aggregates.hoursToAcknowledge),
    medianHoursToResolve: medianOneDecimal(aggregates.hoursToResolve),
    grievancesAnsweredWithin7Days: { answered, due, share: share(answered, due) },
    firstDraftsPassingAllChecks: { passed, total: drafts, share: share(passed, drafts) },
    comments: aggregates.comments ? buildCommentThemes(aggregates.comments, input.categoryLabel) : null,
  };
}
