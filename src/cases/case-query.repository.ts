import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import { SUMMARY_FIELDS, toSummary } from "./case.repository.ts";
import type { CaseQueries, CaseStatus } from "./case.ts";
import { ACKNOWLEDGING_STATUS } from "./clocks.ts";
import { OPEN_STATUSES } from "./lifecycle.ts";

const LIST_LIMIT = 50;

const URGENT_FIRST: Prisma.CaseOrderByWithRelationInput[] = [
  { responseDueAt: { sort: "asc", nulls: "last" } },
  { acknowledgeDueAt: { sort: "asc", nulls: "last" } },
  { receivedAt: "asc" },
];

/** Read-only queries behind /case mine, open, search and the App Home tab. */
export function createCaseQueries(prisma: PrismaClient): CaseQueries {
  const open = { status: { in: [...OPEN_STATUSES] } } satisfies Prisma.CaseWhereInput;
  // The nearest deadlines first, so the limit drops the least urgent cases, never the most.
  const list = async (where: Prisma.CaseWhereInput, orderBy: Prisma.CaseOrderByWithRelationInput[] = URGENT_FIRST) =>
    (await prisma.case.findMany({ where, select: SUMMARY_FIELDS, orderBy, take: LIST_LIMIT })).map(toSummary);

  return {
    /** Open cases a reminder may be due for: a deadline before `soon`, or unassigned since before `unassignedBefore` (no limit). */
    async needingReminders(soon, unassignedBefore) {
      const rows = await prisma.case.findMany({
        where: {
          ...open,
          OR: [{ responseDueAt: { lte: soon } }, { status: ACKNOWLEDGING_STATUS, acknowledgeDueAt: { lte: soon } }, { ownerId: null, createdAt: { lte: unassignedBefore } }],
        },
        select: SUMMARY_FIELDS,
      });
      return rows.map(toSummary);
    },

    ownedBy: (userId) => list({ ...open, ownerId: userId }),
    filedBy: (userId) => list({ ...open, filedBy: userId }),
    unassigned: () => list({ ...open, ownerId: null }),

    /** Open cases whose unit contains `text` or whose category is one of `categoryIds`. */
    openMatching(text, categoryIds) {
      if (!text) return list(open);
      return list({ ...open, OR: [{ department: { contains: text, mode: "insensitive" } }, { category: { in: [...categoryIds] } }] });
    },

    /** Cases whose number, unit, description or wishes contain every word (case-insensitive). */
    search(words) {
      return list(
        {
        AND: words.map((word) => ({
          OR: [
            { number: { contains: word, mode: "insensitive" } },
            { department: { contains: word, mode: "insensitive" } },
            { description: { contains: word, mode: "insensitive" } },
            { desiredOutcome: { contains: word, mode: "insensitive" } },
          ],
        })),
        },
        [{ receivedAt: "desc" }],
      );
    },

    async counts(now) {
      const [byStatus, unassigned, overdue, grievances] = await Promise.all([
        prisma.case.groupBy({ by: ["status"], where: open, _count: { _all: true } }),
        prisma.case.count({ where: { ...open, ownerId: null } }),
        prisma.case.count({ where: { ...open, responseDueAt: { lt: now } } }),
        prisma.case.count({ where: { ...open, type: "grievance" } }),
      ]);
      const statusCounts: Partial<Record<CaseStatus, number>> = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all]));
      const total = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
      return { open: total, unassigned, overdue, grievances, byStatus: statusCounts };
    },
  };
}
