// Calendar arithmetic in the hospital's time zone, without a date library. Days keep the wall-clock
// time, so "7 days" means the same local time a week later, across DST. The rules built on it
// (business days, deadlines, reminders) live in cases/clocks.ts.

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building an Intl formatter costs far more than using one: one per purpose and zone, kept.
const FORMATS = {
  /** Numeric wall-clock parts, for arithmetic. */
  parts: ["en-US", { hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }],
  /** What people read. */
  display: [
    "en-GB",
    { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
  ],
} as const satisfies Record<string, [string, Intl.DateTimeFormatOptions]>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, purpose: keyof typeof FORMATS = "parts"): Intl.DateTimeFormat {
  const key = `${purpose} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const [locale, options] = FORMATS[purpose];
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time an instant shows in a time zone. */
export function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function utcMillisOf(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

function offsetMillis(instant: Date, timeZone: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return utcMillisOf(wallTimeOf(new Date(whole), timeZone)) - whole;
}

/** The instant at which the wall clock in `timeZone` shows `wall`; a time skipped by DST moves forward. */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const asUtc = utcMillisOf(wall);
  const first = asUtc - offsetMillis(new Date(asUtc), timeZone);
  const second = asUtc - offsetMillis(new Date(first), timeZone);
  if (first === second) return new Date(first);
  // In a DST gap neither guess maps back to `wall`: take the later instant (wall time moved forward).
  return new Date(Math.max(first, second));
}

/** The local calendar date of an instant as YYYY-MM-DD. */
export function localDateKey(instant: Date, timeZone: string): string {
  const { year, month, day } = wallTimeOf(instant, timeZone);
  return dateKey(year, month, day);
}

/** A calendar date as YYYY-MM-DD. */
export function dateKey(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The same local time `days` calendar days later. */
export function addCalendarDays(instant: Date, days: number, timeZone: string): Date {
  const wall = wallTimeOf(instant, timeZone);
  const shifted = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return instantOf(
    { ...wall, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    timeZone,
  );
}

/** A short human date-time in the hospital's zone, e.g. "Tue 1 Dec 2026, 10:00 EST". */
export function formatLocal(instant: Date, timeZone: string): string {
  return formatterFor(timeZone, "display")
    .format(instant)
    .replace(/^(\w+),? /, "$1 ")
    .replace(" at ", ", ");
}
