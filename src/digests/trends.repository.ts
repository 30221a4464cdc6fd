import { Prisma, type PrismaClient } from "../db/generated/client.ts";
import type { TrendReads } from "./digest.ts";
import type { CommentWeeklyCount } from "./comment-themes.ts";
import type { MiddleValues, WeeklyCount } from "./trends.ts";
import { TREND_WEEKS, WEEK_MS } from "./trend-weeks.ts";

// The weekly digest's numbers, added up by the database: a few hundred grouped rows instead of
// every case of the last 21 weeks. Weeks are those of trends.ts: week k back from periodEnd is
// [periodEnd − (k+1)·7 d, periodEnd − k·7 d), fixed 168-hour weeks, start in and end out. They are
// worked out from instants, never with calendar intervals (which follow the session's time zone
// across DST): with d the whole milliseconds from receipt to periodEnd (1 ≤ d ≤ TREND_WEEKS·7 d), k is
// (d − 1) div 7 d, in integer arithmetic so no rounding moves a case across a boundary.

/**
 * The grievance clock counts grievances received in this many weeks before periodEnd, or closed
 * in the period: the cases the digest has always read. With the default 7-day clock, every
 * grievance due in the period was received within them.
 */
const GRIEVANCE_WINDOW_WEEKS = 10;

function windows(periodEnd: Date) {
  const end = periodEnd.getTime();
  return {
    periodStart: new Date(end - WEEK_MS),
    readFrom: new Date(end - TREND_WEEKS * WEEK_MS),
    grievanceWindowStart: new Date(end - GRIEVANCE_WINDOW_WEEKS * WEEK_MS),
  };
}

type MiddleRow = { lower: number | null; upper: number | null };

// percentile_disc picks values as they are: the ascending and the descending median are the two
// middle values, which trends.ts averages exactly as it always has. (percentile_cont would
// interpolate them as a + (b − a)/2, which can differ from (a + b)/2 in the last bit and round
// a median of x.x5 hours the other way.)
function middle([row]: MiddleRow[]): MiddleValues | null {
  return row && row.lower !== null && row.upper !== null ? { lower: row.lower, upper: row.upper } : null;
}

/** The two middle values of the hours from receipt to `until` (a fixed column, never input) over the cases `where` picks. */
async function middleHoursFromReceipt(prisma: PrismaClient, until: Prisma.Sql, where: Prisma.Sql): Promise<MiddleValues | null> {
  // Whole milliseconds over 3,600,000 in float8: the same double as the difference of two Dates in JS.
  return middle(await prisma.$queryRaw<MiddleRow[]>`
    SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY "hours") AS "lower",
      percentile_disc(0.5) WITHIN GROUP (ORDER BY "hours" DESC) AS "upper"
    FROM (
      SELECT (extract(epoch FROM ${until} - "received_at") * 1000)::float8 / 3600000 AS "hours"
      FROM "cases" WHERE ${where}
    ) AS "spans"`);
}

/** Cases received per key column (a fixed identifier, never input) and week back, over the weeks the digest reads. */
function receivedByWeek(prisma: PrismaClient, keyColumn: Prisma.Sql, periodEnd: Date): Promise<WeeklyCount[]> {
  const { readFrom } = windows(periodEnd);
  return prisma.$queryRaw<WeeklyCount[]>`
    SELECT ${keyColumn} AS "key",
      (((extract(epoch FROM ${periodEnd}::timestamptz - "received_at") * 1000)::bigint - 1) / ${WEEK_MS}::bigint)::int AS "weeksAgo",
      count(*)::int AS "count"
    FROM "cases" WHERE "received_at" >= ${readFrom} AND "received_at" < ${periodEnd}
    GROUP BY 1, 2`;
}

/** The reads behind the trend digest, one aggregate query each, for the week ending at `periodEnd`. */
export function createTrendReads(prisma: PrismaClient): TrendReads {
  return {
    async receivedByCategory(periodEnd) {
      return receivedByWeek(prisma, Prisma.sql`"category"`, periodEnd);
    },

    async receivedByDepartment(periodEnd) {
      return receivedByWeek(prisma, Prisma.sql`"department"`, periodEnd);
    },

    /** The earliest receipt before periodEnd (the received_at index answers it from one end). */
    async firstReceivedAt(periodEnd) {
      const [row] = await prisma.$queryRaw<{ first: Date | null }[]>`
        SELECT min("received_at") AS "first" FROM "cases" WHERE "received_at" < ${periodEnd}`;
      return row?.first ?? null;
    },

    /** Hours from receipt to acknowledgement of the cases received in the period: the two middle values. */
    async hoursToAcknowledge(periodEnd) {
      const { periodStart } = windows(periodEnd);
      return middleHoursFromReceipt(
        prisma,
        Prisma.sql`"acknowledged_at"`,
        Prisma.sql`"received_at" >= ${periodStart} AND "received_at" < ${periodEnd} AND "acknowledged_at" IS NOT NULL`,
      );
    },

    /** Hours from receipt to closure of the cases closed in the period, whenever received: the two middle values. */
    async hoursToResolve(periodEnd) {
      const { periodStart } = windows(periodEnd);
      return middleHoursFromReceipt(prisma, Prisma.sql`"closed_at"`, Prisma.sql`"closed_at" >= ${periodStart} AND "closed_at" < ${periodEnd}`);
    },

    /** Grievances due in the period, and those answered by the due time: a letter approved (an interim one counts too) or the case closed. */
    async grievanceClock(periodEnd) {
      const { periodStart, grievanceWindowStart } = windows(periodEnd);
      const [row] = await prisma.$queryRaw<{ due: number; answered: number }[]>`
        SELECT count(*)::int AS "due",
          count(*) FILTER (WHERE c."closed_at" <= c."response_due_at"
            OR EXISTS (SELECT 1 FROM "letters" l WHERE l."case_id" = c."id" AND l."approved_at" <= c."response_due_at"))::int AS "answered"
        FROM "cases" c
        WHERE c."type" = 'grievance' AND c."response_due_at" >= ${periodStart} AND c."response_due_at" < ${periodEnd}
          AND ((c."received_at" >= ${grievanceWindowStart} AND c."received_at" < ${periodEnd})
            OR (c."closed_at" >= ${periodStart} AND c."closed_at" < ${periodEnd}))`;
      return { due: row?.due ?? 0, answered: row?.answered ?? 0 };
    },

    /** Version 1 of the letters created in the period, and those passing every required check as drafted. */
    async firstDrafts(periodEnd) {
      const { periodStart } = windows(periodEnd);
      // A check fails when it is required and did not pass; checks are stored as LetterCheck objects.
      const [row] = await prisma.$queryRaw<{ total: number; passed: number }[]>`
        SELECT count(*)::int AS "total",
          count(*) FILTER (WHERE NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements(v."checks") AS r("check")
            WHERE r."check" -> 'required' = 'true'::jsonb AND (r."check" -> 'passed') IS DISTINCT FROM 'true'::jsonb))::int AS "passed"
        FROM "letter_versions" v
        WHERE v."number" = 1 AND v."created_at" >= ${periodStart} AND v."created_at" < ${periodEnd}`;
      return { total: row?.total ?? 0, passed: row?.passed ?? 0 };
    },

    /**
     * Comments by category, unit and week of dates: a comment has a date, not a time, so week k
     * holds the dates [endDate − 7(k+1), endDate − 7k) (date minus date is whole days).
     */
    async commentsByWeek(endDate) {
      return prisma.$queryRaw<CommentWeeklyCount[]>`
        SELECT "category", "unit", ((${endDate}::date - "comment_date" - 1) / 7)::int AS "weeksAgo",
          count(*)::int AS "count", count(*) FILTER (WHERE "screening" = 'candidate')::int AS "candidates"
        FROM "survey_comments"
        WHERE "comment_date" < ${endDate}::date AND "comment_date" >= ${endDate}::date - ${TREND_WEEKS * 7}::int
        GROUP BY 1, 2, 3`;
    },

    async firstCommentDate(endDate) {
      const [row] = await prisma.$queryRaw<{ first: string | null }[]>`
        SELECT to_char(min("comment_date"), 'YYYY-MM-DD') AS "first" FROM "survey_comments" WHERE "comment_date" < ${endDate}::date`;
      return row?.first ?? null;
    },
  };
}
