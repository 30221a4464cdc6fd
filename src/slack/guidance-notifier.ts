import type { WebClient } from "@slack/web-api";
import type { GuidancePoster } from "../guidance/guidance-outbox.ts";
import { guidanceThreadMessage } from "./blocks/guidance.ts";
import { CardNotPostedError } from "./notifier.ts";

/** The Slack side of GuidancePoster: a reply in the case's thread naming the cards, with a button to read them privately. */
export function createSlackGuidancePoster(client: WebClient): GuidancePoster {
  return async (summary, ownerId, cards) => {
    if (!summary.cardChannelId || !summary.cardMessageTs) throw new CardNotPostedError();
    await client.chat.postMessage({ channel: summary.cardChannelId, thread_ts: summary.cardMessageTs, ...guidanceThreadMessage(summary.id, ownerId, cards), unfurl_links: false });
  };
}
