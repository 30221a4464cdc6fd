import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "../db/generated/client.ts";
import { routeOf } from "../outbox/outbox-lanes.ts";
import type { CaseStatus, CaseSummary, NewCase, OutboxEntry } from "./case.ts";
import type { CaseIntake } from "./case.schema.ts";
import { defaultIssue, numberIssues } from "./case-issues.ts";
import type { CaseType } from "./classify.ts";

// Filing is one SQL statement: the number, the case, its people, the "created" audit event, the
// outbox rows and the link from the survey comment it was filed from (if any) are written together
// by data-modifying CTEs, atomically, in one round trip.
// Why not Prisma's nested create in a transaction: that is ten round trips, and the per-year
// counter row stays locked across all of them, so concurrent filings queued behind each other.
// Here the counter lock lasts only as long as the statement runs inside the database.

/** The columns a new case's summary needs, named as CaseSummary names them. */
const SUMMARY_COLUMNS = Prisma.sql`
  "id", "number", "status", "type", "classification_rule" AS "classificationRule",
  "classification_overridden" AS "classificationOverridden", "category", "department", "severity",
  "alleges_harm" AS "allegesHarm", "received_via" AS "receivedVia", "received_at" AS "receivedAt",
  "acknowledge_due_at" AS "acknowledgeDueAt", "response_due_at" AS "responseDueAt", "owner_id" AS "ownerId",
  "filed_by" AS "filedBy", "card_channel_id" AS "cardChannelId", "card_message_ts" AS "cardMessageTs",
  "team_id" AS "teamId", "routing_rule" AS "routingRule", "escalated_at" AS "escalatedAt", "closed_at" AS "closedAt",
  "outcome", "created_at" AS "createdAt"`;

type InsertedRow = Omit<CaseSummary, "openTasks" | "status" | "type"> & { status: string; type: string };

interface PersonRow {
  role: "patient" | "raised_by";
  relationship: string;
  name: string;
  phone: string | null;
  email: string | null;
  mailing_address: string | null;
  preferred_language: string | null;
}

/** The patient, and whoever raised the concern when it was not the patient; contact details go with the person who gave them. */
export function peopleOf(intake: CaseIntake): PersonRow[] {
  const contact = { phone: intake.contactPhone ?? null, email: intake.contactEmail ?? null, mailing_address: intake.mailingAddress ?? null };
  const noContact = { phone: null, email: null, mailing_address: null };
  const patient: PersonRow = {
    role: "patient",
    relationship: "patient",
    name: intake.patientName,
    preferred_language: intake.preferredLanguage ?? null,
    ...(intake.raisedBy === "patient" ? contact : noContact),
  };
  if (intake.raisedBy === "patient") return [patient];
  return [patient, { role: "raised_by", relationship: intake.raisedBy, name: intake.raiserName ?? "", preferred_language: null, ...contact }];
}

/**
 * Inserts the case unless one already exists for its intake key; returns null when it does.
 * The counter is only bumped when the key is new, and a concurrent duplicate that slips past that
 * check fails on the unique intake key, which rolls the whole statement back: numbers have no gaps.
 */
export async function insertCaseOnce(prisma: PrismaClient, newCase: NewCase, outbox: (caseId: string) => OutboxEntry[]): Promise<CaseSummary | null> {
  const { intake, context, classification, dueDates, year } = newCase;
  const id = randomUUID();
  const people = JSON.stringify(peopleOf(intake).map((person) => ({ ...person, id: randomUUID() })));
  const issues = JSON.stringify(numberIssues(intake.issues.length > 0 ? intake.issues : [defaultIssue(intake.category)]));
  const messages = JSON.stringify(
    outbox(id).map((entry) => {
      const { lane, orderKey } = routeOf(entry.kind, entry.payload);
      return { kind: entry.kind, dedupe_key: entry.dedupeKey, payload: entry.payload, lane, order_key: orderKey };
    }),
  );
  const rows = await prisma.$queryRaw<InsertedRow[]>`
    WITH "next" AS (
      INSERT INTO "case_counters" ("year", "last")
      SELECT ${year}::int, 1 WHERE NOT EXISTS (SELECT 1 FROM "cases" WHERE "intake_key" = ${context.intakeKey}::text)
      ON CONFLICT ("year") DO UPDATE SET "last" = "case_counters"."last" + 1
      RETURNING "last"
    ), "new_case" AS (
      INSERT INTO "cases" ("id", "number", "year", "sequence", "intake_key", "status", "type", "classification_rule",
        "category", "department", "severity", "received_via", "received_at", "description", "desired_outcome",
        "resolved_on_spot", "written_response_requested", "medicare_beneficiary", "alleges_harm",
        "acknowledge_due_at", "response_due_at", "filed_by", "source_channel_id", "source_message_ts", "issues", "updated_at")
      SELECT ${id}::uuid,
        -- PR-<year>-<sequence>, at least four digits (lpad alone would cut a longer sequence).
        'PR-' || ${year}::int || '-' || lpad("last"::text, greatest(4, length("last"::text)), '0'),
        ${year}::int, "last", ${context.intakeKey}::text, ${newCase.status}::text, ${classification.type}::text,
        ${classification.rule}::text, ${intake.category}::text, ${intake.department}::text, ${intake.severity}::int,
        ${intake.receivedVia}::text, ${intake.receivedAt}::timestamptz, ${intake.description}::text,
        ${intake.desiredOutcome}::text, ${intake.resolvedOnSpot}::boolean, ${intake.writtenResponseRequested}::boolean,
        ${intake.medicareBeneficiary}::boolean, ${intake.allegesHarm}::boolean, ${dueDates.acknowledgeDueAt}::timestamptz,
        ${dueDates.responseDueAt}::timestamptz, ${context.filedBy}::text, ${context.sourceChannelId ?? null}::text,
        ${context.sourceMessageTs ?? null}::text, ${issues}::jsonb, CURRENT_TIMESTAMP
      FROM "next"
      RETURNING *
    ), "people" AS (
      INSERT INTO "case_people" ("id", "case_id", "role", "relationship", "name", "phone", "email", "mailing_address", "preferred_language")
      SELECT p."id", c."id", p."role", p."relationship", p."name", p."phone", p."email", p."mailing_address", p."preferred_language"
      FROM "new_case" c, jsonb_to_recordset(${people}::jsonb)
        AS p("id" uuid, "role" text, "relationship" text, "name" text, "phone" text, "email" text, "mailing_address" text, "preferred_language" text)
    ), "event" AS (
      INSERT INTO "case_events" ("case_id", "type", "actor_id", "data")
      SELECT c."id", 'created', c."filed_by",
        jsonb_build_object('number', c."number", 'type', c."type", 'rule', c."classification_rule", 'status', c."status")
      FROM "new_case" c
    ), "messages" AS (
      INSERT INTO "outbox_messages" ("kind", "dedupe_key", "payload", "lane", "order_key")
      -- In the order given: the dispatcher delivers oldest first (routing before the card).
      SELECT m."entry" ->> 'kind', m."entry" ->> 'dedupe_key', m."entry" -> 'payload', m."entry" ->> 'lane', m."entry" ->> 'order_key'
      FROM "new_case", jsonb_array_elements(${messages}::jsonb) WITH ORDINALITY AS m("entry", "position")
      ORDER BY m."position"
    ), "survey_link" AS (
      -- A comment is filed once: the first case filed from it keeps it.
      UPDATE "survey_comments" s SET "case_id" = c."id"
      FROM "new_case" c
      WHERE s."id" = ${context.surveyCommentId ?? null}::uuid AND s."case_id" IS NULL
    )
    SELECT ${SUMMARY_COLUMNS} FROM "new_case"`;
  const row = rows[0];
  if (!row) return null;
  // A new case has no tasks yet: routing adds them.
  return { ...row, status: row.status as CaseStatus, type: row.type as CaseType, openTasks: [] };
}
