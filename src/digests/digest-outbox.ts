import type { OutboxEntry } from "../cases/case.ts";
import { type ChannelMessage, channelMessageOutbox } from "../outbox/channel-message.ts";

/** Outbox entries posting each message of a digest to a channel, once per slot and part. */
export function digestOutbox(job: string, slotKey: string, channelId: string, messages: readonly ChannelMessage[]): OutboxEntry[] {
  return channelMessageOutbox(`digest:${job}:${channelId}:${slotKey}`, channelId, messages);
}
