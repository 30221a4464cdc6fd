import type { OutboxEntry } from "../cases/case.ts";
import type { Metrics } from "../lib/metrics.ts";
import type { ChannelMessage } from "../outbox/channel-message.ts";
import { scheduledDigestJob } from "./digest.job.ts";
import type { Job } from "./scheduler.ts";

export interface TeamDigestJobDeps {
  name: string;
  schedule: string;
  catchUpWithinMs: number;
  /** Who receives it privately: the managers and admins. */
  recipients(): Promise<string[]>;
  /** The digest messages for this slot: the month before it. */
  render(now: Date, slot: { at: Date; late: boolean }): Promise<ChannelMessage[]>;
  enqueue(entries: OutboxEntry[]): Promise<number>;
  /** Counts the digest (kind "team") once it is queued. */
  metrics?: Pick<Metrics, "digestPosted">;
}

/** The monthly team digest: once per slot across instances, sent to each manager as a direct message through the outbox. */
export function teamDigestJob(deps: TeamDigestJobDeps): Job {
  const { metrics } = deps;
  return scheduledDigestJob({ ...deps, destinations: () => deps.recipients(), posted: metrics && (() => metrics.digestPosted("team")) });
}
