// Calendar arithmetic in the hospital's time zone, without a runtime date library. It follows the
// Temporal API's semantics (ZonedDateTime.add with disambiguation "compatible"): days keep the
// wall-clock time, so "7 days" means the same local time a week later across DST; a wall time that
// a spring-forward skips moves forward by the gap, and one a fall-back repeats takes the earlier
// instant. test/unit/lib/zoned-time-sweep.test.ts checks it against temporal-polyfill. The rules
// built on it (business days, deadlines, reminders) live in cases/clocks.ts.

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0-999; absent means 0. */
  millisecond?: number;
}

const DAY_MS = 24 * 3_600_000;

// Building an Intl formatter costs far more than using one: one per purpose and zone, kept.
const FORMATS = {
  /** Numeric wall-clock parts, for arithmetic. */
  parts: ["en-US", { hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }],
  /** What people read: "Thu 3 Dec, 7:14 AM", assembled from parts in formatLocal. */
  display: ["en-US", { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit", hour12: true }],
} as const satisfies Record<string, [string, Intl.DateTimeFormatOptions]>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, purpose: keyof typeof FORMATS = "parts"): Intl.DateTimeFormat {
  return cached(`${purpose} ${timeZone}`, () => {
    const [locale, options] = FORMATS[purpose];
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  });
}

function cached(key: string, build: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = build();
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

// "12/31/2026, 23:59:59": format() and a regular expression cost half of formatToParts.
const PARTS_TEXT = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/** The wall-clock time an instant shows in a time zone (whole seconds). */
export function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const text = formatterFor(timeZone).format(instant);
  const match = PARTS_TEXT.exec(text);
  if (!match) throw new Error(`Unexpected wall-time text "${text}" for ${timeZone}`);
  return {
    year: Number(match[3]),
    month: Number(match[1]),
    day: Number(match[2]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6]),
  };
}

function utcMillisOf(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond ?? 0);
}

function offsetMillis(instant: Date, timeZone: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return utcMillisOf(wallTimeOf(new Date(whole), timeZone)) - whole;
}

/**
 * The instant at which the wall clock in `timeZone` shows `wall`, as Temporal's "compatible"
 * disambiguation resolves it: a time skipped by DST moves forward by the gap, a repeated time takes
 * the earlier instant.
 */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const asUtc = utcMillisOf(wall);
  // Zones change offset at most once in two days: the offsets a day either side bound the answer.
  const before = offsetMillis(new Date(asUtc - DAY_MS), timeZone);
  const after = offsetMillis(new Date(asUtc + DAY_MS), timeZone);
  if (before === after) return new Date(asUtc - before);
  const fits = [asUtc - before, asUtc - after].filter((candidate) => offsetMillis(new Date(candidate), timeZone) === asUtc - candidate);
  // Repeated (fall-back): the earlier instant. Skipped (spring-forward): read with the offset before
  // the change, which lands the same distance past the gap as the wall time was into it.
  return new Date(fits.length > 0 ? Math.min(...fits) : asUtc - before);
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

/** The same local time `days` calendar days later (Temporal's ZonedDateTime.add({ days })). */
export function addCalendarDays(instant: Date, days: number, timeZone: string): Date {
  const wall = wallTimeOf(instant, timeZone);
  const shifted = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return instantOf(
    { ...wall, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), millisecond: millisecondOf(instant) },
    timeZone,
  );
}

/** The sub-second part of an instant, which wallTimeOf leaves out. */
export function millisecondOf(instant: Date): number {
  return ((instant.getTime() % 1000) + 1000) % 1000;
}

// Zone abbreviations people know ("CST", "AEDT", "CET", "IST") are spread over English locales:
// en-US names the Americas', en-GB Europe's, en-AU Australia's and New Zealand's, en-IN India's.
const ZONE_NAME_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"] as const;

function zoneNameOf(instant: Date, timeZone: string): string {
  let fallback = "";
  for (const locale of ZONE_NAME_LOCALES) {
    const name = cached(`zone ${locale} ${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }))
      .formatToParts(instant)
      .find((part) => part.type === "timeZoneName")?.value;
    if (!name) continue;
    if (!/^GMT[+-]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback;
}

/** A human date-time in the hospital's zone as people read it, e.g. "Thu 3 Dec, 7:14 AM CST". The one place times are formatted. */
export function formatLocal(instant: Date, timeZone: string): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone, "display").formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.weekday} ${parts.day} ${parts.month}, ${parts.hour}:${parts.minute} ${parts.dayPeriod} ${zoneNameOf(instant, timeZone)}`;
}
