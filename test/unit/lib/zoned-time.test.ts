import { describe, expect, it } from "vitest";
import { addCalendarDays, formatLocal, instantOf } from "../../../src/lib/zoned-time.ts";

describe("addCalendarDays (Temporal's ZonedDateTime.add)", () => {
  it.each([
    // [zone, received, days, due, why]
    ["America/Chicago", "2026-03-01T11:00:00Z", 7, "2026-03-08T10:00:00Z", "Sun 1 Mar 05:00 CST + 7 days is Sun 8 Mar 05:00 CDT, not 06:00"],
    ["America/Chicago", "2026-02-06T11:00:00Z", 30, "2026-03-08T10:00:00Z", "30-day interim lands on the spring-forward Sunday, same 05:00"],
    ["America/Chicago", "2026-03-01T08:30:00Z", 7, "2026-03-08T08:30:00Z", "02:30 does not exist on 8 Mar: 03:30 CDT, the gap's length later"],
    ["America/Chicago", "2026-10-25T06:30:00Z", 7, "2026-11-01T06:30:00Z", "01:30 happens twice on 1 Nov: the earlier, CDT"],
    ["Australia/Lord_Howe", "2026-03-28T04:00:00Z", 7, "2026-04-04T04:00:00Z", "15:00 LHDT + 7 days is 15:00 LHDT, not 30 minutes late"],
    ["Australia/Sydney", "2026-03-28T15:30:00Z", 7, "2026-04-04T15:30:00Z", "02:30 repeats at fall-back on 5 Apr: the earlier, AEDT"],
    ["Pacific/Auckland", "2026-03-28T01:00:00Z", 7, "2026-04-04T01:00:00Z", "14:00 NZDT a week later, the day before fall-back"],
    ["Europe/Berlin", "2026-10-17T23:00:00Z", 7, "2026-10-24T23:00:00Z", "01:00 CEST + 7 days, the night of fall-back, is 01:00 CEST"],
    ["Asia/Kolkata", "2026-03-01T11:00:00Z", 7, "2026-03-08T11:00:00Z", "no DST: exactly 7 × 24 hours"],
  ])("%s %s + %i days = %s (%s)", (zone, received, days, due) => {
    expect(addCalendarDays(new Date(received), days, zone).toISOString()).toBe(new Date(due).toISOString());
  });

  it("keeps the milliseconds", () => {
    expect(addCalendarDays(new Date("2026-03-01T11:00:00.789Z"), 7, "America/Chicago").toISOString()).toBe("2026-03-08T10:00:00.789Z");
  });

  it("resolves a skipped wall time forward and a repeated one to the earlier instant", () => {
    expect(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });
});

describe("formatLocal", () => {
  it.each([
    ["America/Chicago", "2026-12-03T13:14:00Z", "Thu 3 Dec, 7:14 AM CST"],
    ["America/Chicago", "2026-07-03T18:05:00Z", "Fri 3 Jul, 1:05 PM CDT"],
    ["America/New_York", "2026-12-01T05:00:00Z", "Tue 1 Dec, 12:00 AM EST"],
    ["Australia/Sydney", "2026-12-03T13:14:00Z", "Fri 4 Dec, 12:14 AM AEDT"],
    ["Australia/Lord_Howe", "2026-07-03T13:14:00Z", "Fri 3 Jul, 11:44 PM LHST"],
    ["Pacific/Auckland", "2026-12-03T13:14:00Z", "Fri 4 Dec, 2:14 AM NZDT"],
    ["Europe/Berlin", "2026-07-03T13:14:00Z", "Fri 3 Jul, 3:14 PM CEST"],
    ["Europe/London", "2026-12-03T13:14:00Z", "Thu 3 Dec, 1:14 PM GMT"],
    ["Asia/Kolkata", "2026-12-03T13:14:00Z", "Thu 3 Dec, 6:44 PM IST"],
    ["UTC", "2026-12-03T13:14:00Z", "Thu 3 Dec, 1:14 PM UTC"],
    // No common abbreviation: the offset, as people in the zone would write it.
    ["Asia/Tokyo", "2026-12-03T13:14:00Z", "Thu 3 Dec, 10:14 PM GMT+9"],
  ])("%s %s reads %s", (zone, instant, text) => {
    expect(formatLocal(new Date(instant), zone)).toBe(text);
  });
});
