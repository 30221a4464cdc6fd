import type { WebClient } from "@slack/web-api";
import type { CaseNotifier, PostedCard } from "../cases/case-posts.ts";
import type { CaseSummary } from "../cases/case.ts";
import type { CaseUpdatePayload } from "../cases/case-updates.ts";
import { caseCard, caseCardFallback } from "./blocks/case-card.ts";
import { QUICK_RETRIES } from "../outbox/outbox.dispatcher.ts";
import { cardPermalink } from "./blocks/case-link.ts";
import { directMessageText, threadUpdateText } from "./blocks/case-updates.ts";
import { currentDelivery } from "../outbox/delivery-context.ts";
import { isChannelRefusal, isLayoutRefusal, refusalReason } from "./slack-errors.ts";

/** Thrown while a case's card is not in the channel yet; the outbox retries shortly. */
export class CardNotPostedError extends Error {
  override name = "CardNotPostedError";
}

/** A routing team as the card needs it: its name, and its own channel if it has one. */
export interface CardTeam {
  name: string;
  channel?: string | undefined;
}

/**
 * The Slack Web API side of CaseNotifier: cards, thread updates and direct messages. A case's card
 * goes to its team's channel when the routing rules give the team one, else to `channelId`.
 */
export function createSlackCaseNotifier(
  client: WebClient,
  channelId: string,
  timeZone: string,
  teamOf: (teamId: string | null) => Promise<CardTeam | undefined>,
  workspaceUrl: () => string,
) {
  const render = (summary: CaseSummary, team: CardTeam | undefined) => caseCard(summary, timeZone, team?.name);

  async function post(channel: string, summary: CaseSummary, team: CardTeam | undefined): Promise<PostedCard> {
    const posted = (result: { ts?: string; channel?: string }) => {
      if (!result.ts || !result.channel) throw new Error("chat.postMessage returned no ts");
      return { channelId: result.channel, messageTs: result.ts };
    };
    try {
      return posted(await client.chat.postMessage({ channel, ...render(summary, team), unfurl_links: false, unfurl_media: false }));
    } catch (error) {
      // Slack refused the card's layout: post it as plain text so the case is never invisible.
      if (!isLayoutRefusal(error)) throw error;
      const { text } = caseCardFallback(summary, timeZone);
      return { ...posted(await client.chat.postMessage({ channel, text, unfurl_links: false, unfurl_media: false })), refused: refusalReason(error) };
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
      const where = { channel: summary.cardChannelId, ts: summary.cardMessageTs };
      try {
        await client.chat.update({ ...where, ...render(summary, await teamOf(summary.teamId)) });
        return undefined;
      } catch (error) {
        if (!isLayoutRefusal(error)) throw error;
        // An empty block list replaces the old card's blocks (https://docs.slack.dev/reference/methods/chat.update).
        await client.chat.update({ ...where, ...caseCardFallback(summary, timeZone) });
        return { refused: refusalReason(error) };
      }
    },
    async postThreadUpdate(summary, update) {
      if (!summary.cardChannelId || !summary.cardMessageTs) throw new CardNotPostedError();
      const text = threadUpdateText({ ...update, timeZone });
      await client.chat.postMessage({ channel: summary.cardChannelId, thread_ts: summary.cardMessageTs, text, unfurl_links: false });
    },
    async sendDirectMessage(userId, summary, update) {
      // A DM links the case's card; queued by routing, it usually races the card's first post. It
      // waits for the card for its quick retries (about two seconds; a harm or critical alert only
      // for its first try), then goes without the link rather than wait on a card Slack refuses.
      const attempt = currentDelivery()?.attempt ?? QUICK_RETRIES + 1;
      const patience = update.kind === "alert_harm_or_critical" ? 1 : QUICK_RETRIES;
      if (!summary.cardMessageTs && attempt <= patience) throw new CardNotPostedError();
      const text = directMessageText({ ...update, timeZone }, summary, cardPermalink(workspaceUrl(), summary));
      await client.chat.postMessage({ channel: userId, text, unfurl_links: false });
    },
  };
  return notifier;
}

export type SlackCaseNotifier = ReturnType<typeof createSlackCaseNotifier>;
