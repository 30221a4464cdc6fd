import type pg from "pg";
import { DEFAULT_DEPARTMENTS, RECEIVED_VIA } from "../../src/cases/taxonomy.ts";

// Synthetic history for step 3, written by PostgreSQL itself (INSERT … SELECT … generate_series):
// cases received over the two years before `now` in the order they are inserted, ~5% still open, weighted categories and
// severities, grievances ~40%; plus letters (sent responses for a third of closed grievances,
// approved interim letters and drafts waiting on some open cases) and first-draft versions for
// the last two weeks. No patient data: every text is a placeholder.

// Weighted by repetition: communication and quality of care are the commonest concerns.
const WEIGHTED_CATEGORIES = [
  ...Array(4).fill("communication"),
  ...Array(3).fill("quality"),
  ...Array(3).fill("access"),
  ...Array(2).fill("respect"),
  ...Array(2).fill("environment"),
  ...Array(2).fill("billing"),
  "discharge",
  "safety",
  "listening",
  "routine_request",
] as string[];

const INSERT_CASES = `
INSERT INTO cases (id, number, year, sequence, intake_key, status, type, classification_rule, category, department,
  severity, received_via, received_at, description, desired_outcome, resolved_on_spot, written_response_requested,
  medicare_beneficiary, alleges_harm, acknowledge_due_at, response_due_at, owner_id, team_id, routing_rule,
  acknowledged_at, closed_at, outcome, filed_by, created_at, updated_at)
SELECT gen_random_uuid(),
  'PR-' || extract(year FROM received_at)::int || '-' || lpad(g::text, 7, '0'), extract(year FROM received_at)::int, g, 'history:' || g,
  status, type,
  CASE WHEN type = 'grievance'
    THEN (ARRAY['verbal_unresolved','written_complaint','written_response_requested','abuse_neglect_harm'])[1 + g % 4]
    ELSE (ARRAY['routine_request','billing_question','survey_comment','resolved_at_point_of_service'])[1 + g % 4] END,
  category, department,
  CASE WHEN r_severity < 0.3 THEN 1 WHEN r_severity < 0.75 THEN 2 WHEN r_severity < 0.95 THEN 3 ELSE 4 END,
  received_via, received_at,
  'Synthetic historical concern ' || g, '', false, false, g % 7 = 0, r_harm < 0.03,
  received_at + interval '2 days', received_at + interval '7 days',
  CASE WHEN r_owner < 0.9 THEN 'U0COORD' || lpad((g % 12)::text, 2, '0') END,
  'patient-relations', 'default',
  CASE WHEN status <> 'new' THEN LEAST(received_at + r_ack * interval '48 hours', $1::timestamptz - interval '1 minute') END,
  CASE WHEN status IN ('resolved', 'closed') THEN LEAST(received_at + interval '1 day' + r_close * interval '20 days', $1::timestamptz - interval '1 minute') END,
  CASE WHEN status = 'closed' THEN 'resolved' END,
  'U0NURSE' || lpad((g % 50)::text, 2, '0'),
  received_at, received_at
FROM (
  -- OFFSET 0 keeps this subquery from being flattened, so each row's draws are made once.
  SELECT g,
    -- In filing order, as a real table grows: row g is received at g/N of the way through the two years.
    $1::timestamptz - (1 - g::float8 / $2::int) * interval '730 days' - random() * interval '1 hour' AS received_at,
    CASE WHEN random() < 0.05 THEN (ARRAY['new','acknowledged','investigating','awaiting_response'])[1 + floor(random() * 4)::int]
         WHEN random() < 0.3 THEN 'resolved' ELSE 'closed' END AS status,
    CASE WHEN random() < 0.4 THEN 'grievance' ELSE 'complaint' END AS type,
    ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int] AS category,
    ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] AS department,
    ($5::text[])[1 + floor(random() * cardinality($5::text[]))::int] AS received_via,
    random() AS r_severity, random() AS r_harm, random() AS r_owner, random() AS r_ack, random() AS r_close
  FROM generate_series(1, $2::int) AS g
  OFFSET 0
) AS drawn`;

const INSERT_LETTERS = [
  // A sent response for a third of the closed grievances, approved the day before closing.
  `INSERT INTO letters (id, case_id, kind, status, requested_by, request_key, current_version, approved_version, approved_by,
     approved_at, approved_hash, sent_at, sent_by, created_at, updated_at)
   SELECT gen_random_uuid(), id, 'response', 'sent', 'U0COORD01', 'history-letter:' || sequence, 1, 1, 'U0MANAGER1',
     closed_at - interval '1 day', md5(id::text), closed_at, 'U0COORD01', closed_at - interval '3 days', closed_at
   FROM cases WHERE type = 'grievance' AND closed_at IS NOT NULL AND sequence % 3 = 0`,
  // Approved interim letters on a quarter of the open grievances.
  `INSERT INTO letters (id, case_id, kind, status, requested_by, request_key, current_version, approved_version, approved_by,
     approved_at, approved_hash, created_at, updated_at)
   SELECT gen_random_uuid(), id, 'interim', 'approved', 'U0COORD01', 'history-interim:' || sequence, 1, 1, 'U0MANAGER1',
     received_at + interval '5 days', md5(id::text), received_at + interval '4 days', received_at + interval '5 days'
   FROM cases WHERE type = 'grievance' AND status IN ('new','acknowledged','investigating','awaiting_response') AND sequence % 4 = 0`,
  // Drafts waiting for approval on a tenth of the open cases.
  `INSERT INTO letters (id, case_id, kind, status, requested_by, request_key, current_version, created_at, updated_at)
   SELECT gen_random_uuid(), id, 'response', 'draft', 'U0COORD01', 'history-draft:' || sequence, 1,
     $1::timestamptz - (sequence % 96) * interval '1 hour', $1::timestamptz - (sequence % 96) * interval '1 hour'
   FROM cases WHERE status IN ('new','acknowledged','investigating','awaiting_response') AND sequence % 10 = 1`,
  // Version 1 of every letter started in the last two weeks, most passing every required check.
  `INSERT INTO letter_versions (id, letter_id, number, text, source, author_id, checks, created_at)
   SELECT gen_random_uuid(), l.id, 1, 'Synthetic letter text.', 'template', 'system',
     jsonb_build_array(jsonb_build_object('id', 'contact_person', 'required', true, 'passed', c.sequence % 5 <> 0)), l.created_at
   FROM letters l JOIN cases c ON c.id = l.case_id
   WHERE l.created_at >= $1::timestamptz - interval '14 days'`,
];

export interface HistoryCounts {
  cases: number;
  openCases: number;
  letters: number;
  insertMs: number;
}

export async function seedHistory(pool: pg.Pool, count: number, now: Date): Promise<HistoryCounts> {
  const started = performance.now();
  await pool.query(INSERT_CASES, [now, count, WEIGHTED_CATEGORIES, [...DEFAULT_DEPARTMENTS], RECEIVED_VIA.map((via) => via.id)]);
  for (const sql of INSERT_LETTERS) await pool.query(sql, sql.includes("$1") ? [now] : []);
  await pool.query("ANALYZE");
  const insertMs = performance.now() - started;
  const { rows } = await pool.query<{ cases: string; open: string; letters: string }>(
    `SELECT (SELECT count(*) FROM cases) AS cases,
            (SELECT count(*) FROM cases WHERE status IN ('new','acknowledged','investigating','awaiting_response')) AS open,
            (SELECT count(*) FROM letters) AS letters`,
  );
  return { cases: Number(rows[0]!.cases), openCases: Number(rows[0]!.open), letters: Number(rows[0]!.letters), insertMs };
}
