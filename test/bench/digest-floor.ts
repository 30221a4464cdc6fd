import type pg from "pg";
import { OPEN_STATUSES } from "../../src/cases/lifecycle.ts";
import { TREND_WEEKS } from "../../src/digests/trend-weeks.ts";

// Step 3's floor: the raw SQL a hand-written digest would need, run on a pg pool with the same
// parallelism as the app's service (escalation: its reads at once; trends: all at once). It reads
// what the app's digest reads (src/digests/*.repository.ts), so the ratio is the app's own cost.

const DAY_MS = 24 * 3_600_000;
const WEEK_MS = 7 * DAY_MS;

export interface FloorQuery {
  sql: string;
  params(at: Date): unknown[];
}

/** [period start, period end) */
const oneWeek = (at: Date) => [new Date(at.getTime() - WEEK_MS), at];
/** [TREND_WEEKS before, period end): the period and the longest baseline the control limits use. */
const trendWeeks = (at: Date) => [new Date(at.getTime() - TREND_WEEKS * WEEK_MS), at];
/** The period end's date (comments have dates, not times). */
const endDate = (at: Date) => [at.toISOString().slice(0, 10)];

// Week k back from the period end holds the cases received between k·7 d (excluded) and (k+1)·7 d
// (included) before it: whole milliseconds minus one, integer-divided by a week.
const WEEKS_AGO = `(((extract(epoch FROM $2::timestamptz - received_at) * 1000)::bigint - 1) / ${WEEK_MS})::int`;

/** The candidate open cases with the columns the digest shows or decides on, with their letter flags; and drafts waiting. */
export const ESCALATION_FLOOR: Record<string, FloorQuery> = {
  "open cases that can be listed": {
    sql: `SELECT c.id, c.number, c.status, c.type, c.department, c.severity, c.alleges_harm, c.owner_id, c.received_at,
        c.acknowledge_due_at, c.response_due_at, c.card_channel_id, c.card_message_ts, c.created_at,
        (c.type = 'grievance' AND c.received_at <= $2
          AND c.id IN (SELECT case_id FROM letters WHERE status IN ('approved', 'sent'))) AS has_approved_letter
      FROM cases c
      WHERE c.status = ANY($1::text[])
        AND (COALESCE(CASE WHEN c.status = 'new' THEN c.acknowledge_due_at END, c.response_due_at) < $3
          OR c.alleges_harm OR c.severity >= 4
          OR (c.type = 'grievance' AND c.received_at <= $2)
          OR COALESCE(c.owner_id, '') = ''
          OR c.id IN (SELECT case_id FROM letters WHERE status = 'draft'))`,
    params: (at) => [[...OPEN_STATUSES], new Date(at.getTime() - 5 * DAY_MS), new Date(at.getTime() + 3 * DAY_MS)],
  },
  "drafts waiting": { sql: "SELECT case_id, updated_at FROM letters WHERE status = 'draft'", params: () => [] },
};

/** The weekly aggregates the trend digest reads: counts by category and by unit per week, the first receipt, medians, grievance clock, first drafts, survey comments. */
export const TRENDS_FLOOR: Record<string, FloorQuery> = {
  "by category": {
    sql: `SELECT category, ${WEEKS_AGO} AS weeks_ago, count(*)::int
      FROM cases WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2`,
    params: trendWeeks,
  },
  "by unit": {
    sql: `SELECT department, ${WEEKS_AGO} AS weeks_ago, count(*)::int
      FROM cases WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2`,
    params: trendWeeks,
  },
  "first receipt": { sql: "SELECT min(received_at) FROM cases WHERE received_at < $1", params: (at) => [at] },
  "comments by week": {
    sql: `SELECT category, unit, (($1::date - comment_date - 1) / 7)::int AS weeks_ago, count(*)::int,
        count(*) FILTER (WHERE screening = 'candidate')::int
      FROM survey_comments WHERE comment_date < $1::date AND comment_date >= $1::date - ${TREND_WEEKS * 7} GROUP BY 1, 2, 3`,
    params: endDate,
  },
  "first comment date": { sql: "SELECT min(comment_date) FROM survey_comments WHERE comment_date < $1::date", params: endDate },
  // The two middle values (ascending and descending percentile_disc), averaged by the digest.
  "median to acknowledge": {
    sql: `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY hours), percentile_disc(0.5) WITHIN GROUP (ORDER BY hours DESC)
      FROM (SELECT (extract(epoch FROM acknowledged_at - received_at) * 1000)::float8 / 3600000 AS hours
        FROM cases WHERE received_at >= $1 AND received_at < $2 AND acknowledged_at IS NOT NULL) AS acknowledged`,
    params: oneWeek,
  },
  "median to resolve": {
    sql: `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY hours), percentile_disc(0.5) WITHIN GROUP (ORDER BY hours DESC)
      FROM (SELECT (extract(epoch FROM closed_at - received_at) * 1000)::float8 / 3600000 AS hours
        FROM cases WHERE closed_at >= $1 AND closed_at < $2) AS closed`,
    params: oneWeek,
  },
  "grievance clock": {
    sql: `SELECT count(*)::int AS due, count(*) FILTER (WHERE c.closed_at <= c.response_due_at
        OR EXISTS (SELECT 1 FROM letters l WHERE l.case_id = c.id AND l.approved_at <= c.response_due_at))::int AS answered
      FROM cases c WHERE c.type = 'grievance' AND c.response_due_at >= $1 AND c.response_due_at < $2
        AND ((c.received_at >= $3 AND c.received_at < $2) OR (c.closed_at >= $1 AND c.closed_at < $2))`,
    params: (at) => [...oneWeek(at), new Date(at.getTime() - 10 * WEEK_MS)],
  },
  "first drafts": {
    sql: `SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(checks) AS result
        WHERE result -> 'required' = 'true'::jsonb AND (result -> 'passed') IS DISTINCT FROM 'true'::jsonb))::int AS passed
      FROM letter_versions WHERE number = 1 AND created_at >= $1 AND created_at < $2`,
    params: oneWeek,
  },
};

export async function runFloor(pool: pg.Pool, queries: Record<string, FloorQuery>, at: Date): Promise<void> {
  await Promise.all(Object.values(queries).map((query) => pool.query(query.sql, query.params(at))));
}
