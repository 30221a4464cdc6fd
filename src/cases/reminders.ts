import type { CaseSummary, OutboxEntry } from "./case.ts";
import { type CaseUpdatePayload, OUTBOX_KINDS } from "./case-updates.ts";
import { deadlineAlert, type ReminderPolicy, runningDeadlines, unassignedTooLong } from "./clocks.ts";
import { isOpen } from "./lifecycle.ts";

// Which reminders are due now. Each reminder's outbox key names the case, the deadline kind and the
// deadline itself, so it is sent once per case per deadline however many instances run the job, and
// a restart simply recomputes the same keys. A changed deadline (reclassification) gets a new key.
// When each reminder is due is decided in clocks.ts.

export type ReminderKind = "acknowledge_due_soon" | "acknowledge_overdue" | "response_due_soon" | "response_overdue" | "unassigned";

export interface Reminder {
  caseId: string;
  kind: ReminderKind;
  dueAt: Date;
  /** Direct-message the owner; without one the case thread (and so the team) hears it. */
  ownerId: string | null;
  /** Breaches also go to the managers. */
  alertApprovers: boolean;
}

/** The reminders a case warrants at `now`. */
export function remindersFor(summary: CaseSummary, now: Date, policy: ReminderPolicy): Reminder[] {
  if (!isOpen(summary.status)) return [];
  const reminders: Reminder[] = [];
  for (const { kind: clock, dueAt } of runningDeadlines(summary)) {
    const alert = deadlineAlert(dueAt, now, policy.leadMs);
    if (alert) reminders.push({ caseId: summary.id, kind: `${clock}_${alert}`, dueAt, ownerId: summary.ownerId, alertApprovers: alert === "overdue" });
  }
  if (unassignedTooLong(summary, now, policy.unassignedAfterMs)) {
    reminders.push({ caseId: summary.id, kind: "unassigned", dueAt: summary.createdAt, ownerId: null, alertApprovers: false });
  }
  return reminders;
}

/** Outbox entries for a reminder: a line in the case thread, a DM to the owner, and managers on a breach. */
export function reminderOutbox(reminder: Reminder, summary: CaseSummary, approvers: readonly string[]): OutboxEntry[] {
  const key = `reminder:${reminder.caseId}:${reminder.kind}:${reminder.dueAt.toISOString()}`;
  const payload: CaseUpdatePayload = { caseId: reminder.caseId, kind: "reminder", reminder: reminder.kind, dueAt: reminder.dueAt.toISOString(), caseType: summary.type };
  const entries: OutboxEntry[] = [{ kind: OUTBOX_KINDS.threadUpdate, dedupeKey: `${key}:thread`, payload }];
  const recipients = new Set<string>();
  if (reminder.ownerId) recipients.add(reminder.ownerId);
  if (reminder.alertApprovers) for (const id of approvers) recipients.add(id);
  for (const userId of recipients) {
    entries.push({ kind: OUTBOX_KINDS.directMessage, dedupeKey: `${key}:dm:${userId}`, payload: { ...payload, recipientId: userId } });
  }
  return entries;
}
