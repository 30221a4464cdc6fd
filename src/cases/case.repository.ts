import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import type { CaseChange, CaseDetails, CaseRepository, CaseStatus, CaseSummary, ChangeResult, NewCase, OutboxEntry } from "./case.ts";
import type { CaseType } from "./classify.ts";

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

/** Readable case number: PR-<year>-<sequence>, at least four digits. */
function formatCaseNumber(year: number, sequence: number): string {
  return `PR-${year}-${String(sequence).padStart(4, "0")}`;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Prisma-backed case storage. */
export function createCaseRepository(prisma: PrismaClient): CaseRepository {
  async function findByIntakeKey(intakeKey: string) {
    return prisma.case.findUnique({ where: { intakeKey }, select: SUMMARY_FIELDS });
  }

  return {
    async fileCase(newCase: NewCase, outbox: (caseId: string) => OutboxEntry[]) {
      const existing = await findByIntakeKey(newCase.context.intakeKey);
      if (existing) return { summary: toSummary(existing), created: false };
      try {
        const row = await prisma.$transaction(async (tx) => insertCase(tx, newCase, outbox));
        return { summary: toSummary(row), created: true };
      } catch (error) {
        // Another delivery of the same submission won the race: return its case.
        if (isUniqueViolation(error)) {
          const winner = await findByIntakeKey(newCase.context.intakeKey);
          if (winner) return { summary: toSummary(winner), created: false };
        }
        throw error;
      }
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
        const { count } = await tx.case.updateMany({ where, data: { ...change.data, updatedAt: new Date() } });
        if (count === 0) {
          const current = await tx.case.findUnique({ where: { id: caseId }, select: SUMMARY_FIELDS });
          return { applied: false as const, current: current ? toSummary(current) : null };
        }
        const event = await tx.caseEvent.create({ data: { caseId, ...change.event } });
        if (change.note) await tx.caseNote.create({ data: { caseId, authorId: change.event.actorId, ...change.note } });
        if (change.task) {
          await tx.caseTask.upsert({ where: { caseId_kind: { caseId, kind: change.task.kind } }, create: { caseId, kind: change.task.kind }, update: {} });
        }
        for (const entry of change.notify(String(event.id))) {
          await tx.outboxMessage.upsert({ where: { dedupeKey: entry.dedupeKey }, create: entry, update: {} });
        }
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
      people: { orderBy: { role: "asc" } },
      notes: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!row) return null;
  const { description, desiredOutcome, resolvedOnSpot, writtenResponseRequested, medicareBeneficiary, resolutionSummary, people, notes, ...summary } = row;
  return { summary: toSummary(summary), description, desiredOutcome, resolvedOnSpot, writtenResponseRequested, medicareBeneficiary, resolutionSummary, people, notes };
}

async function insertCase(tx: Prisma.TransactionClient, newCase: NewCase, outbox: (caseId: string) => OutboxEntry[]) {
  const { intake, context, classification, dueDates, year } = newCase;
  // Counter row lock serializes numbering per year; a rolled-back transaction leaves no gap.
  const [counter] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "case_counters" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "case_counters"."last" + 1
    RETURNING "last"`;
  const sequence = counter!.last;

  const people: Prisma.CasePersonCreateWithoutCaseInput[] = [
    {
      role: "patient",
      relationship: "patient",
      name: intake.patientName,
      preferredLanguage: intake.preferredLanguage ?? null,
      ...(intake.raisedBy === "patient" ? { phone: intake.contactPhone ?? null, email: intake.contactEmail ?? null } : {}),
    },
  ];
  if (intake.raisedBy !== "patient") {
    people.push({
      role: "raised_by",
      relationship: intake.raisedBy,
      name: intake.raiserName ?? "",
      phone: intake.contactPhone ?? null,
      email: intake.contactEmail ?? null,
    });
  }

  const row = await tx.case.create({
    data: {
      number: formatCaseNumber(year, sequence),
      year,
      sequence,
      intakeKey: context.intakeKey,
      status: newCase.status,
      type: classification.type,
      classificationRule: classification.rule,
      category: intake.category,
      department: intake.department,
      severity: intake.severity,
      receivedVia: intake.receivedVia,
      receivedAt: intake.receivedAt,
      description: intake.description,
      desiredOutcome: intake.desiredOutcome,
      resolvedOnSpot: intake.resolvedOnSpot,
      writtenResponseRequested: intake.writtenResponseRequested,
      medicareBeneficiary: intake.medicareBeneficiary,
      allegesHarm: intake.allegesHarm,
      acknowledgeDueAt: dueDates.acknowledgeDueAt,
      responseDueAt: dueDates.responseDueAt,
      filedBy: context.filedBy,
      sourceChannelId: context.sourceChannelId ?? null,
      sourceMessageTs: context.sourceMessageTs ?? null,
      people: { create: people },
    },
    select: SUMMARY_FIELDS,
  });

  await tx.caseEvent.create({
    data: {
      caseId: row.id,
      type: "created",
      actorId: context.filedBy,
      data: { number: row.number, type: row.type, rule: row.classificationRule, status: row.status },
    },
  });
  for (const entry of outbox(row.id)) {
    await tx.outboxMessage.create({ data: entry });
  }
  return row;
}
