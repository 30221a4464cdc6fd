import type { WebClient } from "@slack/web-api";
import type { CaseNotifier } from "../cases/case-card.publisher.ts";
import { caseCard } from "./blocks/case-card.ts";

/** The Slack Web API side of CaseNotifier: posts cards to the team channel. */
export function createSlackCaseNotifier(client: WebClient, channelId: string, timeZone: string): CaseNotifier {
  return {
    async postCaseCard(summary) {
      const message = caseCard(summary, timeZone);
      const result = await client.chat.postMessage({ channel: channelId, ...message, unfurl_links: false, unfurl_media: false });
      if (!result.ts || !result.channel) throw new Error("chat.postMessage returned no ts");
      return { channelId: result.channel, messageTs: result.ts };
    },
    async updateCaseCard(summary) {
      if (!summary.cardChannelId || !summary.cardMessageTs) return;
      await client.chat.update({ channel: summary.cardChannelId, ts: summary.cardMessageTs, ...caseCard(summary, timeZone) });
    },
  };
}
