import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { ChannelMessage } from "../outbox/channel-message.ts";
import type { DeliveryAlert } from "../outbox/delivery-alerts.ts";
import { deliveryAlertMessage } from "./blocks/delivery-alert.ts";

/** The Web API side of the outbox's generic posts: rendered channel messages and refusal alerts. */
export function createSlackPoster(client: WebClient) {
  return {
    async postChannelMessage(channel: string, message: ChannelMessage): Promise<void> {
      await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as KnownBlock[], unfurl_links: false });
    },
    async sendDeliveryAlert(alert: DeliveryAlert): Promise<void> {
      await client.chat.postMessage({ channel: alert.recipientId, ...deliveryAlertMessage(alert), unfurl_links: false });
    },
  };
}
