import { stringify } from "csv-stringify/sync";
import type { AuditExportRow, CaseExportRow } from "./reports.ts";

// The period exports for the hospital's own analysis: case numbers, codes and dates, never names,
// contact details or narratives. The README lists these columns; keep it true when they change.

const iso = (instant: Date | null) => (instant ? instant.toISOString() : "");
const yesNo = (value: boolean) => (value ? "yes" : "no");

export const CASE_EXPORT_COLUMNS = [
  "case_number",
  "type",
  "status",
  "category",
  "department",
  "severity",
  "received_via",
  "received_at",
  "acknowledge_due_at",
  "acknowledged_at",
  "response_due_at",
  "closed_at",
  "outcome",
  "withdrawn_at",
  "classification_rule",
  "classification_overridden",
  "team_id",
  "owner_slack_id",
  "medicare_beneficiary",
  "alleges_harm",
  "qio_referral",
  "letters_approved",
  "letters_sent",
] as const;

export function caseExportLine(row: CaseExportRow): string[] {
  return [
    row.number,
    row.type,
    row.status,
    row.category,
    row.department,
    String(row.severity),
    row.receivedVia,
    iso(row.receivedAt),
    iso(row.acknowledgeDueAt),
    iso(row.acknowledgedAt),
    iso(row.responseDueAt),
    iso(row.closedAt),
    row.outcome ?? "",
    iso(row.withdrawnAt),
    row.classificationRule,
    yesNo(row.classificationOverridden),
    row.teamId ?? "",
    row.ownerId ?? "",
    yesNo(row.medicareBeneficiary),
    yesNo(row.allegesHarm),
    yesNo(row.qioReferral),
    String(row.lettersApproved),
    String(row.lettersSent),
  ];
}

export const AUDIT_EXPORT_COLUMNS = ["at", "scope", "case_number", "event", "actor_slack_id", "data"] as const;

/** The audit trail holds ids and codes only; its data is written as compact JSON. */
export function auditExportLine(row: AuditExportRow): string[] {
  return [iso(row.at), row.scope, row.caseNumber ?? "", row.type, row.actorId, Object.keys(row.data).length > 0 ? JSON.stringify(row.data) : ""];
}

/** CSV text of rows (RFC 4180 quoting, CRLF line ends, as spreadsheets expect). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { record_delimiter: "windows" });
}
