import type { PrismaClient } from "../db/generated/client.ts";
import type { CaseStatus } from "../cases/case.ts";
import type { CaseType } from "../cases/classify.ts";
import { OPEN_STATUSES } from "../cases/lifecycle.ts";
import type { LetterCheck } from "../letters/letter-check.ts";
import type { TeamCaseRecord, TeamEventRecord, TeamLetterRecord, TeamRecords } from "./team-metrics.ts";

// What the team report reads (team-metrics.ts counts it): the cases that are open now or had
// something happen in the period, their status events and their letters' approvals and first
// drafts. Only numbers, dates and ids: no narrative, no name, no letter text.

/** The event types that move a case's status (the report needs nothing else from the trail). */
const STATUS_EVENTS = ["status_changed", "closed", "reopened"];

/** Ids per query, well inside PostgreSQL's bind-parameter limit. */
const CHUNK = 5_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

const stringOrNull = (value: unknown) => (typeof value === "string" ? value : null);

export function createTeamMetricsRepository(prisma: PrismaClient) {
  return {
    /** The records for a period [from, to): open cases, and cases received, due, moved or drafted for in it. */
    async recordsFor(period: { from: Date; to: Date }): Promise<TeamRecords> {
      const inPeriod = { gte: period.from, lt: period.to };
      const rows = await prisma.case.findMany({
        where: {
          OR: [
            { status: { in: [...OPEN_STATUSES] } },
            { receivedAt: inPeriod },
            { responseDueAt: inPeriod },
            { events: { some: { type: { in: STATUS_EVENTS }, at: inPeriod } } },
            { letters: { some: { versions: { some: { number: 1, createdAt: inPeriod } } } } },
          ],
        },
        select: {
          id: true,
          number: true,
          type: true,
          status: true,
          ownerId: true,
          receivedAt: true,
          acknowledgedAt: true,
          acknowledgeDueAt: true,
          responseDueAt: true,
          closedAt: true,
          cardChannelId: true,
          cardMessageTs: true,
        },
      });
      const cases: TeamCaseRecord[] = rows.map((row) => ({ ...row, type: row.type as CaseType, status: row.status as CaseStatus }));
      const events: TeamEventRecord[] = [];
      const letters: TeamLetterRecord[] = [];
      for (const ids of chunks(cases.map((record) => record.id))) {
        const [eventRows, letterRows] = await Promise.all([
          prisma.caseEvent.findMany({ where: { caseId: { in: ids }, type: { in: STATUS_EVENTS } }, select: { caseId: true, type: true, at: true, data: true } }),
          prisma.letter.findMany({
            where: { caseId: { in: ids } },
            select: { caseId: true, approvedAt: true, versions: { where: { number: 1 }, select: { createdAt: true, checks: true } } },
          }),
        ]);
        for (const row of eventRows) {
          const data = (row.data ?? {}) as Record<string, unknown>;
          events.push({ caseId: row.caseId, type: row.type, at: row.at, from: stringOrNull(data.from), to: stringOrNull(data.to) });
        }
        for (const row of letterRows) {
          const first = row.versions[0];
          letters.push({
            caseId: row.caseId,
            approvedAt: row.approvedAt,
            firstDraft: first ? { createdAt: first.createdAt, checks: Array.isArray(first.checks) ? (first.checks as unknown as LetterCheck[]) : [] } : null,
          });
        }
      }
      return { cases, events, letters };
    },
  };
}

export type TeamMetricsRepository = ReturnType<typeof createTeamMetricsRepository>;
