import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import type { ClaimedMessage, OutboxRepository, QueuedPost } from "./outbox.ts";

/** Queues posts in one statement, in order; one whose key is already queued (or sent) is left as it is. */
export async function queueOnce(db: Prisma.TransactionClient | PrismaClient, posts: readonly QueuedPost[]): Promise<number> {
  if (posts.length === 0) return 0;
  return (await db.outboxMessage.createMany({ data: [...posts], skipDuplicates: true })).count;
}

/** Durable queue of Slack posts written in the same transaction as the change they announce. */
export function createOutboxRepository(prisma: PrismaClient): OutboxRepository {
  return {
    /** Leases up to `limit` due messages; SKIP LOCKED lets several instances drain the queue without overlap. */
    async claimDue(now, leaseMs, limit) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const claimed = await prisma.$queryRaw<ClaimedMessage[]>`
        UPDATE "outbox_messages" SET "locked_until" = ${leaseUntil}, "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT "id" FROM "outbox_messages"
          WHERE "status" = 'pending' AND "next_attempt_at" <= ${now}
            AND ("locked_until" IS NULL OR "locked_until" < ${now})
          ORDER BY "id" LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING "id", "kind", "payload", "attempts"`;
      // RETURNING does not keep the subquery's order; delivery order matters (route before card).
      return claimed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    async markSent(id, now) {
      await prisma.outboxMessage.update({ where: { id }, data: { status: "sent", sentAt: now, lockedUntil: null, lastError: null } });
    },

    /** How many posts wait (due or backing off) and how many were given up, for health checks. */
    async counts(now) {
      const [row] = await prisma.$queryRaw<{ waiting: bigint; failed: bigint; oldest: Date | null }[]>`
        SELECT count(*) FILTER (WHERE "status" = 'pending') AS "waiting",
               count(*) FILTER (WHERE "status" = 'failed') AS "failed",
               min("created_at") FILTER (WHERE "status" = 'pending') AS "oldest"
        FROM "outbox_messages" WHERE "status" IN ('pending', 'failed')`;
      const oldest = row?.oldest ?? null;
      return {
        waiting: Number(row?.waiting ?? 0),
        failed: Number(row?.failed ?? 0),
        oldestWaitingSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
      };
    },

    /** Queues every given-up post again (after, say, the bot was invited to its channel). */
    async retryFailed(now) {
      const result = await prisma.outboxMessage.updateMany({
        where: { status: "failed" },
        data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null },
      });
      return result.count;
    },

    /** Schedules a retry, or gives up (status failed) after the last attempt; `error` must hold codes, not content. */
    async markFailed(id, error, retryAt) {
      await prisma.outboxMessage.update({
        where: { id },
        data: retryAt
          ? { lastError: error, nextAttemptAt: retryAt, lockedUntil: null }
          : { lastError: error, status: "failed", lockedUntil: null },
      });
    },
  };
}
