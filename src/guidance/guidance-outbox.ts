import type { CaseDetails, CaseSummary } from "../cases/case.ts";
import { OUTBOX_KINDS } from "../cases/case-updates.ts";
import type { OutboxHandlers } from "../outbox/outbox-handlers.ts";

/** Posts the titles of the cards that fit a case in its thread, for its owner (port; Slack implements it). Titles only: no patient data. */
export type GuidancePoster = (summary: CaseSummary, ownerId: string, cards: readonly { id: string; title: string; urgent: boolean }[]) => Promise<void>;

/** Delivers the guidance line queued when a case gets an owner; nothing is posted when no card fits. */
export function guidanceOutboxHandlers(deps: {
  loadDetails(caseId: string): Promise<CaseDetails | null>;
  cardsFor(details: CaseDetails): Promise<readonly { id: string; title: string; urgent: boolean }[]>;
  post: GuidancePoster;
}): OutboxHandlers {
  return {
    [OUTBOX_KINDS.caseGuidance]: async (payload) => {
      if (!payload.caseId || !payload.ownerId) return;
      const details = await deps.loadDetails(payload.caseId);
      // The case moved on (a new owner's own line follows) or is gone.
      if (!details || details.summary.ownerId !== payload.ownerId) return;
      const cards = await deps.cardsFor(details);
      if (cards.length > 0) await deps.post(details.summary, payload.ownerId, cards);
    },
  };
}
