// The weeks the trend digest reads, and the small helpers its case counts and its survey comments
// (comment-themes.ts) share.

const DAY_MS = 24 * 3_600_000;
/** Fixed 168-hour weeks: the windows stay contiguous and equal, whatever DST does to local time. */
export const WEEK_MS = 7 * DAY_MS;
/** Baseline weeks at most: the 20 points Making Data Count suggests for a baseline. */
export const MAX_BASELINE_WEEKS = 20;
/** Weeks the digest reads back from periodEnd: the period (week 0) and the baseline before it (weeks 1 to 20). */
export const TREND_WEEKS = 1 + MAX_BASELINE_WEEKS;

export const total = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0);

// Code-unit order, not localeCompare: the same digest whatever locale the server runs in.
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
