import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { Job } from "./scheduler.ts";

// Retention: sent posts and job-run records are purged daily once they are old, in batches, so a
// large backlog never holds a long lock on a busy table. Waiting and failed posts stay, whatever
// their age. Audit events are never purged here: only /case admin purge-audit does that, past
// AUDIT_RETENTION_YEARS, and it is audited (src/users/admin.service.ts).

/** The rows the purge may delete, in one batch each (port; retention.repository.ts is the SQL). */
export interface RetentionStore {
  /** Deletes up to `limit` sent posts sent before `before`; returns how many. */
  purgeSentPosts(before: Date, limit: number): Promise<number>;
  /** Deletes up to `limit` job-slot records claimed before `before` (never a first-start record); returns how many. */
  purgeJobRuns(before: Date, limit: number): Promise<number>;
}

export interface RetentionPolicy {
  outboxDays: number;
  jobRunDays: number;
}

/** Rows deleted per statement: small enough that each DELETE is short, large enough to clear a backlog. */
export const PURGE_BATCH = 5000;
/** Daily at 04:30 in the hospital's time zone, outside the 01:00–03:00 hours a DST change skips or repeats. */
export const RETENTION_SCHEDULE = "30 4 * * *";

const DAY_MS = 86_400_000;

export interface PurgeCounts {
  sentPosts: number;
  jobRuns: number;
}

/** Deletes batch after batch until one comes back short. */
async function inBatches(purge: (limit: number) => Promise<number>, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await purge(batch);
    total += deleted;
    if (deleted < batch) return total;
  }
}

/** One purge: sent posts older than `outboxDays`, job runs older than `jobRunDays`. */
export async function purgeExpired(store: RetentionStore, policy: RetentionPolicy, now: Date, batch = PURGE_BATCH): Promise<PurgeCounts> {
  const postsBefore = new Date(now.getTime() - policy.outboxDays * DAY_MS);
  const runsBefore = new Date(now.getTime() - policy.jobRunDays * DAY_MS);
  const sentPosts = await inBatches((limit) => store.purgeSentPosts(postsBefore, limit), batch);
  const jobRuns = await inBatches((limit) => store.purgeJobRuns(runsBefore, limit), batch);
  return { sentPosts, jobRuns };
}

/**
 * The daily purge, run once per slot across instances (the run coordinator); logs counts only.
 * Ages are measured on `clock`, the real time posts are sent on, whatever clock the case rules use.
 * A slot missed in the last 12 hours (the bot was down at 04:30) is run once at start-up.
 */
export function retentionJob(deps: { store: RetentionStore; policy: RetentionPolicy; clock: Clock; logger: Logger; batch?: number }): Job {
  return {
    name: "retention",
    schedule: RETENTION_SCHEDULE,
    distributed: true,
    catchUpWithinMs: 12 * 3_600_000,
    async run() {
      const counts = await purgeExpired(deps.store, deps.policy, deps.clock.now(), deps.batch);
      deps.logger.info({ job: "retention", ...counts, outboxDays: deps.policy.outboxDays, jobRunDays: deps.policy.jobRunDays }, "retention purge done");
      return counts;
    },
  };
}
