import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { trendDenominatorsFrom } from "../../../src/config/trend-denominators.ts";
import { parseDenominators } from "../../../src/digests/denominators.ts";

const TZ = "America/New_York";
// The digest's week from Monday 30 Nov 2026 08:00 to Monday 7 Dec 08:00, New York time.
const weekStart = new Date("2026-11-30T13:00:00Z");
const weekEnd = new Date("2026-12-07T13:00:00Z");
const weekBefore = new Date("2026-11-23T13:00:00Z");

function parsed(text: string) {
  const result = parseDenominators(text, TZ);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.denominators;
}

describe("parseDenominators", () => {
  it("reads every-week and dated rows; a dated row wins in its week", () => {
    const denominators = parsed("unit,week_of,patient_days\n4 West,,310\n4 West,2026-11-30,295\n\"Cardiology, North\",,120\n# a comment\n\n");
    expect(denominators.measure).toBe("patient days");
    expect(denominators.forWeek("4 West", weekStart, weekEnd)).toBe(295);
    expect(denominators.forWeek("4 West", weekBefore, weekStart)).toBe(310);
    expect(denominators.forWeek("Cardiology, North", weekStart, weekEnd)).toBe(120);
    expect(denominators.forWeek("5 East", weekStart, weekEnd)).toBeNull();
  });

  it("adds up dated rows in one digest week, so a daily census works", () => {
    // Noon on Mon 30 Nov to noon on Sun 6 Dec are in the week; Mon 7 Dec at noon is after its 08:00 end.
    const daily = ["2026-11-30", "2026-12-01", "2026-12-06", "2026-12-07"].map((date) => `4 West,${date},40`).join("\n");
    const denominators = parsed(`unit,week_of,visits\n${daily}`);
    expect(denominators.measure).toBe("visits");
    expect(denominators.forWeek("4 West", weekStart, weekEnd)).toBe(120);
    expect(denominators.forWeek("4 West", weekBefore, weekStart)).toBeNull();
  });

  it("names every bad line and loads nothing", () => {
    const result = parseDenominators(
      "unit,week_of,patient_days\n,,10\n4 West,30/11/2026,10\n4 West,2026-02-30,10\n4 West,,0\n4 West,,abc\n4 West,,5,extra\n5 East,,10",
      TZ,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        "line 2: the unit must be a name of 1 to 75 characters",
        'line 3: week_of must be a date like 2026-11-30, or empty for every week; found "30/11/2026"',
        'line 4: week_of must be a date like 2026-11-30, or empty for every week; found "2026-02-30"',
        'line 5: patient_days must be a number greater than 0, found "0"',
        'line 6: patient_days must be a number greater than 0, found "abc"',
        "line 7: expected 3 values (unit, week_of, patient_days), found 4",
      ],
    });
  });

  it("refuses a unit given twice for every week or for one date", () => {
    const result = parseDenominators("unit,week_of,patient_days\n5 East,,10\n5 East,,12\n5 East,2026-11-30,1\n5 East,2026-11-30,2", TZ);
    expect(result).toEqual({ ok: false, errors: ["line 3: 5 East already has a row for every week (empty week_of)", "line 5: 5 East already has a row for 2026-11-30"] });
  });

  it("needs the header", () => {
    const message = ["the first line must be the header unit,week_of,patient_days (or unit,week_of,visits)"];
    expect(parseDenominators("4 West,,310", TZ)).toEqual({ ok: false, errors: message });
    expect(parseDenominators("unit,week_of,beds\n4 West,,310", TZ)).toEqual({ ok: false, errors: message });
    expect(parseDenominators("", TZ)).toEqual({ ok: false, errors: message });
  });
});

describe("trendDenominatorsFrom (TREND_DENOMINATORS_FILE)", () => {
  const folder = mkdtempSync(join(tmpdir(), "denominators-"));

  it("is undefined when the setting is empty: counts are charted", () => {
    expect(trendDenominatorsFrom({ TREND_DENOMINATORS_FILE: undefined, TZ })).toBeUndefined();
  });

  it("loads a good file", () => {
    const file = join(folder, "good.csv");
    writeFileSync(file, "unit,week_of,patient_days\r\n4 West,,310\r\n");
    expect(trendDenominatorsFrom({ TREND_DENOMINATORS_FILE: file, TZ })?.forWeek("4 West", weekStart, weekEnd)).toBe(310);
  });

  it("stops start-up with the file, the setting and each problem named", () => {
    const file = join(folder, "bad.csv");
    writeFileSync(file, "unit,week_of,patient_days\n4 West,,none\n");
    expect(() => trendDenominatorsFrom({ TREND_DENOMINATORS_FILE: file, TZ })).toThrow(
      `The trend denominators file ${file} (TREND_DENOMINATORS_FILE) has problems:\n• line 2: patient_days must be a number greater than 0, found "none"`,
    );
    expect(() => trendDenominatorsFrom({ TREND_DENOMINATORS_FILE: join(folder, "missing.csv"), TZ })).toThrow(/Cannot read the trend denominators file .*missing\.csv\. Check TREND_DENOMINATORS_FILE/);
  });
});
