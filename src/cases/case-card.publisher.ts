import type { CaseRepository, CaseSummary } from "./case.ts";

/** Posts and refreshes case cards in the team channel (port; Slack implements it). */
export interface CaseNotifier {
  postCaseCard(summary: CaseSummary): Promise<{ channelId: string; messageTs: string }>;
  updateCaseCard(summary: CaseSummary): Promise<void>;
}

/** Outbox handler for "case_card": posts the card once, or refreshes it when it already exists. */
export function caseCardHandler(cases: CaseRepository, notifier: CaseNotifier) {
  return async (payload: Record<string, string>): Promise<void> => {
    const caseId = payload.caseId;
    if (!caseId) throw new Error("case_card message without caseId");
    const summary = await cases.findSummary(caseId);
    if (!summary) return;
    if (summary.cardChannelId && summary.cardMessageTs) {
      await notifier.updateCaseCard(summary);
      return;
    }
    const posted = await notifier.postCaseCard(summary);
    await cases.recordCardPosted(caseId, posted.channelId, posted.messageTs);
  };
}
