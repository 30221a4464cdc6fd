import type { OutboxEntry } from "../cases/case.ts";
import type { DigestKind, Metrics } from "../lib/metrics.ts";
import { digestOutbox } from "../digests/digest-outbox.ts";
import type { ChannelMessage } from "../outbox/channel-message.ts";
import type { Job } from "./scheduler.ts";

export interface DigestJobDeps {
  name: string;
  schedule: string;
  channelId: string;
  catchUpWithinMs: number;
  /** Builds the digest messages for this slot (late: posted after a restart). */
  render(now: Date, slot: { at: Date; late: boolean }): Promise<ChannelMessage[]>;
  enqueue(entries: OutboxEntry[]): Promise<number>;
  /** Counts the digest once it is queued (by `kind`). */
  metrics?: { registry: Pick<Metrics, "digestPosted">; kind: DigestKind };
}

/** A digest on a schedule, to whichever channels or people `destinations` names for the slot. */
export interface ScheduledDigestDeps {
  name: string;
  schedule: string;
  catchUpWithinMs: number;
  /** The channel or user ids to post to; with none, nothing is rendered or queued. */
  destinations(): Promise<string[]>;
  render(now: Date, slot: { at: Date; late: boolean }): Promise<ChannelMessage[]>;
  enqueue(entries: OutboxEntry[]): Promise<number>;
  /** Called once the digest is queued. */
  posted?: () => void;
}

/** A digest on a schedule: once per slot across instances, posted to each destination through the outbox. */
export function scheduledDigestJob(deps: ScheduledDigestDeps): Job {
  return {
    name: deps.name,
    schedule: deps.schedule,
    distributed: true,
    catchUpWithinMs: deps.catchUpWithinMs,
    async run(now, slot) {
      const at = slot ?? { at: now, late: false };
      const destinations = await deps.destinations();
      if (destinations.length === 0) return 0;
      const messages = await deps.render(now, at);
      // A direct message is a post to the person's user id; one key per destination and slot, so a retry sends it once.
      const queued = await deps.enqueue(destinations.flatMap((destination) => digestOutbox(deps.name, at.at.toISOString(), destination, messages)));
      if (queued > 0) deps.posted?.();
      return queued;
    },
  };
}

/** A digest on a schedule: once per slot across instances, posted to one channel through the outbox. */
export function digestJob(deps: DigestJobDeps): Job {
  const { metrics } = deps;
  return scheduledDigestJob({ ...deps, destinations: async () => [deps.channelId], posted: metrics && (() => metrics.registry.digestPosted(metrics.kind)) });
}
