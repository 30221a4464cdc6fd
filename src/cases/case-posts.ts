import type { CaseRepository, CaseSummary } from "./case.ts";
import type { OutboxHandlers } from "../outbox/outbox-handlers.ts";
import { type CaseUpdatePayload, OUTBOX_KINDS } from "./case-updates.ts";

/** A card that was posted; `refused` says why it went out as plain text instead. */
export interface PostedCard {
  channelId: string;
  messageTs: string;
  refused?: string;
}

/** Posts and refreshes case cards in the team channel (port; Slack implements it). */
export interface CaseNotifier {
  postCaseCard(summary: CaseSummary): Promise<PostedCard>;
  /** Resolves with `refused` when the card could only be shown as plain text. */
  updateCaseCard(summary: CaseSummary): Promise<{ refused?: string } | undefined>;
  postThreadUpdate(summary: CaseSummary, update: CaseUpdatePayload): Promise<void>;
  sendDirectMessage(userId: string, summary: CaseSummary, update: CaseUpdatePayload): Promise<void>;
}

type Payload = Record<string, string>;

async function load(cases: CaseRepository, payload: Payload): Promise<CaseSummary | null> {
  if (!payload.caseId) throw new Error("outbox message without caseId");
  return cases.findSummary(payload.caseId);
}

/** Told when a card could only go out as plain text, so a person hears of it. */
export type CardRefused = (summary: CaseSummary, kind: string, reason: string) => Promise<unknown>;

/** Outbox handlers that deliver case posts: the first card, card refreshes, thread lines, direct messages. */
export function caseOutboxHandlers(cases: CaseRepository, notifier: CaseNotifier, cardRefused: CardRefused): OutboxHandlers {
  const refresh = async (summary: CaseSummary, kind: string) => {
    const result = await notifier.updateCaseCard(summary);
    if (result?.refused) await cardRefused(summary, kind, result.refused);
  };
  return {
    /** Posts the card once; a retry after a post that was recorded refreshes instead. */
    [OUTBOX_KINDS.caseCard]: async (payload: Payload) => {
      const summary = await load(cases, payload);
      if (!summary) return;
      if (summary.cardChannelId && summary.cardMessageTs) return refresh(summary, "case_card");
      const posted = await notifier.postCaseCard(summary);
      await cases.recordCardPosted(summary.id, posted.channelId, posted.messageTs);
      if (posted.refused) await cardRefused(summary, "case_card", posted.refused);
    },
    [OUTBOX_KINDS.caseCardRefresh]: async (payload: Payload) => {
      const summary = await load(cases, payload);
      if (summary) await refresh(summary, "case_card_refresh");
    },
    [OUTBOX_KINDS.threadUpdate]: async (payload: Payload) => {
      const summary = await load(cases, payload);
      if (summary) await notifier.postThreadUpdate(summary, payload as CaseUpdatePayload);
    },
    [OUTBOX_KINDS.directMessage]: async (payload: Payload) => {
      const summary = await load(cases, payload);
      if (summary && payload.recipientId) await notifier.sendDirectMessage(payload.recipientId, summary, payload as CaseUpdatePayload);
    },
  };
}
