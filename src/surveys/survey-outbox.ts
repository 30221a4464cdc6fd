import type { OutboxHandlers } from "../outbox/outbox-handlers.ts";
import type { QueuedPost } from "../outbox/outbox.ts";
import type { CandidateNotifier, CandidateOffer } from "./surveys.ts";

// The grievance candidates an import finds are offered through the outbox, queued in the import's
// own transaction: a crash during or after an import cannot lose an offer, and a retry posts it
// once. A payload holds a recipient and the offers' ids, units, categories and dates: no comment
// text and no patient identity.

export const SURVEY_OUTBOX = { offer: "survey_candidate_offer" } as const;

/** Offers in one message: one section each, within a message's 50 blocks (src/slack/blocks/survey-import.ts). */
export const OFFERS_PER_MESSAGE = 20;

/** One queued DM per recipient and group of up to OFFERS_PER_MESSAGE offers; each comment id is in one group, so its first id keys it. */
export function candidateOfferPosts(recipients: readonly string[], offers: readonly CandidateOffer[]): QueuedPost[] {
  const posts: QueuedPost[] = [];
  for (let start = 0; start < offers.length; start += OFFERS_PER_MESSAGE) {
    const group = offers.slice(start, start + OFFERS_PER_MESSAGE);
    for (const recipientId of new Set(recipients)) {
      posts.push({
        kind: SURVEY_OUTBOX.offer,
        dedupeKey: `survey-offer:${group[0]!.commentId}:${recipientId}`,
        payload: { recipientId, offers: JSON.stringify(group.map(({ commentId, unit, category, date }) => ({ commentId, unit, category, date }))) },
      });
    }
  }
  return posts;
}

function offersOf(raw: string | undefined): CandidateOffer[] {
  const parsed: unknown = JSON.parse(raw ?? "[]");
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (item): item is CandidateOffer =>
      typeof item === "object" && item !== null && ["commentId", "unit", "category", "date"].every((field) => typeof (item as Record<string, unknown>)[field] === "string"),
  );
}

export function surveyOutboxHandlers(notifier: CandidateNotifier): OutboxHandlers {
  return {
    [SURVEY_OUTBOX.offer]: async ({ recipientId, offers }) => {
      const list = offersOf(offers);
      if (recipientId && list.length > 0) await notifier.offer(recipientId, list);
    },
  };
}
