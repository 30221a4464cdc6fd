import type { SpcSignal } from "./spc.ts";

// One plain sentence per signal, for a patient-relations manager and a quality committee: which
// rule fired, in words, and the numbers behind it. Plain text; the Slack renderer escapes it.

const tenths = (value: number, round: (value: number) => number) => (round(value * 10) / 10).toFixed(1);

/** A mean or rate to one decimal. */
export const oneDecimal = (value: number) => tenths(value, Math.round);

/**
 * A limit to one decimal, rounded towards the centre line, so a count shown beyond a limit is beyond
 * it and one shown inside is inside (a 7 is never "above 7.0"). The nudge keeps 6.82 − ε at 6.8.
 */
export const limitText = {
  upper: (value: number) => tenths(value * (1 + 1e-12), Math.floor),
  lower: (value: number) => tenths(value * (1 - 1e-12), Math.ceil),
} as const;

/** A row's numbers, already in words (counts, or rates per 1,000 patient days). */
export interface SentenceFacts {
  label: string;
  /** This week's value, e.g. "9" or "4.2 per 1,000 patient days (9 in 2,140 patient days)". */
  thisWeek: string;
  mean: string;
  upper: string;
  lower: string;
  upperNear: string;
  lowerNear: string;
  baselineWeeks: number;
  /** Each week's value, oldest first, ending with this week's (for a trend). */
  recent: readonly string[];
}

/** The sentence that explains one signal. */
export function signalSentence(signal: SpcSignal, facts: SentenceFacts): string {
  const up = signal.direction === "up";
  const { label, thisWeek, mean, baselineWeeks } = facts;
  const over = `mean ${mean} over ${baselineWeeks} weeks`;
  switch (signal.rule) {
    case "beyond_limit":
      return up
        ? `${label}: ${thisWeek} this week, above the upper process limit of ${facts.upper} (${over}).`
        : `${label}: ${thisWeek} this week, below the lower process limit of ${facts.lower} (${over}).`;
    case "shift":
      return `${label}: a shift, ${signal.points} weeks in a row ${up ? "above" : "below"} the mean of ${mean} (over ${baselineWeeks} weeks); ${thisWeek} this week.`;
    case "close_to_limit":
      return (
        `${label}: ${signal.points} of the last 3 weeks close to the ${up ? "upper" : "lower"} process limit of ${up ? facts.upper : facts.lower} ` +
        `(${up ? "above" : "below"} ${up ? facts.upperNear : facts.lowerNear}, two-thirds of the way from the mean of ${mean}); ${thisWeek} this week.`
      );
    case "trend":
      return `${label}: a trend, ${up ? "rising" : "falling"} ${signal.points} weeks in a row (${facts.recent.slice(-signal.points).join(", ")}); ${over}.`;
  }
}

/** What each rule is called in a table cell or a list. */
export const RULE_NAMES = {
  beyond_limit: { up: "Above upper limit", down: "Below lower limit" },
  shift: { up: "Shift up", down: "Shift down" },
  close_to_limit: { up: "Close to upper limit", down: "Close to lower limit" },
  trend: { up: "Rising trend", down: "Falling trend" },
} as const;
