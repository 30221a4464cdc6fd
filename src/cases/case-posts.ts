import type { CaseRepository, CaseSummary } from "./case.ts";
import type { CaseUpdatePayload } from "./case-updates.ts";

/** Posts and refreshes case cards in the team channel (port; Slack implements it). */
export interface CaseNotifier {
  postCaseCard(summary: CaseSummary): Promise<{ channelId: string; messageTs: string }>;
  updateCaseCard(summary: CaseSummary): Promise<void>;
  postThreadUpdate(summary: CaseSummary, update: CaseUpdatePayload): Promise<void>;
  sendDirectMessage(userId: string, summary: CaseSummary, update: CaseUpdatePayload): Promise<void>;
}

type Payload = Record<string, string>;

async function load(cases: CaseRepository, payload: Payload): Promise<CaseSummary | null> {
  if (!payload.caseId) throw new Error("outbox message without caseId");
  return cases.findSummary(payload.caseId);
}

/** Outbox handlers that deliver case posts: the first card, card refreshes, thread lines, direct messages. */
export function caseOutboxHandlers(cases: CaseRepository, notifier: CaseNotifier) {
  return {
    /** Posts the card once; a retry after a post that was recorded refreshes instead. */
    async caseCard(payload: Payload) {
      const summary = await load(cases, payload);
      if (!summary) return;
      if (summary.cardChannelId && summary.cardMessageTs) return notifier.updateCaseCard(summary);
      const posted = await notifier.postCaseCard(summary);
      await cases.recordCardPosted(summary.id, posted.channelId, posted.messageTs);
    },
    async caseCardRefresh(payload: Payload) {
      const summary = await load(cases, payload);
      if (summary) await notifier.updateCaseCard(summary);
    },
    async threadUpdate(payload: Payload) {
      const summary = await load(cases, payload);
      if (summary) await notifier.postThreadUpdate(summary, payload as CaseUpdatePayload);
    },
    async directMessage(payload: Payload) {
      const summary = await load(cases, payload);
      if (summary && payload.recipientId) await notifier.sendDirectMessage(payload.recipientId, summary, payload as CaseUpdatePayload);
    },
  };
}
