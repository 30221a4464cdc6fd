import type { PrismaClient } from "../db/generated/client.ts";
import type { AuditExportRow, CaseExportRow, CaseRecord, ReportReads } from "./reports.ts";

// The reports' reads: codes, dates and counts for the committee report and the CSV exports; the
// whole record of one case for its export. Large periods are read in batches, keyed on a unique order.

const BATCH = 5_000;
const dateOf = (key: string) => new Date(`${key}T00:00:00.000Z`);

export function createReportReads(prisma: PrismaClient): ReportReads {
  return {
    async casesReceived(from, to) {
      const rows = await prisma.case.findMany({
        where: { receivedAt: { gte: from, lt: to } },
        select: {
          type: true,
          category: true,
          department: true,
          receivedVia: true,
          receivedAt: true,
          closedAt: true,
          outcome: true,
          withdrawnAt: true,
          classificationOverridden: true,
          tasks: { where: { kind: "qio_referral" }, select: { kind: true } },
          notes: { where: { kind: { in: ["step", "result"] } }, select: { kind: true } },
          letters: { where: { approvedAt: { not: null } }, select: { kind: true, approvedAt: true } },
        },
      });
      const first = (letters: { kind: string; approvedAt: Date | null }[], kind: string) =>
        letters
          .filter((letter) => letter.kind === kind && letter.approvedAt)
          .map((letter) => letter.approvedAt as Date)
          .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      return rows.map((row) => ({
        type: row.type,
        category: row.category,
        department: row.department,
        receivedVia: row.receivedVia,
        receivedAt: row.receivedAt,
        closedAt: row.closedAt,
        outcome: row.outcome,
        withdrawn: row.withdrawnAt !== null,
        classificationOverridden: row.classificationOverridden,
        qioReferral: row.tasks.length > 0,
        steps: row.notes.filter((note) => note.kind === "step").length,
        results: row.notes.filter((note) => note.kind === "result").length,
        firstResponseApprovedAt: first(row.letters, "response"),
        firstInterimApprovedAt: first(row.letters, "interim"),
      }));
    },

    async lettersApprovedOrSent(from, to) {
      const rows = await prisma.letter.findMany({
        where: { OR: [{ approvedAt: { gte: from, lt: to } }, { sentAt: { gte: from, lt: to } }] },
        select: { kind: true, approvedAt: true, sentAt: true, approvedVersion: true, versions: { select: { number: true, checks: true } } },
      });
      return rows.map((row) => {
        const approved = row.approvedVersion === null ? undefined : row.versions.find((version) => version.number === row.approvedVersion);
        const checks = Array.isArray(approved?.checks) ? (approved.checks as { id?: unknown; passed?: unknown }[]) : null;
        return {
          kind: row.kind,
          approvedAt: row.approvedAt,
          sentAt: row.sentAt,
          approvedChecks: checks ? checks.map((check) => ({ id: String(check.id), passed: check.passed === true })) : null,
        };
      });
    },

    async commentsDated(fromDate, toDate) {
      const rows = await prisma.surveyComment.findMany({
        where: { commentDate: { gte: dateOf(fromDate), lt: dateOf(toDate) } },
        select: { unit: true, category: true, screening: true, caseId: true },
      });
      return rows.map(({ caseId, ...comment }) => ({ ...comment, filed: caseId !== null }));
    },

    async receivedBetween(from, to) {
      return prisma.case.findMany({ where: { receivedAt: { gte: from, lt: to } }, select: { category: true, department: true, receivedAt: true } });
    },

    async firstReceivedAt() {
      const first = await prisma.case.findFirst({ orderBy: { receivedAt: "asc" }, select: { receivedAt: true } });
      return first?.receivedAt ?? null;
    },

    async caseIdByNumber(number) {
      return (await prisma.case.findUnique({ where: { number }, select: { id: true } }))?.id ?? null;
    },

    async caseRecord(caseId): Promise<CaseRecord | null> {
      const row = await prisma.case.findUnique({
        where: { id: caseId },
        include: {
          people: true,
          events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
          notes: { orderBy: { createdAt: "asc" } },
          tasks: { orderBy: { createdAt: "asc" } },
          letters: { orderBy: { createdAt: "asc" }, include: { versions: { orderBy: { number: "asc" } } } },
        },
      });
      if (!row) return null;
      return {
        ...row,
        people: row.people.map((person) => ({
          role: person.role,
          relationship: person.relationship,
          name: person.name,
          phone: person.phone,
          email: person.email,
          mailingAddress: person.mailingAddress,
          preferredLanguage: person.preferredLanguage,
        })),
        events: row.events.map((event) => ({ at: event.at, type: event.type, actorId: event.actorId, data: (event.data ?? {}) as Record<string, unknown> })),
        notes: row.notes.map((note) => ({ createdAt: note.createdAt, authorId: note.authorId, kind: note.kind, body: note.body })),
        tasks: row.tasks.map((task) => ({ kind: task.kind, status: task.status, createdAt: task.createdAt, completedAt: task.completedAt })),
        letters: row.letters.map((letter) => ({
          ...letter,
          versions: letter.versions.map((version) => ({
            number: version.number,
            source: version.source,
            authorId: version.authorId,
            createdAt: version.createdAt,
            model: version.model,
            promptVersion: version.promptVersion,
            text: version.text,
            checks: Array.isArray(version.checks) ? (version.checks as CaseRecord["letters"][number]["versions"][number]["checks"]) : [],
          })),
        })),
      };
    },

    async recordCaseExport(caseId, actorId, format) {
      await prisma.caseEvent.create({ data: { caseId, type: "case_exported", actorId, data: { format } } });
    },

    async casesForExport(from, to, onBatch) {
      const page = (after: { receivedAt: Date; id: string } | null) =>
        prisma.case.findMany({
          where: {
            receivedAt: { gte: from, lt: to },
            ...(after ? { OR: [{ receivedAt: { gt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { gt: after.id } }] } : {}),
          },
          orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
          take: BATCH,
          select: {
            id: true,
            number: true,
            type: true,
            status: true,
            category: true,
            department: true,
            severity: true,
            receivedVia: true,
            receivedAt: true,
            acknowledgeDueAt: true,
            acknowledgedAt: true,
            responseDueAt: true,
            closedAt: true,
            outcome: true,
            withdrawnAt: true,
            classificationRule: true,
            classificationOverridden: true,
            teamId: true,
            ownerId: true,
            medicareBeneficiary: true,
            allegesHarm: true,
            tasks: { where: { kind: "qio_referral" }, select: { kind: true } },
            letters: { select: { approvedAt: true, sentAt: true } },
          },
        });
      let count = 0;
      let after: { receivedAt: Date; id: string } | null = null;
      for (;;) {
        const rows = await page(after);
        onBatch(
          rows.map(({ id: _id, tasks, letters, ...row }): CaseExportRow => ({
            ...row,
            qioReferral: tasks.length > 0,
            lettersApproved: letters.filter((letter) => letter.approvedAt).length,
            lettersSent: letters.filter((letter) => letter.sentAt).length,
          })),
        );
        count += rows.length;
        const last = rows.at(-1);
        if (!last || rows.length < BATCH) return count;
        after = { receivedAt: last.receivedAt, id: last.id };
      }
    },

    async auditForExport(from, to, onBatch) {
      const casePage = (after: bigint | null) =>
        prisma.caseEvent.findMany({ where: { at: { gte: from, lt: to }, ...(after !== null ? { id: { gt: after } } : {}) }, orderBy: { id: "asc" }, take: BATCH });
      const adminPage = (after: bigint | null) =>
        prisma.adminEvent.findMany({ where: { at: { gte: from, lt: to }, ...(after !== null ? { id: { gt: after } } : {}) }, orderBy: { id: "asc" }, take: BATCH });
      const numbers = new Map<string, string>();
      let count = 0;
      let after: bigint | null = null;
      for (;;) {
        const rows = await casePage(after);
        const missing: string[] = [...new Set(rows.map((row) => row.caseId).filter((id) => !numbers.has(id)))];
        if (missing.length > 0) {
          for (const found of await prisma.case.findMany({ where: { id: { in: missing } }, select: { id: true, number: true } })) numbers.set(found.id, found.number);
        }
        onBatch(rows.map((row): AuditExportRow => ({ at: row.at, scope: "case", caseNumber: numbers.get(row.caseId) ?? null, type: row.type, actorId: row.actorId, data: (row.data ?? {}) as Record<string, unknown> })));
        count += rows.length;
        const last = rows.at(-1);
        if (!last || rows.length < BATCH) break;
        after = last.id;
      }
      after = null;
      for (;;) {
        const rows = await adminPage(after);
        onBatch(rows.map((row): AuditExportRow => ({ at: row.at, scope: "admin", caseNumber: null, type: row.type, actorId: row.actorId, data: (row.data ?? {}) as Record<string, unknown> })));
        count += rows.length;
        const last = rows.at(-1);
        if (!last || rows.length < BATCH) return count;
        after = last.id;
      }
    },
  };
}
