import { Prisma, type PrismaClient } from "../db/generated/client.ts";
import { OPEN_STATUSES } from "../cases/lifecycle.ts";
import { AUDIT_PURGED_EVENT, type AuditCounts, type AuditRetentionStore } from "../users/audit-retention.ts";
import type { RetentionStore } from "./retention.job.ts";

const FIRST_START_PREFIX = "first-start:";
// A reminder's key is what keeps it from being sent again: while its case is open the reminders
// job would queue the same key anew, so those rows are kept until the case is no longer open.
const REMINDER_PREFIX = "reminder:";

/** The daily purge's deletes, one bounded batch per statement. */
export function createRetentionStore(prisma: PrismaClient): RetentionStore {
  return {
    async purgeSentPosts(before, limit) {
      return prisma.$executeRaw`
        DELETE FROM "outbox_messages" WHERE "id" IN (
          SELECT m."id" FROM "outbox_messages" m
          WHERE m."status" = 'sent' AND m."sent_at" < ${before}
            AND NOT (m."dedupe_key" LIKE ${`${REMINDER_PREFIX}%`} AND EXISTS (
              SELECT 1 FROM "cases" c
              WHERE c."id"::text = m."payload"->>'caseId' AND c."status" IN (${Prisma.join([...OPEN_STATUSES])})))
          ORDER BY m."id" LIMIT ${limit})`;
    },
    async purgeJobRuns(before, limit) {
      // First-start records bound every job's catch-up: they are kept for good.
      return prisma.$executeRaw`
        DELETE FROM "job_runs" WHERE "key" IN (
          SELECT "key" FROM "job_runs"
          WHERE "claimed_at" < ${before} AND "key" NOT LIKE ${`${FIRST_START_PREFIX}%`}
          ORDER BY "claimed_at" LIMIT ${limit})`;
    },
  };
}

/**
 * The audit purge. The append-only guard on case_events and admin_events lets a DELETE through
 * only inside a transaction that set `patient_relations.audit_purge_before`, for an event recorded
 * before that instant and more than six years ago, and never an audit_purged event.
 */
export function createAuditRetentionStore(prisma: PrismaClient): AuditRetentionStore {
  async function countBefore(db: Prisma.TransactionClient | PrismaClient, before: Date): Promise<AuditCounts> {
    const [row] = await db.$queryRaw<{ case_events: bigint; admin_events: bigint }[]>`
      SELECT (SELECT count(*) FROM "case_events" WHERE "at" < ${before}) AS "case_events",
             (SELECT count(*) FROM "admin_events" WHERE "at" < ${before} AND "type" <> ${AUDIT_PURGED_EVENT}) AS "admin_events"`;
    return { caseEvents: Number(row?.case_events ?? 0), adminEvents: Number(row?.admin_events ?? 0) };
  }
  return {
    countBefore: (before) => countBefore(prisma, before),
    async purgeBefore(before, actorId) {
      return prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT set_config('patient_relations.audit_purge_before', ${before.toISOString()}, true)`;
          const caseEvents = await tx.$executeRaw`DELETE FROM "case_events" WHERE "at" < ${before}`;
          const adminEvents = await tx.$executeRaw`DELETE FROM "admin_events" WHERE "at" < ${before} AND "type" <> ${AUDIT_PURGED_EVENT}`;
          if (caseEvents + adminEvents > 0) {
            await tx.adminEvent.create({
              data: {
                type: AUDIT_PURGED_EVENT,
                actorId,
                data: { count: String(caseEvents + adminEvents), caseEvents: String(caseEvents), adminEvents: String(adminEvents), before: before.toISOString() },
              },
            });
          }
          return { caseEvents, adminEvents };
        },
        // Years of events can be many rows; the purge is rare and touches only old rows.
        { timeout: 10 * 60_000, maxWait: 30_000 },
      );
    },
  };
}
