import type { PrismaClient } from "../db/generated/client.ts";
import { SUMMARY_FIELDS, toSummary } from "../cases/case.repository.ts";
import type { CaseSummary } from "../cases/case.ts";
import { OPEN_STATUSES } from "../cases/lifecycle.ts";
import type { FirstDraft, TrendCase } from "./trends.ts";

const WEEK = 7 * 24 * 3_600_000;

/** The reads behind the digests: open cases and letter states; ten weeks of history for trends. */
export function createDigestRepository(prisma: PrismaClient) {
  return {
    async openCases(): Promise<CaseSummary[]> {
      return (await prisma.case.findMany({ where: { status: { in: [...OPEN_STATUSES] } }, select: SUMMARY_FIELDS })).map(toSummary);
    },

    /** Cases that need no interim letter any more: one is approved or sent, or the written response is. */
    async caseIdsWithApprovedLetter(): Promise<Set<string>> {
      const rows = await prisma.letter.findMany({ where: { status: { in: ["approved", "sent"] } }, select: { caseId: true } });
      return new Set(rows.map((row) => row.caseId));
    },

    async draftsWaiting(): Promise<{ caseId: string; since: Date }[]> {
      const rows = await prisma.letter.findMany({ where: { status: "draft" }, select: { caseId: true, updatedAt: true } });
      return rows.map((row) => ({ caseId: row.caseId, since: row.updatedAt }));
    },

    /** Cases received in the ten weeks before `periodEnd` (period, previous week, 8-week baseline), with their first approved letter. */
    async trendCases(periodEnd: Date): Promise<TrendCase[]> {
      const rows = await prisma.case.findMany({
        // Received in the last ten weeks, or closed this week however long ago it was received.
        where: {
          OR: [
            { receivedAt: { gte: new Date(periodEnd.getTime() - 10 * WEEK), lt: periodEnd } },
            { closedAt: { gte: new Date(periodEnd.getTime() - WEEK), lt: periodEnd } },
          ],
        },
        select: {
          id: true,
          category: true,
          department: true,
          type: true,
          receivedAt: true,
          acknowledgedAt: true,
          closedAt: true,
          responseDueAt: true,
          letters: { where: { approvedAt: { not: null } }, select: { approvedAt: true }, orderBy: { approvedAt: "asc" }, take: 1 },
        },
      });
      return rows.map(({ letters, ...row }) => ({
        ...row,
        type: row.type as TrendCase["type"],
        firstLetterApprovedAt: letters[0]?.approvedAt ?? null,
      }));
    },

    async firstDrafts(periodEnd: Date): Promise<FirstDraft[]> {
      const rows = await prisma.letterVersion.findMany({
        where: { number: 1, createdAt: { gte: new Date(periodEnd.getTime() - WEEK), lt: periodEnd } },
        select: { createdAt: true, checks: true },
      });
      return rows.map((row) => ({
        createdAt: row.createdAt,
        allRequiredPassed: (row.checks as { required: boolean; passed: boolean }[]).every((check) => !check.required || check.passed),
      }));
    },
  };
}

export type DigestRepository = ReturnType<typeof createDigestRepository>;
