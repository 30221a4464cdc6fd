import type { PrismaClient } from "../db/generated/client.ts";
import { queueOnce } from "../outbox/outbox.repository.ts";
import type { SurveyRepository } from "./surveys.ts";

// Survey comments, imported in one transaction: existing row ids are skipped (counted), the rest
// inserted together, and the candidates' offers queued with them (all or nothing).

const CHUNK = 2_000;
const dateOf = (key: string) => new Date(`${key}T00:00:00.000Z`);

export function createSurveyRepository(prisma: PrismaClient): SurveyRepository {
  return {
    async importComments(comments, importedBy, notify) {
      return prisma.$transaction(
        async (tx) => {
          const existing = new Set<string>();
          for (let start = 0; start < comments.length; start += CHUNK) {
            const ids = comments.slice(start, start + CHUNK).map((comment) => comment.rowId);
            for (const row of await tx.surveyComment.findMany({ where: { rowId: { in: ids } }, select: { rowId: true } })) existing.add(row.rowId);
          }
          const fresh = comments.filter((comment) => !existing.has(comment.rowId));
          const stored: { id: string; rowId: string }[] = [];
          for (let start = 0; start < fresh.length; start += CHUNK) {
            const rows = await tx.surveyComment.createManyAndReturn({
              data: fresh.slice(start, start + CHUNK).map(({ date, ...comment }) => ({ ...comment, commentDate: dateOf(date), importedBy })),
              select: { id: true, rowId: true },
            });
            stored.push(...rows);
          }
          const posts = notify?.(stored) ?? [];
          for (let start = 0; start < posts.length; start += CHUNK) await queueOnce(tx, posts.slice(start, start + CHUNK));
          return { stored, duplicates: comments.length - fresh.length };
        },
        { timeout: 120_000, maxWait: 10_000 },
      );
    },
    async find(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = await prisma.surveyComment.findUnique({ where: { id }, include: { case: { select: { number: true } } } });
      if (!row) return null;
      return {
        id: row.id,
        rowId: row.rowId,
        date: row.commentDate.toISOString().slice(0, 10),
        unit: row.unit,
        score: row.score,
        text: row.text,
        patientName: row.patientName,
        patientContact: row.patientContact,
        contactRequested: row.contactRequested,
        category: row.category,
        screening: row.screening as "candidate",
        screeningRule: row.screeningRule,
        filedAs: row.case?.number ?? null,
      };
    },
  };
}
