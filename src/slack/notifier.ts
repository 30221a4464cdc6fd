import type { WebClient } from "@slack/web-api";
import type { CaseNotifier } from "../cases/case-posts.ts";
import type { CaseSummary } from "../cases/case.ts";
import type { CaseUpdatePayload } from "../cases/case-updates.ts";
import { caseCard } from "./blocks/case-card.ts";
import { directMessageText, threadUpdateText } from "./blocks/case-updates.ts";

/** Thrown while a case's card is not in the channel yet; the outbox retries shortly. */
export class CardNotPostedError extends Error {
  override name = "CardNotPostedError";
}

/** The Slack Web API side of CaseNotifier: cards, thread updates and direct messages. */
export function createSlackCaseNotifier(client: WebClient, channelId: string, timeZone: string, teamName: (teamId: string | null) => Promise<string | undefined>) {
  async function render(summary: CaseSummary) {
    return caseCard(summary, timeZone, await teamName(summary.teamId));
  }

  async function permalink(summary: CaseSummary): Promise<string | null> {
    if (!summary.cardChannelId || !summary.cardMessageTs) return null;
    try {
      const result = await client.chat.getPermalink({ channel: summary.cardChannelId, message_ts: summary.cardMessageTs });
      return result.permalink ?? null;
    } catch {
      return null;
    }
  }

  const notifier: CaseNotifier & {
    postThreadUpdate(summary: CaseSummary, update: CaseUpdatePayload): Promise<void>;
    sendDirectMessage(userId: string, summary: CaseSummary, update: CaseUpdatePayload): Promise<void>;
  } = {
    async postCaseCard(summary) {
      const result = await client.chat.postMessage({ channel: channelId, ...(await render(summary)), unfurl_links: false, unfurl_media: false });
      if (!result.ts || !result.channel) throw new Error("chat.postMessage returned no ts");
      return { channelId: result.channel, messageTs: result.ts };
    },
    async updateCaseCard(summary) {
      if (!summary.cardChannelId || !summary.cardMessageTs) throw new CardNotPostedError();
      await client.chat.update({ channel: summary.cardChannelId, ts: summary.cardMessageTs, ...(await render(summary)) });
    },
    async postThreadUpdate(summary, update) {
      if (!summary.cardChannelId || !summary.cardMessageTs) throw new CardNotPostedError();
      const text = threadUpdateText({ ...update, timeZone });
      await client.chat.postMessage({ channel: summary.cardChannelId, thread_ts: summary.cardMessageTs, text, unfurl_links: false });
    },
    async sendDirectMessage(userId, summary, update) {
      const text = directMessageText({ ...update, timeZone }, summary, await permalink(summary));
      await client.chat.postMessage({ channel: userId, text, unfurl_links: false });
    },
  };
  return notifier;
}

export type SlackCaseNotifier = ReturnType<typeof createSlackCaseNotifier>;
