import type { Database } from "../db/database.ts";
import { interimLetterExpectedIfReceivedBy } from "../cases/clocks.ts";
import { OPEN_STATUSES } from "../cases/lifecycle.ts";
import { CRITICAL_SEVERITY } from "../cases/taxonomy.ts";
import type { EscalationReads } from "./digest.ts";
import { DUE_SOON_HORIZON_MS, type EscalationCase } from "./escalation.ts";

type CandidateRow = EscalationCase & { hasApprovedLetter: boolean; lastWrittenUpdateAt: Date | null };

/** The reads behind the escalation digest: only the columns it shows or decides on, only the cases it may list. */
export function createEscalationReads({ prisma, bulkRead }: Pick<Database, "prisma" | "bulkRead">): EscalationReads {
  return {
    /**
     * Open cases that can be in a group. The WHERE clause is a superset of the group rules in
     * escalation.ts, which still decide each group exactly; it only leaves out cases no rule can
     * pick (nothing due within three days, not critical, no harm, not a grievance past day 5,
     * owned, no letter waiting), which are most open cases in a hospital that keeps up.
     * The waiting drafts are an uncorrelated IN list, hashed once per query (a correlated EXISTS
     * makes PostgreSQL estimate an index probe per open case and JIT-compile the plan, which costs
     * more than the whole scan). The latest written update is looked up for grievances alone, by
     * the index on letters' case: grouping every approved or sent letter instead (most belong to
     * closed cases) took twice as long over a million cases. Read through the driver
     * (Database.bulkRead): Prisma's mapping of 50,000 rows cost more than the query.
     */
    async escalationCandidates(now) {
      const dueSoonBefore = new Date(now.getTime() + DUE_SOON_HORIZON_MS);
      const dayFiveReachedBy = interimLetterExpectedIfReceivedBy(now);
      const rows = await bulkRead<CandidateRow>(
        `SELECT c."id", c."number", c."status", c."type", c."department", c."severity",
          c."alleges_harm" AS "allegesHarm", c."owner_id" AS "ownerId", c."received_at" AS "receivedAt",
          c."acknowledge_due_at" AS "acknowledgeDueAt", c."response_due_at" AS "responseDueAt",
          c."card_channel_id" AS "cardChannelId", c."card_message_ts" AS "cardMessageTs", c."created_at" AS "createdAt",
          (w."case_id" IS NOT NULL) AS "hasApprovedLetter",
          w."last_update" AS "lastWrittenUpdateAt"
        FROM "cases" c
        -- The latest approved or sent letter of a grievance past day 5, the only cases whose group
        -- depends on one (no interim letter; no written update, from day 30); no row otherwise.
        LEFT JOIN LATERAL (
          SELECT l."case_id", max(COALESCE(l."sent_at", l."approved_at", l."updated_at")) AS "last_update"
          FROM "letters" l
          WHERE c."type" = 'grievance' AND c."received_at" <= $2
            AND l."case_id" = c."id" AND l."status" IN ('approved', 'sent')
          GROUP BY l."case_id"
        ) w ON true
        WHERE c."status" = ANY($1::text[])
          AND (
            -- Overdue, due today or due tomorrow: the running deadline (nextDeadline in
            -- cases/clocks.ts: acknowledgement while new, else the response) falls before the horizon.
            COALESCE(CASE WHEN c."status" = 'new' THEN c."acknowledge_due_at" END, c."response_due_at") < $3
            OR c."alleges_harm" OR c."severity" >= $4
            OR (c."type" = 'grievance' AND c."received_at" <= $2)
            -- Unassigned (the digest takes an empty owner for none) or with a draft letter, however
            -- young: the digest applies the age limits.
            OR COALESCE(c."owner_id", '') = ''
            OR c."id" IN (SELECT "case_id" FROM "letters" WHERE "status" = 'draft')
          )`,
        [[...OPEN_STATUSES], dayFiveReachedBy, dueSoonBefore, CRITICAL_SEVERITY],
      );
      // The rows go to the digest as they are (the extra flag is harmless): no copy of 50,000 objects.
      const interimLetterCaseIds = new Set<string>();
      const lastWrittenUpdate = new Map<string, Date>();
      for (const row of rows) {
        if (row.hasApprovedLetter) interimLetterCaseIds.add(row.id);
        if (row.lastWrittenUpdateAt) lastWrittenUpdate.set(row.id, row.lastWrittenUpdateAt);
      }
      return { openCases: rows, interimLetterCaseIds, lastWrittenUpdate };
    },

    async draftsWaiting() {
      const rows = await prisma.letter.findMany({ where: { status: "draft" }, select: { caseId: true, updatedAt: true } });
      return rows.map((row) => ({ caseId: row.caseId, since: row.updatedAt }));
    },
  };
}
