import { describe, expect, it } from "vitest";
import { categoryLabel } from "../../../src/cases/taxonomy.ts";
import { buildTrendDigest, DEFAULT_SPIKE_RULE, poissonUpperTail, spikeFor, type TrendAggregates, type WeeklyCount } from "../../../src/digests/trends.ts";

// The rules on top of the database's weekly aggregates. Which case falls in which week, and the
// medians, clock and draft counts the database works out, are tested on real databases in
// test/integration/digests.test.ts.

// Monday 00:00 in New York: the digest covers the week that just ended.
const periodEnd = new Date("2026-12-07T05:00:00Z");

const NO_AGGREGATES: TrendAggregates = {
  receivedByCategory: [],
  receivedByDepartment: [],
  hoursToAcknowledge: null,
  hoursToResolve: null,
  grievanceClock: { due: 0, answered: 0 },
  firstDrafts: { total: 0, passed: 0 },
};

function digest(aggregates: Partial<TrendAggregates>) {
  return buildTrendDigest({ aggregates: { ...NO_AGGREGATES, ...aggregates }, periodEnd, categoryLabel });
}

/** `perWeek` cases of `key` in each of the given weeks back. */
function weekly(key: string, weeksAgo: number[], perWeek: number): WeeklyCount[] {
  return weeksAgo.map((week) => ({ key, weeksAgo: week, count: perWeek }));
}

// The 8 baseline weeks: 1 (the previous week) to 8.
const baselineWeeks = [1, 2, 3, 4, 5, 6, 7, 8];

describe("poissonUpperTail", () => {
  it("matches known values", () => {
    expect(poissonUpperTail(0, 1)).toBe(1);
    expect(poissonUpperTail(1, 1)).toBe(1 - Math.exp(-1));
    expect(Number(poissonUpperTail(10, 3).toPrecision(5))).toBe(0.0011025);
    expect(Number(poissonUpperTail(600, 500).toPrecision(5))).toBe(0.0000077853);
    // Below the mean it is 1 − P(X ≤ k − 1); the lower tail still comes out to 5 significant digits.
    expect(Number((1 - poissonUpperTail(400, 500)).toPrecision(5))).toBe(0.0000016472);
  });

  it("keeps tiny upper tails instead of rounding them to zero", () => {
    const tail = poissonUpperTail(150, 100);
    expect(tail).toBeGreaterThan(0);
    expect(Number(tail.toPrecision(5))).toBe(0.0000018842);
    expect(Number(poissonUpperTail(1000, 500).toPrecision(5))).toBe(3.2983e-86);
  });

  it("underflows to zero, not NaN, far out in the tail", () => {
    expect(poissonUpperTail(2000, 500)).toBe(0);
  });

  it("is 1 at or below zero, and 0 above zero for a zero rate", () => {
    expect(poissonUpperTail(-3, 2)).toBe(1);
    expect(poissonUpperTail(0, 0)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
  });

  it("rejects a negative or non-finite rate", () => {
    expect(() => poissonUpperTail(3, -1)).toThrow(RangeError);
    expect(() => poissonUpperTail(3, Number.NaN)).toThrow(RangeError);
  });
});

describe("spikeFor", () => {
  it("flags a true spike and says why", () => {
    const spike = spikeFor(14, 2, DEFAULT_SPIKE_RULE);
    expect(spike?.reason).toBe("14 this week vs 2 a week over the previous 8 weeks (Poisson P < 0.0001 < 0.01; at least 5 cases)");
    expect(spike?.pValue).toBe(poissonUpperTail(14, 2));
  });

  it("shows the P-value to two significant digits, rounded down", () => {
    expect(spikeFor(9, 2, DEFAULT_SPIKE_RULE)?.reason).toBe(
      "9 this week vs 2 a week over the previous 8 weeks (Poisson P = 0.00023 < 0.01; at least 5 cases)",
    );
    expect(spikeFor(7, 2, DEFAULT_SPIKE_RULE)?.reason).toBe(
      "7 this week vs 2 a week over the previous 8 weeks (Poisson P = 0.0045 < 0.01; at least 5 cases)",
    );
    expect(spikeFor(12, 25 / 8, DEFAULT_SPIKE_RULE)?.reason).toBe(
      "12 this week vs 3.1 a week over the previous 8 weeks (Poisson P = 0.0001 < 0.01; at least 5 cases)",
    );
  });

  it("does not flag a small count, even far above a zero baseline", () => {
    expect(spikeFor(3, 0, DEFAULT_SPIKE_RULE)).toBeNull();
    expect(spikeFor(4, 0, DEFAULT_SPIKE_RULE)).toBeNull();
  });

  it("treats a zero baseline as half a case a week, so one or two new cases are not a spike", () => {
    const anyCount = { minCount: 1, maxPValue: 0.01 };
    expect(spikeFor(1, 0, anyCount)).toBeNull();
    expect(spikeFor(2, 0, anyCount)).toBeNull();
    expect(spikeFor(5, 0, DEFAULT_SPIKE_RULE)?.reason).toBe(
      "5 this week vs 0 a week over the previous 8 weeks (Poisson P = 0.00017 < 0.01; at least 5 cases)",
    );
  });

  it("does not flag a steady high count", () => {
    expect(spikeFor(40, 38, DEFAULT_SPIKE_RULE)).toBeNull();
  });

  it("does not flag a count at or below the baseline, whatever the rule", () => {
    const lax = { minCount: 0, maxPValue: 1.1 };
    expect(spikeFor(3, 3, lax)).toBeNull();
    expect(spikeFor(2, 3, lax)).toBeNull();
  });

  it("follows the rule's thresholds", () => {
    expect(spikeFor(14, 2, { minCount: 15, maxPValue: 0.01 })).toBeNull();
    expect(spikeFor(7, 2, { minCount: 5, maxPValue: 0.001 })).toBeNull();
  });
});

describe("buildTrendDigest windows", () => {
  it("takes week 0 as this week, week 1 as the previous week and weeks 1 to 8 as the baseline", () => {
    const result = digest({
      receivedByCategory: [
        { key: "communication", weeksAgo: 0, count: 2 },
        { key: "communication", weeksAgo: 1, count: 2 },
        { key: "communication", weeksAgo: 2, count: 1 },
        { key: "communication", weeksAgo: 8, count: 1 },
        { key: "communication", weeksAgo: 9, count: 5 }, // before the baseline
      ],
    });
    expect(result.periodStart).toEqual(new Date("2026-11-30T05:00:00Z"));
    expect(result.periodEnd).toEqual(periodEnd);
    expect(result.total).toBe(2);
    expect(result.previousTotal).toBe(2);
    expect(result.baselineWeeklyMean).toBe(0.5);
    expect(result.byCategory).toEqual([{ key: "communication", label: "Communication and information", count: 2, previous: 2, baselineMean: 0.5, spike: null }]);
  });

  it("is empty for no cases", () => {
    expect(digest({})).toEqual({
      periodStart: new Date("2026-11-30T05:00:00Z"),
      periodEnd,
      total: 0,
      previousTotal: 0,
      baselineWeeklyMean: 0,
      byCategory: [],
      byDepartment: [],
      medianHoursToAcknowledge: null,
      medianHoursToResolve: null,
      grievancesAnsweredWithin7Days: { answered: 0, due: 0, share: null },
      firstDraftsPassingAllChecks: { passed: 0, total: 0, share: null },
    });
  });
});

describe("buildTrendDigest rows", () => {
  const receivedByCategory = [
    // 2 a week for 8 weeks, then 14: a spike.
    ...weekly("safety", baselineWeeks, 2),
    ...weekly("safety", [0], 14),
    // 3 out of nowhere: too few to flag.
    ...weekly("communication", [0], 3),
    // Ties with communication on count, so the label decides.
    ...weekly("access", [0], 3),
    // Nothing this week, one last week: still a row.
    ...weekly("billing", [1], 1),
    // Only before the baseline: no row.
    ...weekly("quality", [9], 1),
  ];
  const receivedByDepartment = [
    ...weekly("Pharmacy", baselineWeeks, 2),
    ...weekly("Pharmacy", [0], 14),
    ...weekly("Emergency Department", [0], 3),
    ...weekly("Admissions and Registration", [0], 3),
    ...weekly("Billing Office", [1], 1),
    ...weekly("Oncology", [9], 1),
  ];
  const aggregates = { receivedByCategory, receivedByDepartment };
  const safetySpike = {
    reason: "14 this week vs 2 a week over the previous 8 weeks (Poisson P < 0.0001 < 0.01; at least 5 cases)",
    pValue: poissonUpperTail(14, 2),
  };

  it("counts by category, sorted by count then label, all-zero rows omitted", () => {
    const result = digest(aggregates);
    expect(result.total).toBe(20);
    expect(result.previousTotal).toBe(3);
    expect(result.baselineWeeklyMean).toBe(17 / 8);
    expect(result.byCategory).toEqual([
      { key: "safety", label: "Safety (errors, falls, infection, medication)", count: 14, previous: 2, baselineMean: 2, spike: safetySpike },
      { key: "access", label: "Access, admission and waiting times", count: 3, previous: 0, baselineMean: 0, spike: null },
      { key: "communication", label: "Communication and information", count: 3, previous: 0, baselineMean: 0, spike: null },
      { key: "billing", label: "Billing and payment", count: 0, previous: 1, baselineMean: 0.125, spike: null },
    ]);
  });

  it("counts by department the same way, labelled by name", () => {
    expect(digest(aggregates).byDepartment).toEqual([
      { key: "Pharmacy", label: "Pharmacy", count: 14, previous: 2, baselineMean: 2, spike: safetySpike },
      { key: "Admissions and Registration", label: "Admissions and Registration", count: 3, previous: 0, baselineMean: 0, spike: null },
      { key: "Emergency Department", label: "Emergency Department", count: 3, previous: 0, baselineMean: 0, spike: null },
      { key: "Billing Office", label: "Billing Office", count: 0, previous: 1, baselineMean: 0.125, spike: null },
    ]);
  });

  it("adds up several counts for the same key and week", () => {
    const result = digest({ receivedByCategory: [...weekly("safety", [0, 0], 7), ...weekly("safety", baselineWeeks, 2)] });
    expect(result.byCategory).toEqual([
      { key: "safety", label: "Safety (errors, falls, infection, medication)", count: 14, previous: 2, baselineMean: 2, spike: safetySpike },
    ]);
  });

  it("sorts ties by label, not by key", () => {
    const result = buildTrendDigest({
      aggregates: { ...NO_AGGREGATES, receivedByCategory: [...weekly("a", [0], 1), ...weekly("b", [0], 1)] },
      periodEnd,
      categoryLabel: (id) => (id === "a" ? "Zebras" : "Apples"),
    });
    expect(result.byCategory.map((row) => row.key)).toEqual(["b", "a"]);
  });

  it("uses the given rule", () => {
    const result = buildTrendDigest({ aggregates: { ...NO_AGGREGATES, ...aggregates }, periodEnd, categoryLabel, rule: { minCount: 15, maxPValue: 0.01 } });
    expect(result.byCategory[0]!.spike).toBeNull();
    expect(result.byDepartment[0]!.spike).toBeNull();
  });
});

describe("buildTrendDigest medians", () => {
  it("takes the middle value, or the mean of the two middle values, rounded to one decimal", () => {
    // Odd count: one middle value, 80 minutes.
    expect(digest({ hoursToAcknowledge: { lower: 80 / 60, upper: 80 / 60 } }).medianHoursToAcknowledge).toBe(1.3);
    // Even count: the mean of 1.33 and 3, rounded.
    expect(digest({ hoursToAcknowledge: { lower: 80 / 60, upper: 3 } }).medianHoursToAcknowledge).toBe(2.2);
    expect(digest({ hoursToResolve: { lower: 48, upper: 48 } }).medianHoursToResolve).toBe(48);
    expect(digest({ hoursToResolve: { lower: 48, upper: 100 } }).medianHoursToResolve).toBe(74);
    // Exactly halfway rounds up: (1.2 + 1.3) / 2 = 1.25.
    expect(digest({ hoursToResolve: { lower: 1.2, upper: 1.3 } }).medianHoursToResolve).toBe(1.3);
  });

  it("is null when nothing was acknowledged or closed this week", () => {
    const result = digest({ hoursToAcknowledge: null, hoursToResolve: null });
    expect(result.medianHoursToAcknowledge).toBeNull();
    expect(result.medianHoursToResolve).toBeNull();
  });
});

describe("buildTrendDigest shares", () => {
  it("shares grievances answered within 7 days of those due this week", () => {
    expect(digest({ grievanceClock: { due: 4, answered: 2 } }).grievancesAnsweredWithin7Days).toEqual({ answered: 2, due: 4, share: 0.5 });
  });

  it("has no grievance share when nothing fell due", () => {
    expect(digest({ grievanceClock: { due: 0, answered: 0 } }).grievancesAnsweredWithin7Days).toEqual({ answered: 0, due: 0, share: null });
  });

  it("shares first drafts passing every required check of those created this week", () => {
    expect(digest({ firstDrafts: { total: 5, passed: 3 } }).firstDraftsPassingAllChecks).toEqual({ passed: 3, total: 5, share: 0.6 });
  });

  it("has no draft share without drafts this week", () => {
    expect(digest({ firstDrafts: { total: 0, passed: 0 } }).firstDraftsPassingAllChecks).toEqual({ passed: 0, total: 0, share: null });
  });
});
