import { describe, expect, it } from "vitest";
import { type PointLimits, signalsAtLatest, uChart, XMR_LIMIT_FACTOR, xmrChart } from "../../../src/digests/spc.ts";

// Worked examples, computed by hand; the arithmetic is in the comments.

// Twenty weeks of falls on one unit:
//   3 2 3 4 2 4 1 3 4 2 3 2 4 3 2 3 5 3 2 3
// Sum 58, so the mean is 58 / 20 = 2.9.
// Moving ranges |x(i) − x(i−1)|, 19 of them:
//   1 1 1 2 2 3 2 1 2 1 1 2 1 1 1 2 2 1 1      sum 28
// Average moving range 28 / 19 = 1.47368…
// Limit distance 2.66 × 28 / 19 = 74.48 / 19 = 3.92
// Upper process limit 2.9 + 3.92 = 6.82; lower 2.9 − 3.92 = −1.02, floored at 0.
// Two-thirds lines: 2.9 ± (2/3 × 3.92) = 2.9 ± 2.61333 → 5.51333 above, 0.28667 below.
const BASELINE = [3, 2, 3, 4, 2, 4, 1, 3, 4, 2, 3, 2, 4, 3, 2, 3, 5, 3, 2, 3];
const chart = xmrChart(BASELINE);

/** The baseline followed by `recent` weeks, judged against the baseline's limits (the same for every point). */
const signalsAfter = (recent: number[]) => {
  const values = [...BASELINE, ...recent];
  return signalsAtLatest(values, chart.mean, values.map(() => chart.limits));
};

describe("xmrChart", () => {
  it("works out the mean, moving ranges, average moving range and natural process limits", () => {
    expect(chart.mean).toBeCloseTo(2.9, 12);
    expect(chart.movingRanges).toEqual([1, 1, 1, 2, 2, 3, 2, 1, 2, 1, 1, 2, 1, 1, 1, 2, 2, 1, 1]);
    expect(chart.averageMovingRange).toBeCloseTo(28 / 19, 12);
    expect(chart.limits.upper).toBeCloseTo(6.82, 12);
    expect(chart.limits.lower).toBe(0);
    expect(chart.limits.upperNear).toBeCloseTo(5.513333, 6);
    expect(chart.limits.lowerNear).toBeCloseTo(0.286667, 6);
    expect(XMR_LIMIT_FACTOR).toBe(2.66);
  });

  it("keeps a lower limit above 0 when the counts are high and steady", () => {
    // 20, 22, 20, 22: mean 21, moving ranges 2 2 2 (average 2), limits 21 ± 5.32 = 15.68 and 26.32.
    const steady = xmrChart([20, 22, 20, 22]);
    expect(steady.limits.upper).toBeCloseTo(26.32, 12);
    expect(steady.limits.lower).toBeCloseTo(15.68, 12);
  });

  it("needs at least two points", () => {
    expect(() => xmrChart([3])).toThrow(RangeError);
  });
});

describe("signalsAtLatest, XmR (limits from the 20-week baseline above)", () => {
  it("(a) beyond a limit: 9 this week is above the upper limit of 6.82", () => {
    // Nothing else: the last three are 2, 3, 9 (one above 5.51), the run above the mean is 3, 9 (two),
    // the rises 2 → 3 → 9 make three points.
    expect(signalsAfter([9])).toEqual([{ rule: "beyond_limit", direction: "up", points: 1 }]);
  });

  it("(a) near miss: 6 is high but inside the limits", () => {
    expect(signalsAfter([6])).toEqual([]);
  });

  it("(b) a shift: seven weeks in a row above the mean of 2.9", () => {
    // After a 2 (below): 4 3 4 3 4 3 4, all above 2.9. None above 5.51, no rise run longer than two.
    expect(signalsAfter([2, 4, 3, 4, 3, 4, 3, 4])).toEqual([{ rule: "shift", direction: "up", points: 7 }]);
  });

  it("(b) near miss: six weeks above the mean is not yet a shift", () => {
    expect(signalsAfter([2, 3, 4, 3, 4, 3, 4])).toEqual([]);
  });

  it("(b) a point exactly on the mean breaks the run", () => {
    // Mean 3: 4 4 4 3 4 4 4 4 4 4 has six above at the end (the 3 on the mean breaks the run).
    const flat: PointLimits = { upper: 10, lower: 0, upperNear: 8, lowerNear: 0 };
    const values = [4, 4, 4, 3, 4, 4, 4, 4, 4, 4];
    expect(signalsAtLatest(values, 3, values.map(() => flat))).toEqual([]);
    expect(signalsAtLatest([...values, 4], 3, [...values, 4].map(() => flat))).toEqual([{ rule: "shift", direction: "up", points: 7 }]);
  });

  it("(c) close to the limit: 2 of the last 3 weeks above 5.51, the latest one of them", () => {
    // 6, 2, 6: two above the two-thirds line, neither above 6.82.
    expect(signalsAfter([6, 2, 6])).toEqual([{ rule: "close_to_limit", direction: "up", points: 2 }]);
  });

  it("(c) close to the lower limit: 0, 3, 0 with the line at 0.29", () => {
    // A count of 0 is never below a lower limit of 0, but it is below 2.9 − 2.61 = 0.29.
    expect(signalsAfter([0, 3, 0])).toEqual([{ rule: "close_to_limit", direction: "down", points: 2 }]);
  });

  it("(c) near misses: 5 is below the line; and one high with one low are on different sides", () => {
    // 6, 2, 5: only the 6 is above 5.51 (and the rule waits for the week that completes it).
    expect(signalsAfter([6, 2, 5])).toEqual([]);
    // 0, 3, 6: one below 0.29, one above 5.51.
    expect(signalsAfter([0, 3, 6])).toEqual([]);
  });

  it("(d) a trend: six weeks in a row each higher than the one before", () => {
    // The baseline ends on 3, then 0 1 2 3 4 5: six rising points. 5 stays inside 5.51 and 6.82;
    // the run above the mean is 3 4 5 (three).
    expect(signalsAfter([0, 1, 2, 3, 4, 5])).toEqual([{ rule: "trend", direction: "up", points: 6 }]);
  });

  it("(d) a falling trend: 6 5 4 3 2 1", () => {
    expect(signalsAfter([6, 5, 4, 3, 2, 1])).toEqual([{ rule: "trend", direction: "down", points: 6 }]);
  });

  it("(d) near misses: five rising points, or a repeated value in the run", () => {
    // 1 2 3 4 5 after a 3: five points.
    expect(signalsAfter([1, 2, 3, 4, 5])).toEqual([]);
    // 0 1 2 2 3 4 5: the repeated 2 breaks it; 2 3 4 5 is four points.
    expect(signalsAfter([0, 1, 2, 2, 3, 4, 5])).toEqual([]);
  });

  it("reports every rule that fires at once", () => {
    // 3 4 5 6 7 9 after a 2: 9 is above 6.82; 6, 7 and 9 are all above 5.51 (3 of the last 3); six
    // above the mean is one short of a shift; 2 3 4 5 6 7 9 rises over seven points.
    expect(signalsAfter([2, 3, 4, 5, 6, 7, 9])).toEqual([
      { rule: "beyond_limit", direction: "up", points: 1 },
      { rule: "close_to_limit", direction: "up", points: 3 },
      { rule: "trend", direction: "up", points: 7 },
    ]);
  });

  it("a steady baseline has tight limits: any change is a signal", () => {
    // 2 2 2 2: mean 2, moving ranges all 0, limits 2 and 2.
    const steady = xmrChart([2, 2, 2, 2]);
    expect(steady.limits).toEqual({ upper: 2, lower: 2, upperNear: 2, lowerNear: 2 });
    expect(signalsAtLatest([2, 2, 2, 2, 3], 2, Array(5).fill(steady.limits))).toEqual([{ rule: "beyond_limit", direction: "up", points: 1 }]);
  });
});

describe("uChart", () => {
  // Four weeks of falls and patient days on a unit whose census varies:
  //   falls         4     6     25     5      Σ 40
  //   patient days  800   1250  5000   950    Σ 8000
  // ū = 40 / 8000 = 0.005 a patient day (5 per 1,000).
  // Each point's limits are ū ± 3·√(ū / n):
  //   n = 800:   √(0.005 / 800)  = √0.00000625 = 0.0025 → 0.005 ± 0.0075 → upper 0.0125, lower 0 (floored); two-thirds line 0.010
  //   n = 1250:  √(0.005 / 1250) = √0.000004   = 0.002  → upper 0.011, lower 0; two-thirds line 0.009
  //   n = 5000:  √(0.005 / 5000) = √0.000001   = 0.001  → upper 0.008, lower 0.002; two-thirds lines 0.007 and 0.003
  const weeks = [
    { count: 4, exposure: 800 },
    { count: 6, exposure: 1250 },
    { count: 25, exposure: 5000 },
    { count: 5, exposure: 950 },
  ];
  const u = uChart(weeks);

  it("works out the centre and per-point limits", () => {
    expect(u.centre).toBe(0.005);
    const at800 = u.limitsFor(800);
    expect(at800.upper).toBeCloseTo(0.0125, 12);
    expect(at800.lower).toBe(0);
    expect(at800.upperNear).toBeCloseTo(0.01, 12);
    expect(u.limitsFor(1250).upper).toBeCloseTo(0.011, 12);
    const at5000 = u.limitsFor(5000);
    expect(at5000.upper).toBeCloseTo(0.008, 12);
    expect(at5000.lower).toBeCloseTo(0.002, 12);
    expect(at5000.upperNear).toBeCloseTo(0.007, 12);
    expect(at5000.lowerNear).toBeCloseTo(0.003, 12);
  });

  /** The baseline weeks and one more, as rates, each with the limits of its own patient days. */
  const judge = (current: { count: number; exposure: number }) => {
    const all = [...weeks, current];
    return signalsAtLatest(
      all.map((week) => week.count / week.exposure),
      u.centre,
      all.map((week) => u.limitsFor(week.exposure)),
    );
  };

  it("the same rate is inside the limits in a small week and beyond them in a big one", () => {
    // 12 falls in 1,250 patient days = 0.0096 (9.6 per 1,000): below that week's upper limit 0.011.
    // Only one point above its two-thirds line (0.0096 > 0.009): not 2 of 3.
    expect(judge({ count: 12, exposure: 1250 })).toEqual([]);
    // 48 falls in 5,000 patient days = 0.0096 too: above that week's upper limit 0.008.
    // The rates 0.0048, 0.005, 0.005263, 0.0096 rise over four points only; 25 / 5000 sits on ū and breaks the run above it.
    expect(judge({ count: 48, exposure: 5000 })).toEqual([{ rule: "beyond_limit", direction: "up", points: 1 }]);
  });

  it("a big week can fall below its lower limit", () => {
    // 5 in 5,000 = 0.001, below that week's lower limit 0.002 (a week of 800 has none above 0).
    expect(judge({ count: 5, exposure: 5000 })).toEqual([{ rule: "beyond_limit", direction: "down", points: 1 }]);
    expect(judge({ count: 0, exposure: 800 })).toEqual([]);
  });

  it("needs exposure", () => {
    expect(() => uChart([{ count: 1, exposure: 0 }, { count: 1, exposure: 0 }])).toThrow(RangeError);
    expect(() => u.limitsFor(0)).toThrow(RangeError);
  });
});
