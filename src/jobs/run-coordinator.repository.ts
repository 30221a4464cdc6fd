import type { PrismaClient } from "../db/generated/client.ts";
import type { JobRunCoordinator } from "./scheduler.ts";

const FIRST_START = "first-start:";

/**
 * node-cron's distributed mode asks this before each fire: the first instance to insert the
 * slot's row runs it, every other instance (and a restarted one) skips it. Rows are kept, so a
 * slot is never run twice, however late an instance arrives.
 */
export function databaseRunCoordinator(prisma: PrismaClient): JobRunCoordinator {
  return {
    async shouldRun(key: string, _ttlMs: number): Promise<boolean> {
      const inserted = await prisma.$executeRaw`INSERT INTO "job_runs" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING`;
      return inserted === 1;
    },
    /** Gives a slot back after a failed run, so a restarted or other instance can still post it. */
    async release(key: string): Promise<void> {
      await prisma.jobRun.deleteMany({ where: { key } });
    },
    async claimed(key: string): Promise<boolean> {
      return (await prisma.jobRun.count({ where: { key } })) > 0;
    },
    /**
     * When this installation first started the job: recorded once, by the first instance to start,
     * as a "first-start:<job>" row (a prefix no slot key has). An installation from before this
     * record has slot rows: it started no later than its earliest slot, so that slot bounds it.
     */
    async firstStart(job: string, now: Date): Promise<Date> {
      const key = `${FIRST_START}${job}`;
      const recorded = await prisma.jobRun.findUnique({ where: { key }, select: { claimedAt: true } });
      if (recorded) return recorded.claimedAt;
      // Slot keys end in an ISO time, so the smallest key is the earliest slot.
      const earliest = await prisma.jobRun.findFirst({ where: { key: { startsWith: `${job}:` } }, orderBy: { key: "asc" }, select: { key: true } });
      const slot = earliest ? new Date(earliest.key.slice(job.length + 1)) : null;
      const startedAt = slot && !Number.isNaN(slot.getTime()) && slot < now ? slot : now;
      // Two instances starting together: the first row wins, and both read it back.
      await prisma.jobRun.createMany({ data: [{ key, claimedAt: startedAt }], skipDuplicates: true });
      return (await prisma.jobRun.findUniqueOrThrow({ where: { key }, select: { claimedAt: true } })).claimedAt;
    },
  };
}
