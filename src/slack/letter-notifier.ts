import type { WebClient } from "@slack/web-api";
import type { LetterNotifier } from "../letters/letter-views.ts";
import { letterMessage, letterPlaceholder } from "./blocks/letter.ts";
import { CardNotPostedError } from "./notifier.ts";

/** Letters live in the case card's thread: one message per letter, updated as it changes. */
export function createSlackLetterNotifier(client: WebClient, timeZone: string): LetterNotifier {
  return {
    async postPlaceholder(summary, letter) {
      if (!summary.cardChannelId || !summary.cardMessageTs) throw new CardNotPostedError();
      const result = await client.chat.postMessage({ channel: summary.cardChannelId, thread_ts: summary.cardMessageTs, ...letterPlaceholder(summary.number, letter.kind) });
      if (!result.ts || !result.channel) throw new Error("chat.postMessage returned no ts");
      return { channelId: result.channel, ts: result.ts };
    },
    async showLetter(view) {
      const { letter } = view;
      if (!letter.threadChannelId || !letter.threadTs) return;
      await client.chat.update({ channel: letter.threadChannelId, ts: letter.threadTs, ...letterMessage(view, timeZone) });
    },
    async uploadPrivately(userId, filename, title, content) {
      const dm = await client.conversations.open({ users: userId });
      const channelId = dm.channel?.id;
      if (!channelId) throw new Error("conversations.open returned no channel");
      await client.files.uploadV2({ channel_id: channelId, file: content, filename, title });
    },
  };
}
