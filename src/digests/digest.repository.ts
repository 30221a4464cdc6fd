import type { PrismaClient } from "../db/generated/client.ts";
import { SUMMARY_FIELDS, toSummary } from "../cases/case.repository.ts";
import type { CaseSummary } from "../cases/case.ts";
import { OPEN_STATUSES } from "../cases/lifecycle.ts";
import type { FirstDraft, TrendCase } from "./trends.ts";

const WEEK = 7 * 24 * 3_600_000;

/** The reads behind the digests: open cases and letter states; ten weeks of history for trends. */
export function createDigestRepository(prisma: PrismaClient) {
  return {
    /** Open cases without their task lists: digests do not show tasks, and loading them by id list breaks past ~32,000 cases. */
    async openCases(): Promise<CaseSummary[]> {
      const { tasks: _tasks, ...fields } = SUMMARY_FIELDS;
      const rows = await prisma.case.findMany({ where: { status: { in: [...OPEN_STATUSES] } }, select: fields });
      return rows.map((row) => toSummary({ ...row, tasks: [] }));
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

    /** Cases received in the ten weeks before `periodEnd` (period, previous week, 8-week baseline), or closed in the period, with their first approved letter. */
    async trendCases(periodEnd: Date): Promise<TrendCase[]> {
      const windowStart = new Date(periodEnd.getTime() - 10 * WEEK);
      const periodStart = new Date(periodEnd.getTime() - WEEK);
      const rows = await prisma.case.findMany({
        where: {
          OR: [
            { receivedAt: { gte: windowStart, lt: periodEnd } },
            { closedAt: { gte: periodStart, lt: periodEnd } },
          ],
        },
        select: { id: true, category: true, department: true, type: true, receivedAt: true, acknowledgedAt: true, closedAt: true, responseDueAt: true },
      });
      // One grouped query, not an id list: a large window would pass Prisma's parameter limit.
      const approvals = await prisma.$queryRaw<{ case_id: string; first: Date }[]>`
        SELECT l."case_id", min(l."approved_at") AS "first"
        FROM "letters" l JOIN "cases" c ON c."id" = l."case_id"
        WHERE l."approved_at" IS NOT NULL
          AND ((c."received_at" >= ${windowStart} AND c."received_at" < ${periodEnd}) OR (c."closed_at" >= ${periodStart} AND c."closed_at" < ${periodEnd}))
        GROUP BY l."case_id"`;
      const firstApproval = new Map(approvals.map((row) => [row.case_id, row.first]));
      return rows.map((row) => ({ ...row, type: row.type as TrendCase["type"], firstLetterApprovedAt: firstApproval.get(row.id) ?? null }));
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
