import type pg from "pg";
import { OPEN_STATUSES } from "../../src/cases/lifecycle.ts";

// Step 3's floor: the raw SQL a hand-written digest would need, run on a pg pool with the same
// parallelism as the app's service (escalation: its reads at once; trends: all at once).

const WEEK_MS = 7 * 24 * 3_600_000;

export interface FloorQuery {
  sql: string;
  params(at: Date): unknown[];
}

const none = () => [];
/** [ten weeks before, at] */
const tenWeeks = (at: Date) => [new Date(at.getTime() - 10 * WEEK_MS), at];
/** [one week before, at] */
const oneWeek = (at: Date) => [new Date(at.getTime() - WEEK_MS), at];

/** The open-cases scan with the card's columns, open tasks, cases with an approved letter and drafts waiting. */
export const ESCALATION_FLOOR: Record<string, FloorQuery> = {
  "open cases": {
    sql: `SELECT id, number, status, type, classification_rule, classification_overridden, category, department, severity,
        alleges_harm, received_via, received_at, acknowledge_due_at, response_due_at, owner_id, filed_by, card_channel_id,
        card_message_ts, team_id, routing_rule, escalated_at, closed_at, outcome, created_at
      FROM cases WHERE status = ANY($1::text[])`,
    params: () => [[...OPEN_STATUSES]],
  },
  "open tasks": { sql: "SELECT case_id, kind FROM case_tasks WHERE status = 'open'", params: none },
  "approved letters": { sql: "SELECT DISTINCT case_id FROM letters WHERE status IN ('approved', 'sent')", params: none },
  "drafts waiting": { sql: "SELECT case_id, updated_at FROM letters WHERE status = 'draft'", params: none },
};

/** The weekly aggregates: counts by category and by unit per week over ten weeks, medians, grievance clock, first drafts. */
export const TRENDS_FLOOR: Record<string, FloorQuery> = {
  "by category": {
    sql: `SELECT category, floor(extract(epoch FROM $2::timestamptz - received_at) / 604800)::int AS weeks_ago, count(*)
      FROM cases WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2`,
    params: tenWeeks,
  },
  "by unit": {
    sql: `SELECT department, floor(extract(epoch FROM $2::timestamptz - received_at) / 604800)::int AS weeks_ago, count(*)
      FROM cases WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2`,
    params: tenWeeks,
  },
  "median to acknowledge": {
    sql: `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - received_at) / 3600)
      FROM cases WHERE received_at >= $1 AND received_at < $2 AND acknowledged_at IS NOT NULL`,
    params: oneWeek,
  },
  "median to resolve": {
    sql: `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - received_at) / 3600)
      FROM cases WHERE closed_at >= $1 AND closed_at < $2`,
    params: oneWeek,
  },
  "grievance clock": {
    sql: `SELECT count(*) AS due, count(*) FILTER (WHERE c.closed_at <= c.response_due_at
        OR EXISTS (SELECT 1 FROM letters l WHERE l.case_id = c.id AND l.approved_at <= c.response_due_at)) AS answered
      FROM cases c WHERE c.received_at >= $1 AND c.received_at < $2 AND c.type = 'grievance'
        AND c.response_due_at >= $2::timestamptz - interval '7 days' AND c.response_due_at < $2`,
    params: tenWeeks,
  },
  "first drafts": {
    sql: `SELECT count(*) AS total, count(*) FILTER (WHERE NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(checks) AS result
        WHERE (result ->> 'required')::boolean AND NOT (result ->> 'passed')::boolean)) AS passed
      FROM letter_versions WHERE number = 1 AND created_at >= $1 AND created_at < $2`,
    params: oneWeek,
  },
};

export async function runFloor(pool: pg.Pool, queries: Record<string, FloorQuery>, at: Date): Promise<void> {
  await Promise.all(Object.values(queries).map((query) => pool.query(query.sql, query.params(at))));
}
