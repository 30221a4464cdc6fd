import type { OutboxEntry } from "../cases/case.ts";
import type { Metrics } from "../lib/metrics.ts";
import { digestOutbox } from "../digests/digest-outbox.ts";
import type { ChannelMessage } from "../outbox/channel-message.ts";
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
  return {
    name: deps.name,
    schedule: deps.schedule,
    distributed: true,
    catchUpWithinMs: deps.catchUpWithinMs,
    async run(now, slot) {
      const at = slot ?? { at: now, late: false };
      const recipients = await deps.recipients();
      if (recipients.length === 0) return 0;
      const messages = await deps.render(now, at);
      // A direct message is a post to the person's user id; one key per person and slot, so a retry sends it once.
      const queued = await deps.enqueue(recipients.flatMap((userId) => digestOutbox(deps.name, at.at.toISOString(), userId, messages)));
      if (queued > 0) deps.metrics?.digestPosted("team");
      return queued;
    },
  };
}
