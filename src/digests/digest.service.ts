import { categoryLabel } from "../cases/taxonomy.ts";
import { localDateKey } from "../lib/zoned-time.ts";
import type { TrendDenominators } from "./denominators.ts";
import type { DigestRepository } from "./digest.ts";
import { buildEscalationDigest, type EscalationDigest } from "./escalation.ts";
import { buildTrendDigest, type TrendDigest } from "./trends.ts";

export interface DigestPolicy {
  timeZone: string;
  unassignedAfterMs: number;
  draftWaitingAfterMs: number;
  /** Patient days or visits per unit and week (TREND_DENOMINATORS_FILE): those units are charted as rates. */
  trendDenominators?: TrendDenominators;
}

/** Builds the escalation and trend digests from the database at a given moment. */
export function createDigestService(repository: DigestRepository, policy: DigestPolicy) {
  return {
    async escalation(now: Date): Promise<EscalationDigest> {
      const [{ openCases, interimLetterCaseIds, lastWrittenUpdate }, draftsWaiting] = await Promise.all([
        repository.escalationCandidates(now),
        repository.draftsWaiting(),
      ]);
      return buildEscalationDigest({ openCases, interimLetterCaseIds, lastWrittenUpdate, draftsWaiting, now, ...policy });
    },

    async trends(periodEnd: Date): Promise<TrendDigest> {
      // Comments have dates, not times: this week is the seven local dates before the one periodEnd falls on.
      const endDate = localDateKey(periodEnd, policy.timeZone);
      const [receivedByCategory, receivedByDepartment, firstReceivedAt, hoursToAcknowledge, hoursToResolve, grievanceClock, firstDrafts, commentWeeks, firstCommentDate] = await Promise.all([
        repository.receivedByCategory(periodEnd),
        repository.receivedByDepartment(periodEnd),
        repository.firstReceivedAt(periodEnd),
        repository.hoursToAcknowledge(periodEnd),
        repository.hoursToResolve(periodEnd),
        repository.grievanceClock(periodEnd),
        repository.firstDrafts(periodEnd),
        repository.commentsByWeek(endDate),
        repository.firstCommentDate(endDate),
      ]);
      const comments = { endDate, weekly: commentWeeks, firstCommentDate };
      const aggregates = { receivedByCategory, receivedByDepartment, firstReceivedAt, hoursToAcknowledge, hoursToResolve, grievanceClock, firstDrafts, comments };
      return buildTrendDigest({ aggregates, periodEnd, categoryLabel, denominators: policy.trendDenominators });
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
