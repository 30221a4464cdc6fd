import type { CaseStatus } from "../cases/case.ts";
import type { CaseType } from "../cases/classify.ts";
import { acknowledgementRunning, answeredByDeadline, isOverdue, runningDeadlines } from "../cases/clocks.ts";
import { isOpen } from "../cases/lifecycle.ts";
import { failedRequired, type LetterCheck } from "../letters/letter-check.ts";

// The team at a glance: per coordinator and for the whole team, what a manager coaches on. Pure:
// plain case, letter and event records in, numbers out. The clocks' rules (what is overdue, when
// the acknowledgement clock stops, when a response was in time) are clocks.ts's and lifecycle.ts's.
//
// Every number is counted for the case's current owner. "Now" numbers (open, overdue, at risk this
// week) are as of `now`; the others are about the period (a calendar month in the hospital's zone):
//   - time to acknowledge: cases received in the period with an acknowledgement clock, from receipt
//     to acknowledgement; those still new are counted as waiting, not as a time;
//   - time to resolve: cases whose last move out of the open statuses (resolved, or closed while
//     open) fell in the period and that are not open again, from receipt to that move;
//   - grievances answered in time: grievances whose response clock ran out in the period (and
//     before now), answered by then (closed, or a letter approved, an interim one too);
//   - first drafts: the first version of each letter drafted in the period, and those passing every
//     required check as drafted;
//   - reopened: cases reopened in the period.
// Medians of an even count are the mean of the two middle values. No patient data is read.

/** Deadlines due before this much after now, or already past, are "at risk this week". */
export const AT_RISK_WITHIN_MS = 7 * 24 * 3_600_000;

/** What the report reads of a case: numbers, dates and the card's place, never a name or narrative. */
export interface TeamCaseRecord {
  id: string;
  number: string;
  type: CaseType;
  status: CaseStatus;
  ownerId: string | null;
  receivedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgeDueAt: Date | null;
  responseDueAt: Date | null;
  closedAt: Date | null;
  cardChannelId: string | null;
  cardMessageTs: string | null;
}

/** A letter on one of the cases: when it was approved, and its first version's checks if drafted. */
export interface TeamLetterRecord {
  caseId: string;
  approvedAt: Date | null;
  firstDraft: { createdAt: Date; checks: LetterCheck[] } | null;
}

/** A status event on one of the cases (created, status_changed, closed, reopened) with its from/to. */
export interface TeamEventRecord {
  caseId: string;
  type: string;
  at: Date;
  from: string | null;
  to: string | null;
}

/** What the report reads for a period (port; team-metrics.repository.ts reads it from the database). */
export interface TeamRecords {
  cases: TeamCaseRecord[];
  events: TeamEventRecord[];
  letters: TeamLetterRecord[];
}

export interface TeamMetricsInput {
  /** The period, [from, to): a month. */
  period: { from: Date; to: Date };
  now: Date;
  /** Everyone who should have a row even without a case (the coordinators). */
  coordinators: readonly string[];
  cases: readonly TeamCaseRecord[];
  letters: readonly TeamLetterRecord[];
  events: readonly TeamEventRecord[];
}

/** A count out of a whole; share is null when the whole is 0 (nothing to measure). */
export interface Share {
  count: number;
  of: number;
  share: number | null;
}

export interface AtRiskCase {
  caseId: string;
  number: string;
  kind: "acknowledge" | "response";
  dueAt: Date;
  overdue: boolean;
  cardChannelId: string | null;
  cardMessageTs: string | null;
}

export interface MetricsRow {
  open: number;
  overdue: number;
  acknowledge: { medianHours: number | null; acknowledged: number; waiting: number };
  resolve: { medianHours: number | null; resolved: number };
  grievancesInTime: Share;
  firstDraftsPassing: Share;
  reopened: number;
}

export interface CoordinatorMetrics extends MetricsRow {
  userId: string;
  /** Open cases with a deadline due within 7 days or already past, the earliest first. */
  atRisk: AtRiskCase[];
}

export interface TeamMetrics {
  period: { from: Date; to: Date };
  now: Date;
  /** Most urgent first: overdue, then at risk, then open cases, then by id. */
  coordinators: CoordinatorMetrics[];
  /** Every case, owned or not. */
  team: MetricsRow & { unassignedOpen: number };
}

/** The median; of an even count, the mean of the two middle values; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const share = (count: number, of: number): Share => ({ count, of, share: of === 0 ? null : count / of });
const hoursBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;
const within = (at: Date, period: { from: Date; to: Date }) => at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();
const isOpenStatus = (status: string | null) => status !== null && isOpen(status as CaseStatus);

/** When each case last left the open statuses: resolved, or closed while still open. */
function lastResolutions(events: readonly TeamEventRecord[]): Map<string, Date> {
  const last = new Map<string, Date>();
  for (const event of events) {
    const leaves = (event.type === "status_changed" && event.to !== null && !isOpenStatus(event.to)) || (event.type === "closed" && isOpenStatus(event.from));
    if (!leaves) continue;
    const seen = last.get(event.caseId);
    if (!seen || event.at.getTime() > seen.getTime()) last.set(event.caseId, event.at);
  }
  return last;
}

/** The case's earliest running deadline due within the week (or past), if any. */
function atRisk(record: TeamCaseRecord, now: Date): AtRiskCase | null {
  const horizon = now.getTime() + AT_RISK_WITHIN_MS;
  const soonest = runningDeadlines(record)
    .filter((deadline) => deadline.dueAt.getTime() < horizon)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  if (!soonest) return null;
  return {
    caseId: record.id,
    number: record.number,
    kind: soonest.kind,
    dueAt: soonest.dueAt,
    overdue: isOverdue(soonest.dueAt, now),
    cardChannelId: record.cardChannelId,
    cardMessageTs: record.cardMessageTs,
  };
}

interface Context {
  period: { from: Date; to: Date };
  now: Date;
  resolvedAt: Map<string, Date>;
  approvedAts: Map<string, Date[]>;
  firstDrafts: Map<string, LetterCheck[][]>;
  reopened: Set<string>;
}

/** The row's numbers over `cases`. */
function rowOf(cases: readonly TeamCaseRecord[], context: Context): MetricsRow {
  const { period, now } = context;
  const open = cases.filter((record) => isOpen(record.status));
  const acknowledgeHours: number[] = [];
  let waiting = 0;
  const resolveHours: number[] = [];
  let grievancesDue = 0;
  let grievancesAnswered = 0;
  let drafts = 0;
  let draftsPassing = 0;
  let reopened = 0;
  // Grievance clocks count once they have run out: in the period and before now.
  const clockDecided = { from: period.from, to: new Date(Math.min(period.to.getTime(), now.getTime())) };
  for (const record of cases) {
    if (within(record.receivedAt, period) && record.acknowledgeDueAt) {
      if (record.acknowledgedAt) acknowledgeHours.push(hoursBetween(record.receivedAt, record.acknowledgedAt));
      else if (acknowledgementRunning(record.status)) waiting += 1;
    }
    const resolvedAt = context.resolvedAt.get(record.id);
    if (resolvedAt && !isOpen(record.status) && within(resolvedAt, period)) resolveHours.push(hoursBetween(record.receivedAt, resolvedAt));
    if (record.type === "grievance" && record.responseDueAt && within(record.responseDueAt, clockDecided)) {
      grievancesDue += 1;
      if (answeredByDeadline(record.responseDueAt, record.closedAt, context.approvedAts.get(record.id) ?? [])) grievancesAnswered += 1;
    }
    for (const checks of context.firstDrafts.get(record.id) ?? []) {
      drafts += 1;
      if (failedRequired(checks).length === 0) draftsPassing += 1;
    }
    if (context.reopened.has(record.id)) reopened += 1;
  }
  return {
    open: open.length,
    overdue: open.filter((record) => runningDeadlines(record).some((deadline) => isOverdue(deadline.dueAt, now))).length,
    acknowledge: { medianHours: median(acknowledgeHours), acknowledged: acknowledgeHours.length, waiting },
    resolve: { medianHours: median(resolveHours), resolved: resolveHours.length },
    grievancesInTime: share(grievancesAnswered, grievancesDue),
    firstDraftsPassing: share(draftsPassing, drafts),
    reopened,
  };
}

/** The team's numbers for the period, per owner and in all. */
export function teamMetrics(input: TeamMetricsInput): TeamMetrics {
  const { period, now } = input;
  const approvedAts = new Map<string, Date[]>();
  const firstDrafts = new Map<string, LetterCheck[][]>();
  for (const letter of input.letters) {
    if (letter.approvedAt) approvedAts.set(letter.caseId, [...(approvedAts.get(letter.caseId) ?? []), letter.approvedAt]);
    if (letter.firstDraft && within(letter.firstDraft.createdAt, period)) firstDrafts.set(letter.caseId, [...(firstDrafts.get(letter.caseId) ?? []), letter.firstDraft.checks]);
  }
  const reopened = new Set(input.events.filter((event) => event.type === "reopened" && within(event.at, period)).map((event) => event.caseId));
  const context: Context = { period, now, resolvedAt: lastResolutions(input.events), approvedAts, firstDrafts, reopened };

  const byOwner = new Map<string, TeamCaseRecord[]>();
  for (const userId of input.coordinators) byOwner.set(userId, []);
  for (const record of input.cases) {
    if (record.ownerId) byOwner.set(record.ownerId, [...(byOwner.get(record.ownerId) ?? []), record]);
  }
  const coordinators = [...byOwner].map(([userId, cases]): CoordinatorMetrics => {
    const risks = cases
      .filter((record) => isOpen(record.status))
      .flatMap((record) => atRisk(record, now) ?? [])
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.number.localeCompare(b.number));
    return { userId, ...rowOf(cases, context), atRisk: risks };
  });
  coordinators.sort((a, b) => b.overdue - a.overdue || b.atRisk.length - a.atRisk.length || b.open - a.open || a.userId.localeCompare(b.userId));
  const unassignedOpen = input.cases.filter((record) => !record.ownerId && isOpen(record.status)).length;
  return { period, now, coordinators, team: { ...rowOf(input.cases, context), unassignedOpen } };
}
