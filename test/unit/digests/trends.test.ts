import { describe, expect, it } from "vitest";
import { categoryLabel } from "../../../src/cases/taxonomy.ts";
import { buildTrendDigest, DEFAULT_SPIKE_RULE, type FirstDraft, poissonUpperTail, spikeFor, type TrendCase } from "../../../src/digests/trends.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 00:00 in New York: the digest covers the week that just ended.
const periodEnd = new Date("2026-12-07T05:00:00Z");
const at = (offsetMs: number) => new Date(periodEnd.getTime() + offsetMs);

let nextId = 0;
function trendCase(overrides: Partial<TrendCase>): TrendCase {
  nextId += 1;
  return {
    id: `case-${nextId}`,
    category: "communication",
    department: "Emergency Department",
    type: "complaint",
    receivedAt: at(-1 * DAY),
    acknowledgedAt: null,
    closedAt: null,
    responseDueAt: null,
    firstLetterApprovedAt: null,
    ...overrides,
  };
}

/** `count` cases received at `offsets` (cycled), all alike otherwise. */
function many(count: number, offsets: number[], overrides: Partial<TrendCase>): TrendCase[] {
  return Array.from({ length: count }, (_, i) => trendCase({ receivedAt: at(offsets[i % offsets.length]!), ...overrides }));
}

function digest(cases: TrendCase[], firstDrafts: FirstDraft[] = []) {
  return buildTrendDigest({ cases, firstDrafts, periodEnd, categoryLabel });
}

// One offset in each of the 8 baseline weeks: [−63 d, −7 d).
const baselineWeeks = Array.from({ length: 8 }, (_, week) => -(8 + 7 * week) * DAY - 3 * HOUR);
const thisWeek = [-1 * DAY, -2 * DAY, -3 * DAY, -6 * DAY];

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
  it("counts half-open weeks: the start is in, the end is out", () => {
    const result = digest([
      trendCase({ receivedAt: at(0) }), // the end: next week's
      trendCase({ receivedAt: at(-1) }),
      trendCase({ receivedAt: at(-7 * DAY) }), // this week's start
      trendCase({ receivedAt: at(-7 * DAY - 1) }), // previous week (and baseline)
      trendCase({ receivedAt: at(-14 * DAY) }), // previous week's start (and baseline)
      trendCase({ receivedAt: at(-14 * DAY - 1) }), // baseline only
      trendCase({ receivedAt: at(-63 * DAY) }), // baseline start
      trendCase({ receivedAt: at(-63 * DAY - 1) }), // before the baseline
    ]);
    expect(result.periodStart).toEqual(new Date("2026-11-30T05:00:00Z"));
    expect(result.periodEnd).toEqual(periodEnd);
    expect(result.total).toBe(2);
    expect(result.previousTotal).toBe(2);
    expect(result.baselineWeeklyMean).toBe(0.5);
    expect(result.byCategory).toEqual([{ key: "communication", label: "Communication and information", count: 2, previous: 2, baselineMean: 0.5, spike: null }]);
  });

  it("is empty for no cases", () => {
    expect(digest([])).toEqual({
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
  const cases = [
    // 2 a week for 8 weeks, then 14: a spike.
    ...many(16, baselineWeeks, { category: "safety", department: "Pharmacy" }),
    ...many(14, thisWeek, { category: "safety", department: "Pharmacy" }),
    // 3 out of nowhere: too few to flag.
    ...many(3, thisWeek, { category: "communication", department: "Emergency Department" }),
    // Ties with communication on count, so the label decides.
    ...many(3, thisWeek, { category: "access", department: "Admissions and Registration" }),
    // Nothing this week, one last week: still a row.
    trendCase({ category: "billing", department: "Billing Office", receivedAt: at(-10 * DAY) }),
    // Only before the baseline: no row.
    trendCase({ category: "quality", department: "Oncology", receivedAt: at(-70 * DAY) }),
  ];
  const safetySpike = {
    reason: "14 this week vs 2 a week over the previous 8 weeks (Poisson P < 0.0001 < 0.01; at least 5 cases)",
    pValue: poissonUpperTail(14, 2),
  };

  it("counts by category, sorted by count then label, all-zero rows omitted", () => {
    const result = digest(cases);
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
    expect(digest(cases).byDepartment).toEqual([
      { key: "Pharmacy", label: "Pharmacy", count: 14, previous: 2, baselineMean: 2, spike: safetySpike },
      { key: "Admissions and Registration", label: "Admissions and Registration", count: 3, previous: 0, baselineMean: 0, spike: null },
      { key: "Emergency Department", label: "Emergency Department", count: 3, previous: 0, baselineMean: 0, spike: null },
      { key: "Billing Office", label: "Billing Office", count: 0, previous: 1, baselineMean: 0.125, spike: null },
    ]);
  });

  it("sorts ties by label, not by key", () => {
    const result = buildTrendDigest({
      cases: [trendCase({ category: "a" }), trendCase({ category: "b" })],
      firstDrafts: [],
      periodEnd,
      categoryLabel: (id) => (id === "a" ? "Zebras" : "Apples"),
    });
    expect(result.byCategory.map((row) => row.key)).toEqual(["b", "a"]);
  });

  it("uses the given rule", () => {
    const result = buildTrendDigest({ cases, firstDrafts: [], periodEnd, categoryLabel, rule: { minCount: 15, maxPValue: 0.01 } });
    expect(result.byCategory[0]!.spike).toBeNull();
    expect(result.byDepartment[0]!.spike).toBeNull();
  });
});

describe("buildTrendDigest medians", () => {
  it("takes the middle time to acknowledge, for cases received this week", () => {
    const received = at(-3 * DAY);
    const cases = [
      trendCase({ receivedAt: received, acknowledgedAt: new Date(received.getTime() + 80 * 60_000) }), // 1.33 h
      trendCase({ receivedAt: received, acknowledgedAt: new Date(received.getTime() + 0.5 * HOUR) }),
      trendCase({ receivedAt: received, acknowledgedAt: new Date(received.getTime() + 5 * HOUR) }),
      trendCase({ receivedAt: received, acknowledgedAt: null }),
      // Received last week, acknowledged this week: last week's number.
      trendCase({ receivedAt: at(-8 * DAY), acknowledgedAt: at(-6 * DAY) }),
    ];
    expect(digest(cases).medianHoursToAcknowledge).toBe(1.3);
    // Even count: the mean of 1.33 and 3, rounded.
    cases.push(trendCase({ receivedAt: received, acknowledgedAt: new Date(received.getTime() + 3 * HOUR) }));
    expect(digest(cases).medianHoursToAcknowledge).toBe(2.2);
  });

  it("takes the middle time to resolve, for cases closed this week whenever received", () => {
    const cases = [
      trendCase({ receivedAt: at(-30 * DAY), closedAt: at(-1 * DAY) }), // 696 h
      trendCase({ receivedAt: at(-9 * DAY), closedAt: at(-7 * DAY) }), // 48 h, closed at the start
      trendCase({ receivedAt: at(-2 * DAY), closedAt: at(-2 * DAY + 90 * 60_000) }), // 1.5 h
      trendCase({ receivedAt: at(-3 * DAY), closedAt: at(0) }), // closed at the end: next week's
      trendCase({ receivedAt: at(-20 * DAY), closedAt: at(-7 * DAY - 1) }), // last week's
      trendCase({ receivedAt: at(-3 * DAY), closedAt: null }),
    ];
    expect(digest(cases).medianHoursToResolve).toBe(48);
    cases.push(trendCase({ receivedAt: at(-5 * DAY), closedAt: at(-5 * DAY + 100 * HOUR) }));
    expect(digest(cases).medianHoursToResolve).toBe(74);
  });

  it("is null when nothing was acknowledged or closed this week", () => {
    const result = digest([trendCase({ receivedAt: at(-1 * DAY) }), trendCase({ receivedAt: at(-9 * DAY), acknowledgedAt: at(-8 * DAY), closedAt: at(-7 * DAY - 1) })]);
    expect(result.medianHoursToAcknowledge).toBeNull();
    expect(result.medianHoursToResolve).toBeNull();
  });
});

describe("buildTrendDigest grievances answered within 7 days", () => {
  const grievance = (dueOffset: number, overrides: Partial<TrendCase> = {}) =>
    trendCase({ type: "grievance", receivedAt: at(dueOffset - 7 * DAY), responseDueAt: at(dueOffset), ...overrides });

  it("counts grievances due this week and those answered by a letter or closure in time", () => {
    const result = digest([
      grievance(-7 * DAY, { firstLetterApprovedAt: at(-7 * DAY) }), // due at the start, letter exactly on time
      grievance(-3 * DAY, { closedAt: at(-4 * DAY) }), // closed in time, no letter
      grievance(-2 * DAY, { firstLetterApprovedAt: at(-2 * DAY + 1), closedAt: at(-1 * DAY) }), // both late
      grievance(-1 * DAY), // nothing yet
      grievance(0, { firstLetterApprovedAt: at(-1 * DAY) }), // due at the end: next week's
      grievance(-7 * DAY - 1, { firstLetterApprovedAt: at(-8 * DAY) }), // due last week
      trendCase({ type: "complaint", responseDueAt: at(-1 * DAY), closedAt: at(-2 * DAY) }), // not a grievance
      trendCase({ type: "grievance", responseDueAt: null }),
    ]);
    expect(result.grievancesAnsweredWithin7Days).toEqual({ answered: 2, due: 4, share: 0.5 });
  });

  it("has no share when nothing fell due", () => {
    expect(digest([grievance(-8 * DAY)]).grievancesAnsweredWithin7Days).toEqual({ answered: 0, due: 0, share: null });
  });
});

describe("buildTrendDigest first drafts", () => {
  it("shares of first drafts created this week that passed every required check", () => {
    const drafts: FirstDraft[] = [
      { createdAt: at(-7 * DAY), allRequiredPassed: false }, // the start: in
      { createdAt: at(-5 * DAY), allRequiredPassed: true },
      { createdAt: at(-3 * DAY), allRequiredPassed: true },
      { createdAt: at(-1), allRequiredPassed: true },
      { createdAt: at(-2 * DAY), allRequiredPassed: false },
      { createdAt: at(0), allRequiredPassed: true }, // the end: out
      { createdAt: at(-8 * DAY), allRequiredPassed: true }, // last week
    ];
    expect(digest([], drafts).firstDraftsPassingAllChecks).toEqual({ passed: 3, total: 5, share: 0.6 });
  });

  it("has no share without drafts this week", () => {
    expect(digest([], [{ createdAt: at(-8 * DAY), allRequiredPassed: true }]).firstDraftsPassingAllChecks).toEqual({ passed: 0, total: 0, share: null });
  });
});
