import type { PrismaClient } from "../db/generated/client.ts";
import { SUMMARY_FIELDS, toSummary } from "../cases/case.repository.ts";
import { OPEN_STATUSES } from "../cases/lifecycle.ts";
import { type ReminderPolicy, reminderOutbox, remindersFor } from "../cases/reminders.ts";
import { queueOnce } from "../outbox/outbox.repository.ts";

export interface RemindersJobDeps {
  prisma: PrismaClient;
  policy: ReminderPolicy;
  approvers(): Promise<string[]>;
}

/** Every few minutes: queue the reminders that have come due; duplicates are dropped by their keys. */
export function remindersJob(deps: RemindersJobDeps) {
  return {
    name: "reminders",
    schedule: "*/5 * * * *",
    async run(now: Date): Promise<number> {
      const soon = new Date(now.getTime() + deps.policy.leadMs);
      const unassignedBefore = new Date(now.getTime() - deps.policy.unassignedAfterMs);
      // Only cases with a deadline inside the lead window (or past it), or unassigned long enough.
      const rows = await deps.prisma.case.findMany({
        where: {
          status: { in: [...OPEN_STATUSES] },
          OR: [
            { responseDueAt: { lte: soon } },
            { status: "new", acknowledgeDueAt: { lte: soon } },
            { ownerId: null, createdAt: { lte: unassignedBefore } },
          ],
        },
        select: SUMMARY_FIELDS,
      });
      const approvers = await deps.approvers();
      const entries = rows.flatMap((row) => {
        const summary = toSummary(row);
        return remindersFor(summary, now, deps.policy).flatMap((reminder) => reminderOutbox(reminder, summary, approvers));
      });
      return queueOnce(deps.prisma, entries);
    },
  };
}
