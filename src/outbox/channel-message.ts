import type { OutboxEntry } from "../cases/case.ts";
import type { OutboxHandlers } from "./outbox-handlers.ts";

// A message already rendered when it was queued (a digest part, a notice to an admin), posted as
// it is. Rendering at queue time keeps a digest the one its slot saw.

export const CHANNEL_MESSAGE_OUTBOX = "channel_message";

/** A rendered message: fallback text and Block Kit blocks. */
export interface ChannelMessage {
  text: string;
  blocks: readonly unknown[];
}

/** Outbox entries posting each message to `channelId` in order, once per `key` and part (`<key>:<part>`). */
export function channelMessageOutbox(key: string, channelId: string, messages: readonly ChannelMessage[]): OutboxEntry[] {
  return messages.map((message, part) => ({
    kind: CHANNEL_MESSAGE_OUTBOX,
    dedupeKey: `${key}:${part}`,
    // Parts are numbered so they post in order; the outbox delivers by id.
    payload: { channel: channelId, text: message.text, blocks: JSON.stringify(message.blocks) },
  }));
}

export function channelMessageHandlers(post: (channelId: string, message: ChannelMessage) => Promise<void>): OutboxHandlers {
  return {
    [CHANNEL_MESSAGE_OUTBOX]: async ({ channel, text, blocks }) => {
      if (channel) await post(channel, { text: text ?? "", blocks: JSON.parse(blocks ?? "[]") as unknown[] });
    },
  };
}
