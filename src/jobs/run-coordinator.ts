import type { RunCoordinator } from "node-cron";
import type { PrismaClient } from "../db/generated/client.ts";

/**
 * node-cron's distributed mode asks this before each fire: the first instance to insert the
 * slot's row runs it, every other instance (and a restarted one) skips it. Rows are kept, so a
 * slot is never run twice, however late an instance arrives.
 */
export function databaseRunCoordinator(prisma: PrismaClient): RunCoordinator & {
  shouldRun(key: string, ttlMs: number): Promise<boolean>;
  claimed(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
} {
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
  };
}
