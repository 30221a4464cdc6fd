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

/** A digest on a schedule: once per slot across instances, posted through the outbox. */
export function digestJob(deps: DigestJobDeps): Job {
  return {
    name: deps.name,
    schedule: deps.schedule,
    distributed: true,
    catchUpWithinMs: deps.catchUpWithinMs,
    async run(now, slot) {
      const at = slot ?? { at: now, late: false };
      const messages = await deps.render(now, at);
      const queued = await deps.enqueue(digestOutbox(deps.name, at.at.toISOString(), deps.channelId, messages));
      if (queued > 0) deps.metrics?.registry.digestPosted(deps.metrics.kind);
      return queued;
    },
  };
}
