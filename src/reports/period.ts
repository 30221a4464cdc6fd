import { instantOf } from "../lib/zoned-time.ts";

// A reporting period as a committee names it: a month ("2026-11") or a quarter ("2026-Q4"), in the
// hospital's time zone, as [from, to) instants and the calendar months it covers.

export interface ReportMonth {
  /** "YYYY-MM" */
  key: string;
  from: Date;
  to: Date;
}

export interface ReportPeriod {
  /** As written, normalized: "2026-11" or "2026-Q4". */
  label: string;
  kind: "month" | "quarter";
  from: Date;
  to: Date;
  months: ReportMonth[];
}

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

/** The calendar month `offset` months after year/month (offset may be negative). */
function shift(year: number, month: number, offset: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** One calendar month in `timeZone`. */
export function reportMonth(year: number, month: number, timeZone: string): ReportMonth {
  const start = (y: number, m: number) => instantOf({ year: y, month: m, day: 1, hour: 0, minute: 0, second: 0 }, timeZone);
  const next = shift(year, month, 1);
  return { key: monthKey(year, month), from: start(year, month), to: start(next.year, next.month) };
}

/** The `count` months before the period's first month, oldest first (the baseline of its signals). */
export function monthsBefore(period: ReportPeriod, count: number, timeZone: string): ReportMonth[] {
  const [year, month] = (period.months[0] as ReportMonth).key.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) => {
    const at = shift(year, month, index - count);
    return reportMonth(at.year, at.month, timeZone);
  });
}

export const PERIOD_HINT = "Write the period as a month (2026-11) or a quarter (2026-Q4).";

/** Reads "2026-11" or "2026-Q4" (case-insensitive); a message saying what is wrong otherwise. */
export function parsePeriod(text: string, timeZone: string): { ok: true; period: ReportPeriod } | { ok: false; message: string } {
  const trimmed = text.trim();
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(trimmed);
  const quarter = /^(\d{4})-q([1-4])$/i.exec(trimmed);
  const shown = trimmed.slice(0, 20);
  if (!month && !quarter) return { ok: false, message: trimmed ? `"${shown}" is not a period. ${PERIOD_HINT}` : `Name the period. ${PERIOD_HINT}` };
  const year = Number((month ?? quarter)![1]);
  if (year < 2000 || year > 2100) return { ok: false, message: `"${shown}" is not a year the app keeps. ${PERIOD_HINT}` };
  const first = month ? Number(month[2]) : (Number(quarter![2]) - 1) * 3 + 1;
  const months = Array.from({ length: month ? 1 : 3 }, (_, index) => reportMonth(year, first + index, timeZone));
  return {
    ok: true,
    period: {
      label: month ? monthKey(year, first) : `${year}-Q${quarter![2]}`,
      kind: month ? "month" : "quarter",
      from: (months[0] as ReportMonth).from,
      to: (months.at(-1) as ReportMonth).to,
      months,
    },
  };
}
