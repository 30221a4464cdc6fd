import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import { routeOf } from "./outbox-lanes.ts";
import type { ClaimedMessage, OutboxRepository, QueuedPost } from "./outbox.ts";

/** Queues posts in one statement, in order; one whose key is already queued (or sent) is left as it is. */
export async function queueOnce(db: Prisma.TransactionClient | PrismaClient, posts: readonly QueuedPost[]): Promise<number> {
  if (posts.length === 0) return 0;
  return (await db.outboxMessage.createMany({ data: posts.map((post) => ({ ...post, ...routeOf(post.kind, post.payload) })), skipDuplicates: true })).count;
}

/** Waiting and failed posts by kind, with the oldest waiting one's age: one grouped query, for /metrics. */
export async function outboxCountsByKind(prisma: PrismaClient, now: Date): Promise<{ kind: string; waiting: number; failed: number; oldestWaitingSeconds: number | null }[]> {
  const rows = await prisma.$queryRaw<{ kind: string; waiting: bigint; failed: bigint; oldest: Date | null }[]>`
    SELECT "kind", count(*) FILTER (WHERE "status" = 'pending') AS "waiting",
           count(*) FILTER (WHERE "status" = 'failed') AS "failed",
           min("created_at") FILTER (WHERE "status" = 'pending') AS "oldest"
    FROM "outbox_messages" WHERE "status" IN ('pending', 'failed') GROUP BY "kind"`;
  return rows.map((row) => ({
    kind: row.kind,
    waiting: Number(row.waiting),
    failed: Number(row.failed),
    oldestWaitingSeconds: row.oldest ? Math.max(0, Math.round((now.getTime() - row.oldest.getTime()) / 1000)) : null,
  }));
}

/** Durable queue of Slack posts written in the same transaction as the change they announce. */
export function createOutboxRepository(prisma: PrismaClient): OutboxRepository {
  return {
    /**
     * Leases up to `limit` due messages of one lane; SKIP LOCKED lets several instances drain it
     * without overlap. A message waits while an older one with its order key is still pending
     * (leased, backing off or due): a case's card goes before its thread lines, on every instance.
     */
    async claimDue(lane, now, leaseMs, limit) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const claimed = await prisma.$queryRaw<ClaimedMessage[]>`
        UPDATE "outbox_messages" SET "locked_until" = ${leaseUntil}, "attempts" = "attempts" + 1,
          "first_attempt_at" = COALESCE("first_attempt_at", ${now})
        WHERE "id" IN (
          SELECT m."id" FROM "outbox_messages" m
          WHERE m."lane" = ${lane} AND m."status" = 'pending' AND m."next_attempt_at" <= ${now}
            AND (m."locked_until" IS NULL OR m."locked_until" < ${now})
            AND (m."order_key" IS NULL OR NOT EXISTS (
              SELECT 1 FROM "outbox_messages" e
              WHERE e."order_key" = m."order_key" AND e."status" = 'pending' AND e."lane" = m."lane" AND e."id" < m."id"))
          ORDER BY m."id" LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING "id", "kind", "payload", "attempts", "first_attempt_at" AS "firstAttemptAt"`;
      // RETURNING does not keep the subquery's order; delivery order matters (route before card).
      return claimed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    async renewLeases(ids, until) {
      if (ids.length === 0) return;
      await prisma.outboxMessage.updateMany({ where: { id: { in: [...ids] }, status: "pending" }, data: { lockedUntil: until } });
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
      const lanes = await prisma.$queryRaw<{ lane: string; waiting: bigint }[]>`
        SELECT "lane", count(*) AS "waiting" FROM "outbox_messages" WHERE "status" = 'pending' GROUP BY "lane"`;
      return {
        waitingByLane: Object.fromEntries(lanes.map((lane) => [lane.lane, Number(lane.waiting)])),
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
