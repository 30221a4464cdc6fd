import type { CaseSummary, OutboxEntry } from "../cases/case.ts";
import { type ReminderPolicy, reminderWindow } from "../cases/clocks.ts";
import { reminderOutbox, remindersFor } from "../cases/reminders.ts";
import type { Metrics } from "../lib/metrics.ts";

export interface RemindersJobDeps {
  /** Open cases with a deadline inside the lead window (or past it), or unassigned long enough. */
  needingReminders(soon: Date, unassignedBefore: Date): Promise<CaseSummary[]>;
  enqueue(entries: OutboxEntry[]): Promise<number>;
  policy: ReminderPolicy;
  approvers(): Promise<string[]>;
  /** Counts the reminder messages this run queued (a key already queued counts nowhere). */
  metrics?: Pick<Metrics, "remindersSent">;
}

/** Every few minutes: queue the reminders that have come due; duplicates are dropped by their keys. */
export function remindersJob(deps: RemindersJobDeps) {
  return {
    name: "reminders",
    schedule: "*/5 * * * *",
    async run(now: Date): Promise<number> {
      const { soon, unassignedBefore } = reminderWindow(now, deps.policy);
      const candidates = await deps.needingReminders(soon, unassignedBefore);
      const approvers = await deps.approvers();
      const entries = candidates.flatMap((summary) => remindersFor(summary, now, deps.policy).flatMap((reminder) => reminderOutbox(reminder, summary, approvers)));
      const queued = await deps.enqueue(entries);
      deps.metrics?.remindersSent(queued);
      return queued;
    },
  };
}
