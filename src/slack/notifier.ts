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

/** A routing team as the card needs it: its name, and its own channel if it has one. */
export interface CardTeam {
  name: string;
  channel?: string | undefined;
}

/** Slack's answers when the bot cannot post in a channel: the card then goes to the case channel. */
const CHANNEL_REFUSALS = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

function isChannelRefusal(error: unknown): boolean {
  const code = (error as { data?: { error?: unknown } }).data?.error;
  return typeof code === "string" && CHANNEL_REFUSALS.has(code);
}

/**
 * The Slack Web API side of CaseNotifier: cards, thread updates and direct messages. A case's card
 * goes to its team's channel when the routing rules give the team one, else to `channelId`.
 */
export function createSlackCaseNotifier(client: WebClient, channelId: string, timeZone: string, teamOf: (teamId: string | null) => Promise<CardTeam | undefined>) {
  const render = (summary: CaseSummary, team: CardTeam | undefined) => caseCard(summary, timeZone, team?.name);

  async function post(channel: string, summary: CaseSummary, team: CardTeam | undefined) {
    const result = await client.chat.postMessage({ channel, ...render(summary, team), unfurl_links: false, unfurl_media: false });
    if (!result.ts || !result.channel) throw new Error("chat.postMessage returned no ts");
    return { channelId: result.channel, messageTs: result.ts };
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
      const team = await teamOf(summary.teamId);
      if (!team?.channel || team.channel === channelId) return post(channelId, summary, team);
      try {
        return await post(team.channel, summary, team);
      } catch (error) {
        // A team channel the bot was never invited to must not keep the card from the team.
        if (!isChannelRefusal(error)) throw error;
        return post(channelId, summary, team);
      }
    },
    async updateCaseCard(summary) {
      if (!summary.cardChannelId || !summary.cardMessageTs) throw new CardNotPostedError();
      await client.chat.update({ channel: summary.cardChannelId, ts: summary.cardMessageTs, ...render(summary, await teamOf(summary.teamId)) });
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
