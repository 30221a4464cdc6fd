import { instantOf } from "../lib/zoned-time.ts";

// Denominators for the trend digest's u-charts: patient days (or visits) per unit per week, from a
// small CSV file the hospital keeps (TREND_DENOMINATORS_FILE). A unit listed here is charted as a
// rate (cases per 1,000 patient days), so a busier week is not mistaken for a worse one.
//
//   unit,week_of,patient_days
//   4 West,,310                  ← every week, unless a dated row covers it
//   4 West,2026-11-30,295        ← the digest week holding that date (noon, hospital time)
//
// The third column is named patient_days or visits (one per file). Rows whose dates fall in the
// same digest week add up, so a daily census works too. Blank lines and lines starting with # are
// skipped; a unit name with a comma is written in double quotes.

/** Where a unit's exposure for a week comes from; null when the file gives none for that week. */
export interface TrendDenominators {
  /** What is counted, in words: "patient days" or "visits". */
  measure: string;
  forWeek(unit: string, weekStart: Date, weekEnd: Date): number | null;
}

const MEASURES: Record<string, string> = { patient_days: "patient days", visits: "visits" };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The longest unit name intake accepts (DEPARTMENTS). */
const UNIT_MAX = 75;

interface UnitExposure {
  everyWeek: number | null;
  dated: { at: number; value: number }[];
}

export type DenominatorsParse = { ok: true; denominators: TrendDenominators } | { ok: false; errors: string[] };

/** One CSV line's fields; double quotes around a field allow commas in it ("" is a quote). */
function fields(line: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted && char === '"' && line[index + 1] === '"') {
      current += '"';
      index++;
    } else if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) {
      out.push(current.trim());
      current = "";
    } else current += char;
  }
  out.push(current.trim());
  return out;
}

/** A real calendar date YYYY-MM-DD, or null. */
function calendarDate(text: string): { year: number; month: number; day: number } | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : null;
}

/** Parses the denominators file; every problem is reported with its line number, nothing half-loaded. */
export function parseDenominators(text: string, timeZone: string): DenominatorsParse {
  const errors: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const content = lines.map((line, index) => ({ line, number: index + 1 })).filter(({ line }) => line.trim() !== "" && !line.trim().startsWith("#"));
  const [header, ...rows] = content;
  const names = header ? fields(header.line).map((name) => name.toLowerCase()) : [];
  const measure = MEASURES[names[2] ?? ""];
  if (!header || names.length !== 3 || names[0] !== "unit" || names[1] !== "week_of" || !measure) {
    return { ok: false, errors: ["the first line must be the header unit,week_of,patient_days (or unit,week_of,visits)"] };
  }
  const column = names[2];
  const units = new Map<string, UnitExposure>();
  const seenDates = new Set<string>();
  for (const { line, number } of rows) {
    const [unit = "", weekOf = "", amount = "", ...extra] = fields(line);
    const at = `line ${number}`;
    const before = errors.length;
    if (extra.length > 0) errors.push(`${at}: expected 3 values (unit, week_of, ${column}), found ${3 + extra.length}`);
    if (unit === "" || unit.length > UNIT_MAX) errors.push(`${at}: the unit must be a name of 1 to ${UNIT_MAX} characters`);
    const value = Number(amount);
    if (amount === "" || !Number.isFinite(value) || value <= 0) errors.push(`${at}: ${column} must be a number greater than 0, found "${amount}"`);
    const date = weekOf === "" ? null : calendarDate(weekOf);
    if (weekOf !== "" && !date) errors.push(`${at}: week_of must be a date like 2026-11-30, or empty for every week; found "${weekOf}"`);
    if (errors.length > before) continue;
    const entry = units.get(unit) ?? { everyWeek: null, dated: [] };
    units.set(unit, entry);
    if (date === null) {
      if (entry.everyWeek !== null) errors.push(`${at}: ${unit} already has a row for every week (empty week_of)`);
      entry.everyWeek = value;
      continue;
    }
    const dateKey = `${unit}\u0000${weekOf}`;
    if (seenDates.has(dateKey)) errors.push(`${at}: ${unit} already has a row for ${weekOf}`);
    seenDates.add(dateKey);
    // Noon, hospital time: the date's own digest week whatever hour the digest starts its weeks.
    entry.dated.push({ at: instantOf({ ...date, hour: 12, minute: 0, second: 0 }, timeZone).getTime(), value });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    denominators: {
      measure,
      forWeek(unit, weekStart, weekEnd) {
        const entry = units.get(unit);
        if (!entry) return null;
        const inWeek = entry.dated.filter(({ at }) => at >= weekStart.getTime() && at < weekEnd.getTime());
        if (inWeek.length === 0) return entry.everyWeek;
        return inWeek.reduce((total, { value }) => total + value, 0);
      },
    },
  };
}
