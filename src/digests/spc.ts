// Statistical process control for weekly counts, as NHS England's "Making Data Count" teaches it:
// an XmR chart (individuals and moving range) for counts, a u-chart for counts over a varying
// denominator (patient days, visits), and the four rules that tell a real change from noise.
// Pure arithmetic: no dates, no labels, no Slack.

/**
 * The XmR limit factor: 3 / d₂, with d₂ = 1.128 the bias constant for moving ranges of two points,
 * so mean ± 2.66 × average moving range is mean ± 3 estimated standard deviations.
 */
export const XMR_LIMIT_FACTOR = 2.66;

/** How far a u-chart's limits sit from its centre, in standard deviations of the point's rate. */
const U_CHART_SIGMAS = 3;

/** The "close to the limit" line sits two-thirds of the way from the centre to a limit (2 sigma of 3). */
const NEAR_FRACTION = 2 / 3;

/** The run lengths of Making Data Count's rules. */
export const SPC_RULE_LENGTHS = {
  /** A shift: this many points in a row all above, or all below, the mean. */
  shift: 7,
  /** A trend: this many points in a row, each higher (or each lower) than the one before. */
  trend: 6,
  /** "Close to the limit": `needed` of `window` consecutive points beyond the two-thirds line, on one side. */
  near: { needed: 2, window: 3 },
} as const;

/** One point's limits: the natural process limits and the two-thirds ("close to the limit") lines. */
export interface PointLimits {
  upper: number;
  lower: number;
  upperNear: number;
  lowerNear: number;
}

/** Limits `distance` either side of `centre`; counts and rates cannot go below zero, so neither can the lower limit. */
function limitsAround(centre: number, distance: number): PointLimits {
  return {
    upper: centre + distance,
    lower: Math.max(0, centre - distance),
    upperNear: centre + NEAR_FRACTION * distance,
    // Not floored: when the lower limit is floored at 0, a two-thirds line below 0 cannot be crossed
    // by a count, as it should not be (the rule's 2-sigma meaning is kept).
    lowerNear: centre - NEAR_FRACTION * distance,
  };
}

/** An XmR chart's baseline: mean, moving ranges, their average and the natural process limits. */
export interface XmrChart {
  mean: number;
  movingRanges: number[];
  averageMovingRange: number;
  limits: PointLimits;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The XmR chart of a baseline of at least two points: limits mean ± 2.66 × average moving range, the lower floored at 0. */
export function xmrChart(baseline: readonly number[]): XmrChart {
  if (baseline.length < 2) throw new RangeError(`An XmR chart needs at least 2 points, got ${baseline.length}`);
  const mean = sum(baseline) / baseline.length;
  const movingRanges = baseline.slice(1).map((value, index) => Math.abs(value - baseline[index]!));
  const averageMovingRange = sum(movingRanges) / movingRanges.length;
  return { mean, movingRanges, averageMovingRange, limits: limitsAround(mean, XMR_LIMIT_FACTOR * averageMovingRange) };
}

/** One week of a u-chart: events, and the exposure they happened in (patient days, visits). */
export interface ExposedCount {
  count: number;
  exposure: number;
}

/** A u-chart's centre (events per unit of exposure over the baseline) and each point's limits. */
export interface UChart {
  centre: number;
  /** Limits for a point with this exposure: ū ± 3·√(ū / n), the lower floored at 0. */
  limitsFor(exposure: number): PointLimits;
}

/** The u-chart of a baseline: ū = Σ events / Σ exposure; limits vary with each point's exposure. */
export function uChart(baseline: readonly ExposedCount[]): UChart {
  const exposure = sum(baseline.map((week) => week.exposure));
  if (baseline.length < 2 || !(exposure > 0)) throw new RangeError("A u-chart needs at least 2 points with some exposure");
  const centre = sum(baseline.map((week) => week.count)) / exposure;
  return {
    centre,
    limitsFor(pointExposure) {
      if (!(pointExposure > 0)) throw new RangeError(`A u-chart point needs a positive exposure, got ${pointExposure}`);
      return limitsAround(centre, U_CHART_SIGMAS * Math.sqrt(centre / pointExposure));
    },
  };
}

export type SpcRule = "beyond_limit" | "shift" | "close_to_limit" | "trend";
export type SpcDirection = "up" | "down";

/** A rule that fired at the latest point, which way, and how many points it took (the run's length). */
export interface SpcSignal {
  rule: SpcRule;
  direction: SpcDirection;
  points: number;
}

/** How many points in a row, ending at the last one, pass `test`. */
function runLengthAtEnd(length: number, test: (index: number) => boolean): number {
  let run = 0;
  for (let index = length - 1; index >= 0 && test(index); index--) run++;
  return run;
}

/**
 * The rules that fire at the latest point of `values` (oldest first), each point judged against
 * its own limits (the same for every point of an XmR chart) and the chart's centre line.
 * A signal is reported once the point completing it arrives, so each week's digest names what is
 * new or still going on: a run already broken, or a pattern that ended last week, is not repeated.
 * Points exactly on the centre line, and repeated values, break runs (the stricter reading).
 */
export function signalsAtLatest(values: readonly number[], centre: number, limits: readonly PointLimits[]): SpcSignal[] {
  if (values.length === 0) return [];
  if (limits.length !== values.length) throw new RangeError("Every point needs its limits");
  const last = values.length - 1;
  const value = (index: number) => values[index]!;
  const limit = (index: number) => limits[index]!;
  const signals: SpcSignal[] = [];

  if (value(last) > limit(last).upper) signals.push({ rule: "beyond_limit", direction: "up", points: 1 });
  if (value(last) < limit(last).lower) signals.push({ rule: "beyond_limit", direction: "down", points: 1 });

  const above = runLengthAtEnd(values.length, (index) => value(index) > centre);
  const below = runLengthAtEnd(values.length, (index) => value(index) < centre);
  if (above >= SPC_RULE_LENGTHS.shift) signals.push({ rule: "shift", direction: "up", points: above });
  if (below >= SPC_RULE_LENGTHS.shift) signals.push({ rule: "shift", direction: "down", points: below });

  const { needed, window } = SPC_RULE_LENGTHS.near;
  if (values.length >= window) {
    const recent = Array.from({ length: window }, (_, offset) => last - offset);
    const highs = recent.filter((index) => value(index) > limit(index).upperNear).length;
    const lows = recent.filter((index) => value(index) < limit(index).lowerNear).length;
    if (highs >= needed && value(last) > limit(last).upperNear) signals.push({ rule: "close_to_limit", direction: "up", points: highs });
    if (lows >= needed && value(last) < limit(last).lowerNear) signals.push({ rule: "close_to_limit", direction: "down", points: lows });
  }

  // Points in a row each higher than the one before: k rises make a run of k + 1 points.
  const rising = runLengthAtEnd(values.length - 1, (index) => value(index + 1) > value(index)) + 1;
  const falling = runLengthAtEnd(values.length - 1, (index) => value(index + 1) < value(index)) + 1;
  if (rising >= SPC_RULE_LENGTHS.trend) signals.push({ rule: "trend", direction: "up", points: rising });
  if (falling >= SPC_RULE_LENGTHS.trend) signals.push({ rule: "trend", direction: "down", points: falling });

  return signals;
}
