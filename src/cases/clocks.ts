import { addCalendarDays, dateKey, instantOf, millisecondOf, wallTimeOf } from "../lib/zoned-time.ts";
import type { CaseStatus, CaseSummary } from "./case.ts";
import type { CaseType } from "./classify.ts";
import { isOpen } from "./lifecycle.ts";

// Every clock rule, in one place: when each deadline falls, which deadlines are still running, when
// a reminder or an escalation fires, and the date an interim letter promises. The time-zone
// arithmetic underneath is lib/zoned-time.ts; the hospital's numbers come from config/env.ts.

const DAY_MS = 24 * 3_600_000;

// ---------- deadlines ----------

/** Deadline policy: a hospital's choices, with CMS's 7 calendar days for grievances as the default. */
export interface ClockPolicy {
  timeZone: string;
  acknowledgeBusinessDays: number;
  grievanceResponseDays: number;
  complaintResponseBusinessDays: number;
  holidays: ReadonlySet<string>;
}

export interface DueDates {
  acknowledgeDueAt: Date | null;
  responseDueAt: Date | null;
}

/** Deadlines for a new case; every clock starts when the concern was received, not when it was filed. */
export function dueDatesFor(
  type: CaseType,
  receivedAt: Date,
  resolvedAtPointOfService: boolean,
  policy: ClockPolicy,
): DueDates {
  if (type === "complaint" && resolvedAtPointOfService) return { acknowledgeDueAt: null, responseDueAt: null };
  const { timeZone, holidays } = policy;
  const acknowledgeDueAt = addBusinessDays(receivedAt, policy.acknowledgeBusinessDays, timeZone, holidays);
  const responseDueAt =
    type === "grievance"
      ? addCalendarDays(receivedAt, policy.grievanceResponseDays, timeZone)
      : addBusinessDays(receivedAt, policy.complaintResponseBusinessDays, timeZone, holidays);
  return { acknowledgeDueAt, responseDueAt };
}

/** A business day is Monday to Friday and not one of the hospital's holidays (YYYY-MM-DD). */
export function isBusinessDay(date: { year: number; month: number; day: number }, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(dateKey(date.year, date.month, date.day));
}

/** The same local time `days` business days later, skipping weekends and the given YYYY-MM-DD holidays. */
export function addBusinessDays(instant: Date, days: number, timeZone: string, holidays: ReadonlySet<string>): Date {
  const wall = wallTimeOf(instant, timeZone);
  const cursor = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  let remaining = days;
  while (remaining > 0) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (isBusinessDay({ year: cursor.getUTCFullYear(), month: cursor.getUTCMonth() + 1, day: cursor.getUTCDate() }, holidays)) remaining -= 1;
  }
  return instantOf(
    { ...wall, year: cursor.getUTCFullYear(), month: cursor.getUTCMonth() + 1, day: cursor.getUTCDate(), millisecond: millisecondOf(instant) },
    timeZone,
  );
}

/**
 * The date an interim letter promises the written response by: `days` calendar days after the letter
 * is drafted, never earlier than `days` after receipt (same local time). A letter drafted on day 35
 * promises day 65, not day 30, which had passed before it was written.
 */
export function interimResponseDueAt(receivedAt: Date, draftedAt: Date, days: number, timeZone: string): Date {
  const fromReceipt = addCalendarDays(receivedAt, days, timeZone);
  const fromDraft = addCalendarDays(draftedAt, days, timeZone);
  return fromDraft.getTime() > fromReceipt.getTime() ? fromDraft : fromReceipt;
}

/** Whether an interim letter's promised date can still be kept when it is sent at `now`: it must lie ahead. */
export function interimPromiseStillAhead(promisedAt: Date, now: Date): boolean {
  return promisedAt.getTime() > now.getTime();
}

// ---------- running deadlines ----------

export interface Deadline {
  kind: "acknowledge" | "response";
  dueAt: Date;
}

/** The status the acknowledgement clock runs in: acknowledging the case (or any later step) stops it. */
export const ACKNOWLEDGING_STATUS: CaseStatus = "new";

/** Whether the acknowledgement clock still runs for a case in `status`. */
export function acknowledgementRunning(status: CaseStatus): boolean {
  return status === ACKNOWLEDGING_STATUS;
}

type DeadlineFields = Pick<CaseSummary, "status" | "acknowledgeDueAt" | "responseDueAt">;

/** The deadlines still running on a case, acknowledgement first: the acknowledgement while new, the response while open. */
export function runningDeadlines(summary: DeadlineFields): Deadline[] {
  if (!isOpen(summary.status)) return [];
  const deadlines: Deadline[] = [];
  if (acknowledgementRunning(summary.status) && summary.acknowledgeDueAt) deadlines.push({ kind: "acknowledge", dueAt: summary.acknowledgeDueAt });
  if (summary.responseDueAt) deadlines.push({ kind: "response", dueAt: summary.responseDueAt });
  return deadlines;
}

/** The next deadline still running on a case, if any. */
export function nextDeadline(summary: DeadlineFields): Deadline | null {
  return runningDeadlines(summary)[0] ?? null;
}

/** A deadline is breached from its very instant on. */
export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() >= dueAt.getTime();
}

/**
 * Whether a case's response clock was met: the case closed, or a letter (an interim one counts)
 * approved, by `dueAt`. The trend digest counts the same rule in SQL (trends.repository.ts).
 */
export function answeredByDeadline(dueAt: Date, closedAt: Date | null, letterApprovedAts: readonly Date[]): boolean {
  const met = (at: Date) => at.getTime() <= dueAt.getTime();
  return (closedAt !== null && met(closedAt)) || letterApprovedAts.some(met);
}

// ---------- reminders ----------

export interface ReminderPolicy {
  /** Remind the owner this long before a deadline (default 24 hours). */
  leadMs: number;
  /** Nag the team about a case nobody owns after this long (default 4 hours). */
  unassignedAfterMs: number;
}

/** Where `now` stands against a deadline: overdue from the deadline on, due soon from `leadMs` before it, else null. */
export function deadlineAlert(dueAt: Date, now: Date, leadMs: number): "overdue" | "due_soon" | null {
  if (isOverdue(dueAt, now)) return "overdue";
  return now.getTime() >= dueAt.getTime() - leadMs ? "due_soon" : null;
}

/** Whether a case has had no owner for at least `afterMs` since it was filed. */
export function unassignedTooLong(summary: Pick<CaseSummary, "ownerId" | "createdAt">, now: Date, afterMs: number): boolean {
  return !summary.ownerId && now.getTime() - summary.createdAt.getTime() >= afterMs;
}

/** What the reminder job reads: deadlines due before `soon`, and unowned cases filed before `unassignedBefore`. */
export function reminderWindow(now: Date, policy: ReminderPolicy): { soon: Date; unassignedBefore: Date } {
  return { soon: new Date(now.getTime() + policy.leadMs), unassignedBefore: new Date(now.getTime() - policy.unassignedAfterMs) };
}

// ---------- escalation ----------

/** A grievance still without an interim (or response) letter is escalated from day 5 after receipt, two days before the 7-day clock. */
export const INTERIM_LETTER_AFTER_MS = 5 * DAY_MS;

/** Whether a case is a grievance received at least 5 days ago, so it should by now have an approved letter. */
export function interimLetterExpected(summary: Pick<CaseSummary, "type" | "receivedAt">, now: Date): boolean {
  return summary.type === "grievance" && now.getTime() - summary.receivedAt.getTime() >= INTERIM_LETTER_AFTER_MS;
}

/** Grievances received at or before this instant have reached day 5 (interimLetterExpected, as a bound for a query). */
export function interimLetterExpectedIfReceivedBy(now: Date): Date {
  return new Date(now.getTime() - INTERIM_LETTER_AFTER_MS);
}

/**
 * Surveyors cite grievances open past 30 days with no written update (DOMAIN.md, Clocks): fixed at
 * 30 days, whatever the interim letter promises.
 */
export const WRITTEN_UPDATE_EVERY_MS = 30 * DAY_MS;

/**
 * Whether a grievance open 30 days or more has had no written update (an approved or sent letter)
 * for 30 days; `lastWrittenUpdateAt` is the latest such letter, if any.
 */
export function writtenUpdateOverdue(summary: Pick<CaseSummary, "type" | "receivedAt">, lastWrittenUpdateAt: Date | undefined, now: Date): boolean {
  if (summary.type !== "grievance" || now.getTime() - summary.receivedAt.getTime() < WRITTEN_UPDATE_EVERY_MS) return false;
  return lastWrittenUpdateAt === undefined || now.getTime() - lastWrittenUpdateAt.getTime() >= WRITTEN_UPDATE_EVERY_MS;
}

/** Whether a letter has waited at least `afterMs` for a manager's approval. */
export function approvalWaitingTooLong(since: Date, now: Date, afterMs: number): boolean {
  return now.getTime() - since.getTime() >= afterMs;
}
