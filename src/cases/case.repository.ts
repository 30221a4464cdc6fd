import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import type { CaseChange, CaseDetails, CaseRepository, CaseStatus, CaseSummary, ChangeResult, NewCase, OutboxEntry } from "./case.ts";
import type { CaseType } from "./classify.ts";
import { queueOnce } from "../outbox/outbox.repository.ts";
import { insertCaseOnce } from "./case-insert.repository.ts";
import { issuesFromJson } from "./case-issues.ts";

const SUMMARY_FIELDS = {
  id: true,
  number: true,
  status: true,
  type: true,
  classificationRule: true,
  classificationOverridden: true,
  category: true,
  department: true,
  severity: true,
  allegesHarm: true,
  receivedVia: true,
  receivedAt: true,
  acknowledgeDueAt: true,
  responseDueAt: true,
  ownerId: true,
  filedBy: true,
  cardChannelId: true,
  cardMessageTs: true,
  teamId: true,
  routingRule: true,
  escalatedAt: true,
  closedAt: true,
  outcome: true,
  createdAt: true,
  tasks: { where: { status: "open" }, select: { kind: true }, orderBy: { kind: "asc" } },
} as const satisfies Prisma.CaseSelect;

type SummaryRow = Prisma.CaseGetPayload<{ select: typeof SUMMARY_FIELDS }>;

export { SUMMARY_FIELDS };

/** Maps a selected row to the channel-safe summary. */
export function toSummary({ tasks, ...row }: SummaryRow): CaseSummary {
  return { ...row, status: row.status as CaseStatus, type: row.type as CaseType, openTasks: tasks.map((task) => task.kind) };
}

/** A unique-key violation, from a Prisma model call (P2002) or a raw statement (P2010 carrying the driver's SQLSTATE 23505). */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  return code === "P2002" || (code === "P2010" && meta?.driverAdapterError?.cause?.originalCode === "23505");
}

/** Prisma-backed case storage. */
export function createCaseRepository(prisma: PrismaClient): CaseRepository {
  async function findByIntakeKey(intakeKey: string) {
    return prisma.case.findUnique({ where: { intakeKey }, select: SUMMARY_FIELDS });
  }

  return {
    async fileCase(newCase: NewCase, outbox: (caseId: string) => OutboxEntry[]) {
      try {
        const inserted = await insertCaseOnce(prisma, newCase, outbox);
        if (inserted) return { summary: inserted, created: true };
      } catch (error) {
        // Another delivery of the same submission won the race; its case is returned below.
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await findByIntakeKey(newCase.context.intakeKey);
      if (!existing) throw new Error("case insert returned nothing and no case holds its intake key");
      return { summary: toSummary(existing), created: false };
    },

    async findSummary(caseId) {
      const row = await prisma.case.findUnique({ where: { id: caseId }, select: SUMMARY_FIELDS });
      return row ? toSummary(row) : null;
    },

    async recordCardPosted(caseId, channelId, messageTs) {
      await prisma.$transaction([
        prisma.case.update({ where: { id: caseId }, data: { cardChannelId: channelId, cardMessageTs: messageTs } }),
        prisma.caseEvent.create({
          data: { caseId, type: "card_posted", actorId: "system", data: { channelId, messageTs } },
        }),
      ]);
    },

    async findByNumber(number) {
      const row = await prisma.case.findUnique({ where: { number }, select: SUMMARY_FIELDS });
      return row ? toSummary(row) : null;
    },

    async applyChange(caseId, change: CaseChange): Promise<ChangeResult> {
      return prisma.$transaction(async (tx) => {
        const where: Prisma.CaseWhereInput = { id: caseId };
        if (change.expect && "ownerId" in change.expect) where.ownerId = change.expect.ownerId ?? null;
        if (change.expect?.statusIn) where.status = { in: [...change.expect.statusIn] };
        // A conditional UPDATE is the lock: of two simultaneous clicks exactly one matches.
        // Always touching updated_at means a change with no column of its own (a note) still matches.
        const { issues, ...columns } = change.data;
        const data = { ...columns, ...(issues ? { issues: issues as unknown as Prisma.InputJsonValue } : {}), updatedAt: new Date() };
        const { count } = await tx.case.updateMany({ where, data });
        if (count === 0) {
          const current = await tx.case.findUnique({ where: { id: caseId }, select: SUMMARY_FIELDS });
          return { applied: false as const, current: current ? toSummary(current) : null };
        }
        const event = await tx.caseEvent.create({ data: { caseId, ...change.event } });
        if (change.note) await tx.caseNote.create({ data: { caseId, authorId: change.event.actorId, ...change.note } });
        if (change.task) {
          await tx.caseTask.upsert({ where: { caseId_kind: { caseId, kind: change.task.kind } }, create: { caseId, kind: change.task.kind }, update: {} });
        }
        await queueOnce(tx, change.notify(String(event.id)));
        const summary = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: SUMMARY_FIELDS });
        return { applied: true as const, summary: toSummary(summary) };
      });
    },

    async loadDetailsForProcessing(caseId) {
      return loadDetails(prisma, caseId);
    },

    async readDetails(caseId, actorId): Promise<CaseDetails | null> {
      return prisma.$transaction(async (tx) => {
        const details = await loadDetails(tx, caseId);
        if (details) await tx.caseEvent.create({ data: { caseId, type: "details_viewed", actorId } });
        return details;
      });
    },

    async recordDenied(caseId, actorId, action) {
      await prisma.caseEvent.create({ data: { caseId, type: "permission_denied", actorId, data: { action } } });
    },
  };
}

/** A case's protected details (no audit event: callers decide whether this read is a person's view). */
async function loadDetails(db: Prisma.TransactionClient | PrismaClient, caseId: string): Promise<CaseDetails | null> {
  const row = await db.case.findUnique({
    where: { id: caseId },
    select: {
      ...SUMMARY_FIELDS,
      description: true,
      desiredOutcome: true,
      resolvedOnSpot: true,
      writtenResponseRequested: true,
      medicareBeneficiary: true,
      resolutionSummary: true,
      issues: true,
      people: { orderBy: { role: "asc" } },
      notes: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!row) return null;
  const { description, desiredOutcome, resolvedOnSpot, writtenResponseRequested, medicareBeneficiary, resolutionSummary, issues, people, notes, ...summary } = row;
  return { summary: toSummary(summary), description, desiredOutcome, resolvedOnSpot, writtenResponseRequested, medicareBeneficiary, resolutionSummary, people, notes, issues: issuesFromJson(issues) };
}
