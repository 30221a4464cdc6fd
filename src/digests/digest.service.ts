import { categoryLabel } from "../cases/taxonomy.ts";
import type { DigestRepository } from "./digest.repository.ts";
import { buildEscalationDigest, type EscalationDigest } from "./escalation.ts";
import { buildTrendDigest, type TrendDigest } from "./trends.ts";

export interface DigestPolicy {
  timeZone: string;
  unassignedAfterMs: number;
  draftWaitingAfterMs: number;
}

/** Builds the escalation and trend digests from the database at a given moment. */
export function createDigestService(repository: DigestRepository, policy: DigestPolicy) {
  return {
    async escalation(now: Date): Promise<EscalationDigest> {
      const [openCases, interimLetterCaseIds, draftsWaiting] = await Promise.all([
        repository.openCases(),
        repository.caseIdsWithApprovedLetter(),
        repository.draftsWaiting(),
      ]);
      return buildEscalationDigest({ openCases, interimLetterCaseIds, draftsWaiting, now, ...policy });
    },

    async trends(periodEnd: Date): Promise<TrendDigest> {
      const [cases, firstDrafts] = await Promise.all([repository.trendCases(periodEnd), repository.firstDrafts(periodEnd)]);
      return buildTrendDigest({ cases, firstDrafts, periodEnd, categoryLabel });
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
