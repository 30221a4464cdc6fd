import cron, { type RunCoordinator, type ScheduledTask } from "node-cron";
import type { Clock } from "../lib/clock.ts";
import { errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";

export interface Job {
  name: string;
  /** Cron expression in the hospital's time zone. */
  schedule: string;
  /** `slot` is the scheduled fire time; `late` when it runs after a restart. */
  run(now: Date, slot?: { at: Date; late: boolean }): Promise<unknown>;
  /** Once per slot across instances (digests); otherwise every instance runs it (idempotent jobs). */
  distributed?: boolean;
  /** A missed slot within this window is run once on start-up, marked late; older ones are only logged. Slots before the installation first started the job are neither. */
  catchUpWithinMs?: number;
}

const MINUTE = 60_000;
const OLDEST_LOOKBACK_MS = 7 * 24 * 3_600_000;

/** Who runs a distributed job's slot (port; run-coordinator.repository.ts keeps one row per job and slot). */
export interface JobRunCoordinator extends RunCoordinator {
  /** True for the first instance to claim the slot `key`; every other (and a restarted one) gets false. */
  shouldRun(key: string, ttlMs: number): Promise<boolean>;
  /** Whether the slot `key` was claimed (run, or running) by any instance. */
  claimed(key: string): Promise<boolean>;
  /** Gives a slot back after a failed run, so a restarted or other instance can still run it. */
  release(key: string): Promise<void>;
  /** When this installation first started the job (recorded once, by the first instance to start it). */
  firstStart(job: string, now: Date): Promise<Date>;
}

/** Runs jobs on their schedules, never overlapping; digests once per slot; missed slots caught up on start. */
export function createScheduler(jobs: readonly Job[], options: { timeZone: string; clock: Clock; logger: Logger; coordinator: JobRunCoordinator; afterRun?: () => void }) {
  const tasks: ScheduledTask[] = [];
  const { logger, coordinator } = options;

  async function runOnce(job: Job, slot?: { at: Date; late: boolean }): Promise<void> {
    try {
      const result = await job.run(options.clock.now(), slot);
      logger.debug({ job: job.name, slot: slot?.at.toISOString(), late: slot?.late, result }, "job ran");
      options.afterRun?.();
    } catch (error) {
      logger.error({ job: job.name, slot: slot?.at.toISOString(), error: errorSummary(error) }, "job failed");
      if (job.distributed && slot) await coordinator.release(`${job.name}:${slot.at.toISOString()}`).catch(() => {});
    }
  }

  /** The latest slot at or before `now` within `windowMs`, by asking the task which minutes it matches. */
  function latestSlot(task: ScheduledTask, now: Date, fromMs: number, windowMs: number): Date | null {
    const start = Math.floor((now.getTime() - fromMs) / MINUTE) * MINUTE;
    for (let at = start; at > now.getTime() - fromMs - windowMs; at -= MINUTE) {
      if (task.match(new Date(at))) return new Date(at);
    }
    return null;
  }

  async function catchUp(job: Job, task: ScheduledTask): Promise<void> {
    const now = options.clock.now();
    // A slot before the installation first ran this job was never its own: a new installation
    // posts nothing "late" and warns of nothing missed.
    const since = (await coordinator.firstStart(job.name, now)).getTime();
    const ours = (slot: Date | null) => (slot && slot.getTime() >= since ? slot : null);
    const window = job.catchUpWithinMs ?? 0;
    const recent = ours(window > 0 ? latestSlot(task, now, 0, window) : null);
    if (recent && (await coordinator.shouldRun(`${job.name}:${recent.toISOString()}`, 0))) {
      logger.info({ job: job.name, slot: recent.toISOString() }, "running a missed slot late");
      await runOnce(job, { at: recent, late: true });
      return;
    }
    const older = ours(latestSlot(task, now, window, OLDEST_LOOKBACK_MS - window));
    if (older && !recent && !(await coordinator.claimed(`${job.name}:${older.toISOString()}`))) {
      logger.warn({ job: job.name, slot: older.toISOString() }, "a slot was missed while the bot was down and is too late to post");
    }
  }

  return {
    runOnce,
    /** What a cron fire does: claim the slot, then run, so only one instance runs it. */
    async fire(job: Job, at: Date): Promise<boolean> {
      if (job.distributed && !(await coordinator.shouldRun(`${job.name}:${at.toISOString()}`, 0))) return false;
      await runOnce(job, { at, late: false });
      return true;
    },
    async start(): Promise<void> {
      for (const job of jobs) {
        const task = cron.schedule(job.schedule, (context) => runOnce(job, { at: context.date, late: false }), {
          name: job.name,
          timezone: options.timeZone,
          noOverlap: true,
          ...(job.distributed ? { distributed: true, runCoordinator: coordinator } : {}),
        });
        tasks.push(task);
        if (job.distributed) await catchUp(job, task);
        else await runOnce(job);
      }
    },
    async stop(): Promise<void> {
      await Promise.all(tasks.splice(0).map((task) => task.stop()));
    },
  };
}
