import { describe, expect, it } from "vitest";
import { categoryLabel } from "../../../src/cases/taxonomy.ts";
import type { TrendDenominators } from "../../../src/digests/denominators.ts";
import { baselineWeeksOnRecord, buildTrendDigest, type TrendAggregates, type WeeklyCount } from "../../../src/digests/trends.ts";
import { WEEK_MS } from "../../../src/digests/trend-weeks.ts";

// The rules on top of the database's weekly aggregates. Which case falls in which week, and the
// medians, clock and draft counts the database works out, are tested on real databases in
// test/integration/digest-reads.test.ts; the control-chart arithmetic in spc.test.ts.

// Monday 00:00 in New York: the digest covers the week that just ended.
const periodEnd = new Date("2026-12-07T05:00:00Z");
const weeksBefore = (weeks: number) => new Date(periodEnd.getTime() - weeks * WEEK_MS);
// The first case 30 weeks ago: the full 20-week baseline is on record.
const LONG_AGO = weeksBefore(30);

const NO_AGGREGATES: TrendAggregates = {
  receivedByCategory: [],
  receivedByDepartment: [],
  firstReceivedAt: LONG_AGO,
  hoursToAcknowledge: null,
  hoursToResolve: null,
  grievanceClock: { due: 0, answered: 0 },
  firstDrafts: { total: 0, passed: 0 },
};

function digest(aggregates: Partial<TrendAggregates>, denominators?: TrendDenominators) {
  return buildTrendDigest({ aggregates: { ...NO_AGGREGATES, ...aggregates }, periodEnd, categoryLabel, denominators });
}

/** Weekly counts of `key`, oldest first, the last one this week. */
function series(key: string, values: number[]): WeeklyCount[] {
  return values.map((count, index) => ({ key, weeksAgo: values.length - 1 - index, count }));
}

// The 20-week baseline of spc.test.ts: mean 2.9, average moving range 28 / 19, upper limit 6.82.
const BASELINE = [3, 2, 3, 4, 2, 4, 1, 3, 4, 2, 3, 2, 4, 3, 2, 3, 5, 3, 2, 3];

describe("baselineWeeksOnRecord", () => {
  it("counts the complete weeks since the first case, up to 20", () => {
    // The first case at the very start of last week: one complete week; a moment later, none.
    expect(baselineWeeksOnRecord(periodEnd, weeksBefore(2))).toBe(1);
    expect(baselineWeeksOnRecord(periodEnd, new Date(weeksBefore(2).getTime() + 1))).toBe(0);
    expect(baselineWeeksOnRecord(periodEnd, weeksBefore(13))).toBe(12);
    expect(baselineWeeksOnRecord(periodEnd, LONG_AGO)).toBe(20);
    expect(baselineWeeksOnRecord(periodEnd, weeksBefore(0.5))).toBe(0);
    expect(baselineWeeksOnRecord(periodEnd, null)).toBe(0);
  });
});

describe("buildTrendDigest windows", () => {
  it("takes week 0 as this week, week 1 as the previous one, and the weeks on record as the baseline", () => {
    const result = digest({
      firstReceivedAt: weeksBefore(5), // four complete weeks before this one
      receivedByCategory: [
        { key: "communication", weeksAgo: 0, count: 2 },
        { key: "communication", weeksAgo: 1, count: 2 },
        { key: "communication", weeksAgo: 2, count: 1 },
        { key: "communication", weeksAgo: 4, count: 1 },
        { key: "communication", weeksAgo: 5, count: 5 }, // the week of the first case: not complete, not history
      ],
    });
    expect(result.periodStart).toEqual(weeksBefore(1));
    expect(result.weekStarts).toEqual([weeksBefore(5), weeksBefore(4), weeksBefore(3), weeksBefore(2), weeksBefore(1)]);
    expect(result.baselineWeeks).toBe(4);
    expect([result.total, result.previousTotal, result.baselineWeeklyMean]).toEqual([2, 2, 1]);
    expect(result.byCategory).toEqual([
      {
        key: "communication",
        label: "Communication and information",
        count: 2,
        previous: 2,
        baselineMean: 1,
        weekly: [1, 0, 1, 2, 2],
        process: { kind: "not_enough_history", baselineWeeks: 4, baselineCases: 4 },
      },
    ]);
  });

  it("is empty for no cases", () => {
    const result = digest({ firstReceivedAt: null });
    expect(result).toMatchObject({ total: 0, previousTotal: 0, baselineWeeks: 0, baselineWeeklyMean: null, byCategory: [], byDepartment: [], weekStarts: [weeksBefore(1)] });
    expect(result.grievancesAnsweredWithin7Days).toEqual({ answered: 0, due: 0, share: null });
  });

  it("leaves out keys with nothing this week, last week or in the baseline, and adds up repeated weeks", () => {
    const result = digest({
      receivedByCategory: [...series("safety", [...BASELINE.slice(0, 19), 1, 4]), { key: "safety", weeksAgo: 0, count: 5 }, { key: "quality", weeksAgo: 20, count: 0 }],
    });
    expect(result.byCategory.map((row) => [row.key, row.count, row.previous])).toEqual([["safety", 9, 1]]);
  });
});

describe("buildTrendDigest history", () => {
  const lastWeeks = (weeks: number, values: number[]) => ({ firstReceivedAt: weeksBefore(weeks + 1), receivedByCategory: series("safety", values) });

  it("says not enough history before 12 complete weeks, whatever the counts", () => {
    const eleven = digest(lastWeeks(11, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 40]));
    expect(eleven.byCategory[0]!.process).toEqual({ kind: "not_enough_history", baselineWeeks: 11, baselineCases: 55 });
  });

  it("says not enough history with fewer than 10 cases in the baseline", () => {
    // 12 weeks holding 9 cases.
    const few = digest(lastWeeks(12, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 9]));
    expect(few.byCategory[0]!.process).toEqual({ kind: "not_enough_history", baselineWeeks: 12, baselineCases: 9 });
  });

  it("draws limits from 12 weeks and 10 cases", () => {
    // 12 weeks holding 10 cases: 1 1 1 1 1 1 1 1 1 1 0 0; mean 10 / 12 = 0.833…; moving ranges are
    // all 0 but one (1 → 0), so the average is 1 / 11 and the upper limit 0.833 + 2.66 / 11 = 1.075.
    const enough = digest(lastWeeks(12, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 2]));
    const process = enough.byCategory[0]!.process;
    expect(process.kind).toBe("xmr");
    if (process.kind !== "xmr") return;
    expect(process.mean).toBeCloseTo(10 / 12, 12);
    expect(process.upper).toBeCloseTo(10 / 12 + 2.66 / 11, 12);
    expect(process.signals.map((signal) => signal.sentence)).toEqual([
      "Safety (errors, falls, infection, medication): 2 this week, above the upper process limit of 1.0 (mean 0.8 over 12 weeks).",
    ]);
  });
});

describe("buildTrendDigest signals", () => {
  it("names the rule and the numbers, for a category and a unit", () => {
    const result = buildTrendDigest({
      aggregates: { ...NO_AGGREGATES, receivedByCategory: series("falls", [...BASELINE, 9]), receivedByDepartment: series("4 West", [...BASELINE, 9]) },
      periodEnd,
      categoryLabel: () => "Falls",
    });
    const [falls] = result.byCategory;
    const [west] = result.byDepartment;
    expect(falls!.process).toMatchObject({ kind: "xmr", baselineWeeks: 20, averageMovingRange: 28 / 19 });
    expect(falls!.process.kind === "xmr" && falls!.process.signals).toEqual([
      { rule: "beyond_limit", direction: "up", sentence: "Falls: 9 this week, above the upper process limit of 6.8 (mean 2.9 over 20 weeks)." },
    ]);
    expect(west!.process.kind === "xmr" && west!.process.signals.map((signal) => signal.sentence)).toEqual([
      "4 West: 9 this week, above the upper process limit of 6.8 (mean 2.9 over 20 weeks).",
    ]);
  });

  it("words a shift, a run close to a limit and a trend", () => {
    // Each row: 20 baseline weeks and this week; the limits come from the 20 (worked out below).
    const sentences = (key: string, values: number[]) => {
      const row = digest({ receivedByCategory: series(key, values) }).byCategory[0]!;
      return row.process.kind === "xmr" ? row.process.signals.map((signal) => signal.sentence) : [];
    };
    // The first 14 weeks of BASELINE (sum 40, moving ranges summing to 20), then 4 4 4 4 4 4:
    // mean 64 / 20 = 3.2; moving ranges 20 + 1 (3 → 4) = 21, average 21 / 19; upper limit
    // 3.2 + 2.66 × 21 / 19 = 6.14, two-thirds line 5.16. This week 4: seven weeks above 3.2.
    expect(sentences("safety", [...BASELINE.slice(0, 14), 4, 4, 4, 4, 4, 4, 4])).toEqual([
      "Safety (errors, falls, infection, medication): a shift, 7 weeks in a row above the mean of 3.2 (over 20 weeks); 4 this week.",
    ]);
    // The first 18 weeks (sum 53, moving ranges 26), then 7 and 2: mean 62 / 20 = 3.1; moving ranges
    // 26 + 4 + 5 = 35; limit distance 2.66 × 35 / 19 = 4.9: upper limit 8.0, two-thirds line 6.37.
    // This week 7: the last three are 7, 2, 7, two above 6.37 and none above 8.0.
    expect(sentences("communication", [...BASELINE.slice(0, 18), 7, 2, 7])).toEqual([
      "Communication and information: 2 of the last 3 weeks close to the upper process limit of 8.0 (above 6.3, two-thirds of the way from the mean of 3.1); 7 this week.",
    ]);
    // The first 15 weeks (sum 42, moving ranges 21), then 0 1 2 3 4: mean 52 / 20 = 2.6; moving
    // ranges 21 + 2 + 4 = 27; upper limit 2.6 + 2.66 × 27 / 19 = 6.38, two-thirds line 5.12.
    // This week 5: 0 1 2 3 4 5 rise six weeks in a row (after a fall from 2 to 0).
    expect(sentences("access", [...BASELINE.slice(0, 15), 0, 1, 2, 3, 4, 5])).toEqual([
      "Access, admission and waiting times: a trend, rising 6 weeks in a row (0, 1, 2, 3, 4, 5); mean 2.6 over 20 weeks.",
    ]);
  });

  it("judges each row on its own history: a steady high count is no signal", () => {
    const steady = [40, 38, 41, 39, 40, 42, 38, 40, 39, 41, 40, 38, 41, 39, 40, 42, 38, 40, 39, 41, 41];
    const row = digest({ receivedByCategory: series("safety", steady) }).byCategory[0]!;
    expect(row.process.kind === "xmr" && row.process.signals).toEqual([]);
  });
});

describe("buildTrendDigest u-charts", () => {
  // 1,000 patient days every baseline week on 4 West, and this week's as given.
  const patientDays = (thisWeek: number): TrendDenominators => ({
    measure: "patient days",
    forWeek: (unit, start) => (unit !== "4 West" ? null : start.getTime() === weeksBefore(1).getTime() ? thisWeek : 1000),
  });
  const west = (thisWeek: number, denominators?: TrendDenominators) => digest({ receivedByDepartment: series("4 West", [...BASELINE, thisWeek]) }, denominators).byDepartment[0]!;

  it("charts a unit with patient days as a rate: 9 in 1,000 patient days is above the limit", () => {
    // ū = 58 / 20,000 = 0.0029 (2.9 per 1,000). This week's limit: 0.0029 + 3·√(0.0029 / 1000)
    // = 0.0029 + 3 × 0.0017029 = 0.0080088, 8.0 per 1,000; 9 per 1,000 is above it.
    const row = west(9, patientDays(1000));
    expect(row.process).toMatchObject({ kind: "u", measure: "patient days", exposure: 1000 });
    if (row.process.kind !== "u") return;
    expect(row.process.mean).toBeCloseTo(2.9, 12);
    expect(row.process.upper).toBeCloseTo(8.0088, 4);
    expect(row.process.signals.map((signal) => signal.sentence)).toEqual([
      "4 West: 9.0 per 1,000 patient days (9 in 1,000 patient days) this week, above the upper process limit of 8.0 (mean 2.9 over 20 weeks).",
    ]);
  });

  it("does not mistake a busier week for a worse one", () => {
    // 9 in 2,000 patient days = 4.5 per 1,000; that week's limit 0.0029 + 3·√(0.0029 / 2000)
    // = 0.0029 + 3 × 0.0012042 = 0.0065125, 6.5 per 1,000: inside. As counts, 9 is above 6.82.
    const row = west(9, patientDays(2000));
    expect(row.process).toMatchObject({ kind: "u", signals: [] });
    expect(west(9).process).toMatchObject({ kind: "xmr", signals: [{ rule: "beyond_limit" }] });
  });

  it("charts counts when a week has no patient days, and never categories", () => {
    const gaps: TrendDenominators = { measure: "patient days", forWeek: (_unit, start) => (start.getTime() === weeksBefore(7).getTime() ? null : 1000) };
    expect(west(9, gaps).process.kind).toBe("xmr");
    const result = digest({ receivedByCategory: series("safety", [...BASELINE, 9]) }, patientDays(1000));
    expect(result.byCategory[0]!.process.kind).toBe("xmr");
  });
});

describe("buildTrendDigest rows", () => {
  it("sorts by count, then label, then key", () => {
    const result = buildTrendDigest({
      aggregates: { ...NO_AGGREGATES, receivedByCategory: [...series("a", [1]), ...series("b", [1]), ...series("c", [3])] },
      periodEnd,
      categoryLabel: (id) => (id === "a" ? "Zebras" : id === "b" ? "Apples" : "Many"),
    });
    expect(result.byCategory.map((row) => row.key)).toEqual(["c", "b", "a"]);
  });
});

describe("buildTrendDigest medians", () => {
  it("takes the middle value, or the mean of the two middle values, rounded to one decimal", () => {
    expect(digest({ hoursToAcknowledge: { lower: 80 / 60, upper: 80 / 60 } }).medianHoursToAcknowledge).toBe(1.3);
    expect(digest({ hoursToAcknowledge: { lower: 80 / 60, upper: 3 } }).medianHoursToAcknowledge).toBe(2.2);
    expect(digest({ hoursToResolve: { lower: 48, upper: 100 } }).medianHoursToResolve).toBe(74);
    // Exactly halfway rounds up: (1.2 + 1.3) / 2 = 1.25.
    expect(digest({ hoursToResolve: { lower: 1.2, upper: 1.3 } }).medianHoursToResolve).toBe(1.3);
  });

  it("is null when nothing was acknowledged or closed this week", () => {
    const result = digest({ hoursToAcknowledge: null, hoursToResolve: null });
    expect([result.medianHoursToAcknowledge, result.medianHoursToResolve]).toEqual([null, null]);
  });
});

describe("buildTrendDigest shares", () => {
  it("shares grievances answered within 7 days, and first drafts passing every check", () => {
    expect(digest({ grievanceClock: { due: 4, answered: 2 } }).grievancesAnsweredWithin7Days).toEqual({ answered: 2, due: 4, share: 0.5 });
    expect(digest({ firstDrafts: { total: 5, passed: 3 } }).firstDraftsPassingAllChecks).toEqual({ passed: 3, total: 5, share: 0.6 });
  });

  it("has no share when nothing fell due or was drafted", () => {
    const result = digest({});
    expect(result.grievancesAnsweredWithin7Days.share).toBeNull();
    expect(result.firstDraftsPassingAllChecks.share).toBeNull();
  });
});

describe("buildTrendDigest survey comments", () => {
  // periodEnd is Monday 7 Dec 00:00 in New York: this week is the dates 30 Nov to 6 Dec.
  const comments = (weekly: { category: string; unit: string; weeksAgo: number; count: number; candidates?: number }[], firstCommentDate: string | null) => ({
    endDate: "2026-12-07",
    firstCommentDate,
    weekly: weekly.map((row) => ({ candidates: 0, ...row })),
  });

  it("counts this week by category and unit against the weekly mean of the complete weeks of comments before it", () => {
    // Comments since Monday 2 Nov: four complete weeks before this one (2, 9, 16 and 23 Nov).
    const result = digest({
      comments: comments(
        [
          { category: "environment", unit: "4 West", weeksAgo: 0, count: 3, candidates: 1 },
          { category: "environment", unit: "Emergency Department", weeksAgo: 0, count: 2 },
          { category: "billing", unit: "4 West", weeksAgo: 0, count: 1, candidates: 1 },
          { category: "environment", unit: "4 West", weeksAgo: 1, count: 4, candidates: 2 },
          { category: "billing", unit: "Emergency Department", weeksAgo: 4, count: 2 },
          { category: "quality", unit: "Oncology", weeksAgo: 2, count: 2 },
          // The week of the first comment is before the baseline's first complete week: no history.
          { category: "safety", unit: "Oncology", weeksAgo: 5, count: 9, candidates: 9 },
        ],
        "2026-11-02",
      ),
    }).comments;
    // Baseline weeks 1-4: 4 + 2 + 2 = 8 comments, 2 candidates, over 4 weeks.
    expect(result).toEqual({
      baselineWeeks: 4,
      total: 6,
      baselineWeeklyMean: 2,
      candidates: 2,
      candidatesBaselineMean: 0.5,
      byCategory: [
        { key: "environment", label: "Environment (cleanliness, noise, food, facilities)", count: 5, baselineMean: 1 },
        { key: "billing", label: "Billing and payment", count: 1, baselineMean: 0.5 },
        { key: "quality", label: "Quality of care", count: 0, baselineMean: 0.5 },
      ],
      byUnit: [
        { key: "4 West", label: "4 West", count: 4, baselineMean: 1 },
        { key: "Emergency Department", label: "Emergency Department", count: 2, baselineMean: 0.5 },
        { key: "Oncology", label: "Oncology", count: 0, baselineMean: 0.5 },
      ],
    });
  });

  it("counts a week from its first date: comments since a Tuesday make that week no history", () => {
    expect(digest({ comments: comments([], "2026-11-23") }).comments?.baselineWeeks).toBe(1);
    expect(digest({ comments: comments([], "2026-11-24") }).comments?.baselineWeeks).toBe(0);
    const first = digest({ comments: comments([{ category: "billing", unit: "4 West", weeksAgo: 0, count: 1 }], "2026-12-01") }).comments;
    expect(first).toMatchObject({ baselineWeeks: 0, total: 1, baselineWeeklyMean: null, candidatesBaselineMean: null });
    expect(first?.byCategory[0]?.baselineMean).toBeNull();
  });

  it("has no comments part when no comment is on record, or when the reads were not given", () => {
    expect(digest({ comments: comments([], null) }).comments).toBeNull();
    expect(digest({}).comments).toBeNull();
  });
});
