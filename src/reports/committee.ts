import { categoryLabel, receivedViaLabel } from "../cases/taxonomy.ts";
import { type SpcRule, type SpcDirection, signalsAtLatest, xmrChart } from "../digests/spc.ts";
import { RULE_NAMES } from "../digests/trend-sentences.ts";
import { addCalendarDays } from "../lib/zoned-time.ts";
import type { ReportMonth, ReportPeriod } from "./period.ts";

// The grievance committee's report (42 CFR 482.13(a)(2), A-0119): volume, timeliness, letters,
// outcomes, trends and actions for one period, computed from plain records. Every number is
// aggregated: no patient, no narrative, no case number. The cohort is the cases RECEIVED in the
// period (a case counts once, in the period it reached the hospital); letters are those approved or
// sent in the period; comments are those dated in the period.

const DAY_MS = 24 * 3_600_000;
/** CMS: 7 calendar days is a reasonable time to respond to a grievance (A-0122). */
export const GRIEVANCE_RESPONSE_DAYS = 7;
/** Surveyors cite grievances open past 30 days. */
export const LONG_OPEN_DAYS = 30;
/** Months of history before the period that the signals compare against, at most. */
export const SIGNAL_BASELINE_MONTHS = 12;
/** Fewer baseline months or cases than this and a row's limits are noise: no signal is called. */
export const SIGNAL_MIN_BASELINE = { months: 6, cases: 10 } as const;

/** The four elements every grievance response letter must contain (A-0123), as letter-check.ts names them. */
export const A0123_CHECKS = ["contact_person", "steps_taken", "results", "date_of_completion"] as const;

/** One case received in the period: codes, dates and counts only. */
export interface CommitteeCase {
  type: string;
  category: string;
  department: string;
  receivedVia: string;
  receivedAt: Date;
  closedAt: Date | null;
  /** "resolved" or "dissatisfied" once closed. */
  outcome: string | null;
  withdrawn: boolean;
  classificationOverridden: boolean;
  /** A QIO referral task was opened (Medicare quality-of-care or discharge concern). */
  qioReferral: boolean;
  /** Investigation-step and result notes recorded on the case. */
  steps: number;
  results: number;
  /** When its first response letter, and its first interim letter, were approved. */
  firstResponseApprovedAt: Date | null;
  firstInterimApprovedAt: Date | null;
}

/** A letter approved or sent in the period, with the checks of its approved version. */
export interface CommitteeLetter {
  kind: string;
  approvedAt: Date | null;
  sentAt: Date | null;
  /** The approved version's checks (id, passed); null when no version was approved. */
  approvedChecks: { id: string; passed: boolean }[] | null;
}

/** A survey or feedback comment dated in the period. */
export interface CommitteeComment {
  unit: string;
  category: string;
  /** The CMS survey test (surveys/screening.ts): a grievance candidate, or why not. */
  screening: string;
  /** A case was filed from it ("File as a case"). */
  filed: boolean;
}

/** A case received before the period, or in it, for the monthly signals. */
export interface ReceivedCase {
  category: string;
  department: string;
  receivedAt: Date;
}

export interface CommitteeInput {
  period: ReportPeriod;
  /** The months before the period (oldest first), up to SIGNAL_BASELINE_MONTHS. */
  baselineMonths: ReportMonth[];
  /** When the report is made: grievances not yet due then are not judged late. */
  asOf: Date;
  timeZone: string;
  cases: CommitteeCase[];
  letters: CommitteeLetter[];
  comments: CommitteeComment[];
  /** Cases received in the baseline months and the period (category, unit, receipt only). */
  received: ReceivedCase[];
  /** When the first case of all was received: months before it are no history. */
  firstReceivedAt: Date | null;
}

export interface CountRow {
  key: string;
  label: string;
  grievances: number;
  complaints: number;
  compliments: number;
  total: number;
}

export interface Share {
  count: number;
  of: number;
  /** Percent to one decimal; null when `of` is 0. */
  percent: number | null;
}

export interface CommitteeSignal {
  dimension: "category" | "unit";
  label: string;
  month: string;
  rule: SpcRule;
  direction: SpcDirection;
  sentence: string;
}

export interface CommitteeReport {
  period: string;
  from: Date;
  to: Date;
  asOf: Date;
  volume: { total: number; grievances: number; complaints: number; compliments: number; byCategory: CountRow[]; byUnit: CountRow[]; byReceivedVia: CountRow[] };
  timeliness: {
    /** Grievances whose 7 days had run out by the report (or that were answered already). */
    grievancesJudged: number;
    notYetDue: number;
    /** A response or interim letter approved, or the case closed, within 7 days of receipt. */
    answeredWithin7Days: Share;
    /** A final response letter approved within 7 days of receipt. */
    respondedWithin7Days: Share;
    /** Days from receipt to closure, median to one decimal, of the period's cases closed by the report. */
    medianDaysToResolve: { grievances: number | null; complaints: number | null };
    closed: { grievances: number; complaints: number };
  };
  letters: {
    responseLettersApproved: number;
    /** Approved response letters whose approved version passed all four A-0123 checks. */
    withAllFourElements: Share;
    /** How many approved response letters lacked each element. */
    missing: Record<(typeof A0123_CHECKS)[number], number>;
    responseLettersSent: number;
    interimLettersSent: number;
  };
  /** Grievances of the period open more than 30 days (closed after day 30, or still open past it). */
  openPast30Days: { total: number; stillOpen: number };
  qioReferrals: number;
  closedDissatisfied: number;
  withdrawn: number;
  reclassified: number;
  actions: { stepsRecorded: number; resultsRecorded: number; casesWithResults: number };
  signals: CommitteeSignal[];
  /** Why some rows have no signal assessment (not enough history). */
  signalNote: string | null;
  comments: {
    total: number;
    candidates: number;
    anonymous: number;
    identifiedNoRequest: number;
    /** Comments dated in the period that were filed as cases (linked to the case filed from them). */
    filedAsCases: number;
    byCategory: { key: string; label: string; count: number }[];
    byUnit: { key: string; label: string; count: number }[];
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** count of `of` as a share, percent to one decimal. */
export function share(count: number, of: number): Share {
  return { count, of, percent: of > 0 ? round1((count / of) * 100) : null };
}

/** The median of values, to one decimal (the mean of the two middle values for an even count); null when none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return round1(value);
}

function countRows(cases: readonly CommitteeCase[], keyOf: (item: CommitteeCase) => string, labelOf: (key: string) => string): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const item of cases) {
    const key = keyOf(item);
    const row = rows.get(key) ?? { key, label: labelOf(key), grievances: 0, complaints: 0, compliments: 0, total: 0 };
    if (item.type === "grievance") row.grievances++;
    else if (item.type === "complaint") row.complaints++;
    else row.compliments++;
    row.total++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || b.grievances - a.grievances || a.label.localeCompare(b.label));
}

function tally<T>(items: readonly T[], keyOf: (item: T) => string, labelOf: (key: string) => string) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, label: labelOf(key), count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

const beforeOrAt = (instant: Date | null, limit: Date) => instant !== null && instant.getTime() <= limit.getTime();

function timeliness(input: CommitteeInput): CommitteeReport["timeliness"] {
  const grievances = input.cases.filter((item) => item.type === "grievance" && !item.withdrawn);
  let judged = 0;
  let answered = 0;
  let responded = 0;
  for (const grievance of grievances) {
    const mark = addCalendarDays(grievance.receivedAt, GRIEVANCE_RESPONSE_DAYS, input.timeZone);
    const answeredBy = beforeOrAt(grievance.firstResponseApprovedAt, mark) || beforeOrAt(grievance.firstInterimApprovedAt, mark) || beforeOrAt(grievance.closedAt, mark);
    // Not yet 7 days old and not answered: too early to judge.
    if (!answeredBy && mark.getTime() > input.asOf.getTime()) continue;
    judged++;
    if (answeredBy) answered++;
    if (beforeOrAt(grievance.firstResponseApprovedAt, mark)) responded++;
  }
  const closedDays = (type: string) =>
    input.cases.filter((item) => item.type === type && item.closedAt && !item.withdrawn).map((item) => ((item.closedAt as Date).getTime() - item.receivedAt.getTime()) / DAY_MS);
  const grievanceDays = closedDays("grievance");
  const complaintDays = closedDays("complaint");
  return {
    grievancesJudged: judged,
    notYetDue: grievances.length - judged,
    answeredWithin7Days: share(answered, judged),
    respondedWithin7Days: share(responded, judged),
    medianDaysToResolve: { grievances: median(grievanceDays), complaints: median(complaintDays) },
    closed: { grievances: grievanceDays.length, complaints: complaintDays.length },
  };
}

function letters(input: CommitteeInput): CommitteeReport["letters"] {
  const inPeriod = (instant: Date | null) => instant !== null && instant >= input.period.from && instant < input.period.to;
  const approved = input.letters.filter((letter) => letter.kind === "response" && inPeriod(letter.approvedAt));
  const missing = Object.fromEntries(A0123_CHECKS.map((id) => [id, 0])) as CommitteeReport["letters"]["missing"];
  let complete = 0;
  for (const letter of approved) {
    const passed = new Set((letter.approvedChecks ?? []).filter((check) => check.passed).map((check) => check.id));
    const lacking = A0123_CHECKS.filter((id) => !passed.has(id));
    for (const id of lacking) missing[id]++;
    if (lacking.length === 0) complete++;
  }
  return {
    responseLettersApproved: approved.length,
    withAllFourElements: share(complete, approved.length),
    missing,
    responseLettersSent: input.letters.filter((letter) => letter.kind === "response" && inPeriod(letter.sentAt)).length,
    interimLettersSent: input.letters.filter((letter) => letter.kind === "interim" && inPeriod(letter.sentAt)).length,
  };
}

function openPast30(input: CommitteeInput): CommitteeReport["openPast30Days"] {
  let total = 0;
  let stillOpen = 0;
  for (const item of input.cases) {
    if (item.type !== "grievance" || item.withdrawn) continue;
    const limit = addCalendarDays(item.receivedAt, LONG_OPEN_DAYS, input.timeZone);
    const openUntil = item.closedAt ?? input.asOf;
    if (openUntil.getTime() <= limit.getTime()) continue;
    total++;
    if (!item.closedAt) stillOpen++;
  }
  return { total, stillOpen };
}

/** The month (index into `months`) an instant falls in, or -1. */
function monthIndex(months: readonly ReportMonth[], instant: Date): number {
  return months.findIndex((month) => instant >= month.from && instant < month.to);
}

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

function signalSentence(label: string, month: string, value: number, rule: SpcRule, direction: SpcDirection, points: number, chart: { mean: number; upper: number; lower: number }, baseline: number, recent: number[]): string {
  const over = `mean ${oneDecimal(chart.mean)} a month over ${baseline} months`;
  switch (rule) {
    case "beyond_limit":
      return direction === "up"
        ? `${label}: ${value} in ${month}, above the upper process limit of ${oneDecimal(chart.upper)} (${over}).`
        : `${label}: ${value} in ${month}, below the lower process limit of ${oneDecimal(chart.lower)} (${over}).`;
    case "shift":
      return `${label}: a shift, ${points} months in a row ${direction === "up" ? "above" : "below"} the mean of ${oneDecimal(chart.mean)} (over ${baseline} months); ${value} in ${month}.`;
    case "close_to_limit":
      return `${label}: ${points} of the last 3 months close to the ${direction === "up" ? "upper" : "lower"} process limit (${over}); ${value} in ${month}.`;
    case "trend":
      return `${label}: a ${direction === "up" ? "rising" : "falling"} trend, ${points} months in a row (${recent.slice(-points).join(", ")}); ${over}.`;
  }
}

/**
 * Spikes and signals (spc.ts, Making Data Count): for each category and unit, an XmR chart of cases
 * per month over the baseline months on record, then each month of the period judged against it.
 */
function signals(input: CommitteeInput): { signals: CommitteeSignal[]; note: string | null } {
  // Months that began before the first case are no history; a partly used first month is left out too.
  const onRecord = input.firstReceivedAt === null ? [] : input.baselineMonths.filter((month) => month.from >= (input.firstReceivedAt as Date));
  const months = [...onRecord, ...input.period.months];
  const found: CommitteeSignal[] = [];
  let thin = 0;
  for (const dimension of ["category", "unit"] as const) {
    const series = new Map<string, number[]>();
    for (const item of input.received) {
      const index = monthIndex(months, item.receivedAt);
      if (index < 0) continue;
      const key = dimension === "category" ? item.category : item.department;
      const values = series.get(key) ?? months.map(() => 0);
      values[index] = (values[index] as number) + 1;
      series.set(key, values);
    }
    for (const [key, values] of series) {
      const baseline = values.slice(0, onRecord.length);
      const baselineCases = baseline.reduce((sum, value) => sum + value, 0);
      if (baseline.length < SIGNAL_MIN_BASELINE.months || baselineCases < SIGNAL_MIN_BASELINE.cases) {
        thin++;
        continue;
      }
      const chart = xmrChart(baseline);
      const label = dimension === "category" ? categoryLabel(key) : key;
      for (let offset = 0; offset < input.period.months.length; offset++) {
        const upTo = values.slice(0, onRecord.length + offset + 1);
        const month = (input.period.months[offset] as ReportMonth).key;
        for (const signal of signalsAtLatest(upTo, chart.mean, upTo.map(() => chart.limits))) {
          found.push({
            dimension,
            label,
            month,
            rule: signal.rule,
            direction: signal.direction,
            sentence: signalSentence(label, month, upTo.at(-1) as number, signal.rule, signal.direction, signal.points, { mean: chart.mean, upper: chart.limits.upper, lower: chart.limits.lower }, baseline.length, upTo),
          });
        }
      }
    }
  }
  const note =
    thin > 0
      ? `${thin} ${thin === 1 ? "row has" : "rows have"} too little history for process limits (fewer than ${SIGNAL_MIN_BASELINE.months} months or ${SIGNAL_MIN_BASELINE.cases} cases before the period): no signal is called for them.`
      : null;
  return { signals: found, note };
}

/** Reads a signal rule the way the trend digest names it, e.g. "Above upper limit". */
export const signalRuleName = (signal: Pick<CommitteeSignal, "rule" | "direction">) => RULE_NAMES[signal.rule][signal.direction];

/** The committee report for one period (pure). */
export function committeeReport(input: CommitteeInput): CommitteeReport {
  const { cases } = input;
  const found = signals(input);
  const grievance = (item: CommitteeCase) => item.type === "grievance";
  return {
    period: input.period.label,
    from: input.period.from,
    to: input.period.to,
    asOf: input.asOf,
    volume: {
      total: cases.length,
      grievances: cases.filter(grievance).length,
      complaints: cases.filter((item) => item.type === "complaint").length,
      compliments: cases.filter((item) => item.type !== "grievance" && item.type !== "complaint").length,
      byCategory: countRows(cases, (item) => item.category, categoryLabel),
      byUnit: countRows(cases, (item) => item.department, (key) => key),
      byReceivedVia: countRows(cases, (item) => item.receivedVia, receivedViaLabel),
    },
    timeliness: timeliness(input),
    letters: letters(input),
    openPast30Days: openPast30(input),
    qioReferrals: cases.filter((item) => item.qioReferral).length,
    closedDissatisfied: cases.filter((item) => item.closedAt && item.outcome === "dissatisfied").length,
    withdrawn: cases.filter((item) => item.withdrawn).length,
    reclassified: cases.filter((item) => item.classificationOverridden).length,
    actions: {
      stepsRecorded: cases.reduce((sum, item) => sum + item.steps, 0),
      resultsRecorded: cases.reduce((sum, item) => sum + item.results, 0),
      casesWithResults: cases.filter((item) => item.results > 0).length,
    },
    signals: found.signals,
    signalNote: found.note,
    comments: {
      total: input.comments.length,
      candidates: input.comments.filter((comment) => comment.screening === "candidate").length,
      anonymous: input.comments.filter((comment) => comment.screening === "anonymous").length,
      identifiedNoRequest: input.comments.filter((comment) => comment.screening === "no_request").length,
      filedAsCases: input.comments.filter((comment) => comment.filed).length,
      byCategory: tally(input.comments, (comment) => comment.category, categoryLabel),
      byUnit: tally(input.comments, (comment) => comment.unit, (key) => key),
    },
  };
}
