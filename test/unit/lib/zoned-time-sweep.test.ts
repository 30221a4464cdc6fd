import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { addBusinessDays, isBusinessDay } from "../../../src/cases/clocks.ts";
import { addCalendarDays } from "../../../src/lib/zoned-time.ts";

// The project's day arithmetic against Temporal's (temporal-polyfill), for every instant 5 minutes
// apart over two years: each spring-forward and fall-back of these zones is crossed by the start
// and by the end of a 7-day, 30-day and business-day span. Lord Howe moves by 30 minutes; Kolkata
// has no DST.
const ZONES = [
  "America/Chicago",
  "America/New_York",
  "Australia/Lord_Howe",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Europe/Berlin",
  "Asia/Kolkata",
] as const;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);
const STEP_MS = 5 * 60_000;
// Holidays on either side of DST changes, so business days skip them where it matters.
const HOLIDAYS = new Set(["2026-03-09", "2026-04-06", "2026-10-26", "2027-03-15", "2027-11-08"]);

function temporalBusinessDays(start: Temporal.ZonedDateTime, days: number): number {
  let date = start.toPlainDate();
  for (let remaining = days; remaining > 0; ) {
    date = date.add({ days: 1 });
    if (isBusinessDay(date, HOLIDAYS)) remaining -= 1;
  }
  return date.toZonedDateTime({ timeZone: start.timeZoneId, plainTime: start.toPlainTime() }).epochMilliseconds;
}

describe("zoned-time sweep against Temporal, every 5 minutes over 2026-2027", () => {
  for (const zone of ZONES) {
    it(`${zone}: calendar days keep the wall time, business days too`, { timeout: 60_000 }, () => {
      const misses: string[] = [];
      let checked = 0;
      for (let ms = FROM; ms < TO; ms += STEP_MS) {
        const start = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
        const from = new Date(ms);
        for (const days of [7, 30]) {
          const want = start.add({ days }).epochMilliseconds;
          const got = addCalendarDays(from, days, zone).getTime();
          if (got !== want) misses.push(`${from.toISOString()} + ${days} days: ${new Date(got).toISOString()}, Temporal ${new Date(want).toISOString()}`);
        }
        const want = temporalBusinessDays(start, 2);
        const got = addBusinessDays(from, 2, zone, HOLIDAYS).getTime();
        if (got !== want) misses.push(`${from.toISOString()} + 2 business days: ${new Date(got).toISOString()}, Temporal ${new Date(want).toISOString()}`);
        checked += 1;
      }
      expect(checked).toBe((TO - FROM) / STEP_MS);
      expect(misses.slice(0, 5)).toEqual([]);
    });
  }
});
