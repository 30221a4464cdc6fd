import type { PrismaClient } from "../db/generated/client.ts";
import { type IntakeJournal, JournaledIntakeSchema, type JournaledIntake } from "./intake-journal.ts";

// The intake journal in the case database: one INSERT before the acknowledgement (its whole cost on
// the 3-second path), claims by lease so any instance files what a dead one left, SKIP LOCKED so
// instances sweeping together never take the same row.

interface Row {
  intake_key: string;
  intake: unknown;
  filed_by: string;
  source_channel_id: string | null;
  source_message_ts: string | null;
  view_id: string | null;
  origin_channel_id: string | null;
  survey_comment_id: string | null;
  attempts: number;
}

function fromRow(row: Row): JournaledIntake {
  const stored = typeof row.intake === "string" ? JSON.parse(row.intake) : row.intake;
  return {
    intake: JournaledIntakeSchema.parse(stored),
    context: {
      intakeKey: row.intake_key,
      filedBy: row.filed_by,
      sourceChannelId: row.source_channel_id ?? undefined,
      sourceMessageTs: row.source_message_ts ?? undefined,
      surveyCommentId: row.survey_comment_id ?? undefined,
    },
    delivery: { viewId: row.view_id ?? undefined, originChannelId: row.origin_channel_id ?? undefined },
    attempts: row.attempts,
  };
}

/** Prisma-backed intake journal (raw SQL: one statement per call). */
export function createIntakeJournal(prisma: PrismaClient): IntakeJournal {
  return {
    async record({ intake, context, delivery }, leaseMs) {
      await prisma.$executeRaw`
        INSERT INTO "intake_submissions"
          ("intake_key", "intake", "filed_by", "source_channel_id", "source_message_ts", "view_id", "origin_channel_id", "survey_comment_id", "claimed_until", "attempts")
        VALUES (${context.intakeKey}, ${JSON.stringify(intake)}::jsonb, ${context.filedBy}, ${context.sourceChannelId ?? null},
          ${context.sourceMessageTs ?? null}, ${delivery.viewId ?? null}, ${delivery.originChannelId ?? null}, ${context.surveyCommentId ?? null}::uuid,
          now() + ${leaseMs} * interval '1 millisecond', 1)
        ON CONFLICT ("intake_key") DO UPDATE SET
          "intake" = EXCLUDED."intake", "claimed_until" = EXCLUDED."claimed_until", "attempts" = "intake_submissions"."attempts" + 1`;
    },
    async claimDue(leaseMs, limit, all) {
      const rows = await prisma.$queryRaw<Row[]>`
        UPDATE "intake_submissions" AS s
        SET "claimed_until" = now() + ${leaseMs} * interval '1 millisecond', "attempts" = s."attempts" + 1
        WHERE s."intake_key" IN (
          SELECT "intake_key" FROM "intake_submissions"
          WHERE ${all} OR "claimed_until" <= now()
          ORDER BY "submitted_at"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING s."intake_key", s."intake", s."filed_by", s."source_channel_id", s."source_message_ts", s."view_id", s."origin_channel_id", s."survey_comment_id"::text AS "survey_comment_id", s."attempts"`;
      return rows.map(fromRow);
    },
    async remove(intakeKey) {
      await prisma.$executeRaw`DELETE FROM "intake_submissions" WHERE "intake_key" = ${intakeKey}`;
    },
    async pendingCount() {
      const [row] = await prisma.$queryRaw<{ count: bigint | number }[]>`SELECT count(*) AS "count" FROM "intake_submissions"`;
      return Number(row?.count ?? 0);
    },
  };
}
