import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../lib/clock.ts";
import { errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";

export interface Job {
  name: string;
  /** Cron expression in the hospital's time zone. */
  schedule: string;
  run(now: Date): Promise<unknown>;
}

/** Runs jobs on their schedules (and once at start, to catch up after downtime); no overlapping runs. */
export function createScheduler(jobs: readonly Job[], options: { timeZone: string; clock: Clock; logger: Logger; afterRun?: () => void }) {
  const tasks: ScheduledTask[] = [];

  async function runOnce(job: Job): Promise<void> {
    try {
      const result = await job.run(options.clock.now());
      options.logger.debug({ job: job.name, result }, "job ran");
      options.afterRun?.();
    } catch (error) {
      options.logger.error({ job: job.name, error: errorSummary(error) }, "job failed");
    }
  }

  return {
    runOnce,
    async start(): Promise<void> {
      for (const job of jobs) {
        if (!cron.validate(job.schedule)) throw new Error(`Invalid schedule for job ${job.name}: ${job.schedule}`);
        tasks.push(cron.schedule(job.schedule, () => runOnce(job), { name: job.name, timezone: options.timeZone, noOverlap: true }));
      }
      await Promise.all(jobs.map((job) => runOnce(job)));
    },
    async stop(): Promise<void> {
      await Promise.all(tasks.splice(0).map((task) => task.stop()));
    },
  };
}
