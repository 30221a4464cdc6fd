import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import { SUMMARY_FIELDS, toSummary } from "./case.repository.ts";
import type { CaseSummary } from "./case.ts";
import { OPEN_STATUSES } from "./lifecycle.ts";

const LIST_LIMIT = 50;

const URGENT_FIRST: Prisma.CaseOrderByWithRelationInput[] = [
  { responseDueAt: { sort: "asc", nulls: "last" } },
  { acknowledgeDueAt: { sort: "asc", nulls: "last" } },
  { receivedAt: "asc" },
];

export interface CaseCounts {
  open: number;
  unassigned: number;
  overdue: number;
  grievances: number;
  byStatus: Record<string, number>;
}

/** Read-only queries behind /case mine, open, search and the App Home tab. */
export function createCaseQueries(prisma: PrismaClient) {
  const open = { status: { in: [...OPEN_STATUSES] } } satisfies Prisma.CaseWhereInput;
  // The nearest deadlines first, so the limit drops the least urgent cases, never the most.
  const list = async (where: Prisma.CaseWhereInput, orderBy: Prisma.CaseOrderByWithRelationInput[] = URGENT_FIRST) =>
    (await prisma.case.findMany({ where, select: SUMMARY_FIELDS, orderBy, take: LIST_LIMIT })).map(toSummary);

  return {
    /** Open cases a reminder may be due for: a deadline before `soon`, or unassigned since before `unassignedBefore` (no limit). */
    async needingReminders(soon: Date, unassignedBefore: Date): Promise<CaseSummary[]> {
      const rows = await prisma.case.findMany({
        where: {
          ...open,
          OR: [{ responseDueAt: { lte: soon } }, { status: "new", acknowledgeDueAt: { lte: soon } }, { ownerId: null, createdAt: { lte: unassignedBefore } }],
        },
        select: SUMMARY_FIELDS,
      });
      return rows.map(toSummary);
    },

    ownedBy: (userId: string) => list({ ...open, ownerId: userId }),
    filedBy: (userId: string) => list({ ...open, filedBy: userId }),
    unassigned: () => list({ ...open, ownerId: null }),

    /** Open cases whose unit contains `text` or whose category is one of `categoryIds`. */
    openMatching(text: string | undefined, categoryIds: readonly string[]): Promise<CaseSummary[]> {
      if (!text) return list(open);
      return list({ ...open, OR: [{ department: { contains: text, mode: "insensitive" } }, { category: { in: [...categoryIds] } }] });
    },

    /** Cases whose number, unit, description or wishes contain every word (case-insensitive). */
    search(words: readonly string[]): Promise<CaseSummary[]> {
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

    async counts(now: Date): Promise<CaseCounts> {
      const [byStatus, unassigned, overdue, grievances] = await Promise.all([
        prisma.case.groupBy({ by: ["status"], where: open, _count: { _all: true } }),
        prisma.case.count({ where: { ...open, ownerId: null } }),
        prisma.case.count({ where: { ...open, responseDueAt: { lt: now } } }),
        prisma.case.count({ where: { ...open, type: "grievance" } }),
      ]);
      const statusCounts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all]));
      const total = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
      return { open: total, unassigned, overdue, grievances, byStatus: statusCounts };
    },
  };
}

export type CaseQueries = ReturnType<typeof createCaseQueries>;
