import { compareText, MAX_BASELINE_WEEKS, total } from "./trend-weeks.ts";

// The trend digest's survey and feedback comments part: the week's imported comments by category
// and unit against their own baseline, counts only (no text, no patient).

/**
 * Imported survey comments of one category and unit in one week, and how many of them were
 * grievance candidates. A comment has a date, not a time: week k holds the dates
 * [endDate − 7(k+1) days, endDate − 7k days), endDate being the local date periodEnd falls on.
 */
export interface CommentWeeklyCount {
  category: string;
  unit: string;
  weeksAgo: number;
  count: number;
  candidates: number;
}

/** What the database adds up of the comments (trends.repository.ts), for weeks 0 to TREND_WEEKS − 1. */
export interface CommentAggregates {
  /** The local date (YYYY-MM-DD) periodEnd falls on: this week is the seven dates before it. */
  endDate: string;
  weekly: CommentWeeklyCount[];
  /** The earliest comment date before endDate: weeks that began before it are no history. */
  firstCommentDate: string | null;
}

/** Comments of one category or unit: this week, and the weekly mean over the comments' baseline. */
export interface CommentThemeRow {
  key: string;
  label: string;
  count: number;
  baselineMean: number | null;
}

/** The week's survey and feedback comments, counts only (no text, no patient): what the digest's comments part shows. */
export interface CommentThemes {
  /** Complete weeks of comments on record before this one, up to MAX_BASELINE_WEEKS. */
  baselineWeeks: number;
  total: number;
  baselineWeeklyMean: number | null;
  /** Grievance candidates this week (an identified patient asking for follow-up), and their weekly mean. */
  candidates: number;
  candidatesBaselineMean: number | null;
  /** Count descending, then the baseline mean, then label; rows with nothing this week or in the baseline are left out. */
  byCategory: CommentThemeRow[];
  byUnit: CommentThemeRow[];
}

const DATE_DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DATE_DAY_MS);

/** Complete weeks of comments before this one: week k (k ≥ 1) counts when it began on or after the first comment's date. */
export function commentBaselineWeeks(endDate: string, firstCommentDate: string | null): number {
  if (!firstCommentDate) return 0;
  const weeks = Math.floor((dayNumber(endDate) - dayNumber(firstCommentDate)) / 7) - 1;
  return Math.min(MAX_BASELINE_WEEKS, Math.max(0, weeks));
}

function commentRows(weekly: readonly CommentWeeklyCount[], keyOf: (row: CommentWeeklyCount) => string, labelOf: (key: string) => string, baselineWeeks: number): CommentThemeRow[] {
  const byKey = new Map<string, { count: number; baseline: number }>();
  for (const row of weekly) {
    if (row.weeksAgo < 0 || row.weeksAgo > baselineWeeks) continue;
    const entry = byKey.get(keyOf(row)) ?? { count: 0, baseline: 0 };
    if (row.weeksAgo === 0) entry.count += row.count;
    else entry.baseline += row.count;
    byKey.set(keyOf(row), entry);
  }
  return [...byKey]
    .filter(([, entry]) => entry.count + entry.baseline > 0)
    .map(([key, entry]) => ({ key, label: labelOf(key), count: entry.count, baselineMean: baselineWeeks > 0 ? entry.baseline / baselineWeeks : null }))
    .sort((a, b) => b.count - a.count || (b.baselineMean ?? 0) - (a.baselineMean ?? 0) || compareText(a.label, b.label) || compareText(a.key, b.key));
}

/** This week's comments against the weekly mean of the complete weeks of comments before it. */
export function buildCommentThemes(aggregates: CommentAggregates, categoryLabel: (id: string) => string): CommentThemes | null {
  if (!aggregates.firstCommentDate) return null;
  const baselineWeeks = commentBaselineWeeks(aggregates.endDate, aggregates.firstCommentDate);
  const sum = (pick: (row: CommentWeeklyCount) => number, inBaseline: boolean) =>
    total(aggregates.weekly.filter((row) => (inBaseline ? row.weeksAgo >= 1 && row.weeksAgo <= baselineWeeks : row.weeksAgo === 0)).map(pick));
  const mean = (pick: (row: CommentWeeklyCount) => number) => (baselineWeeks > 0 ? sum(pick, true) / baselineWeeks : null);
  return {
    baselineWeeks,
    total: sum((row) => row.count, false),
    baselineWeeklyMean: mean((row) => row.count),
    candidates: sum((row) => row.candidates, false),
    candidatesBaselineMean: mean((row) => row.candidates),
    byCategory: commentRows(aggregates.weekly, (row) => row.category, categoryLabel, baselineWeeks),
    byUnit: commentRows(aggregates.weekly, (row) => row.unit, (unit) => unit, baselineWeeks),
  };
}
