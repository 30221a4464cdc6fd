import type { CaseAction } from "../users/permissions.ts";
import { canExportReports } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { localDateKey } from "../lib/zoned-time.ts";
import type { LetterFonts } from "../letters/fonts.ts";
import { caseRecordDocument } from "./case-record.ts";
import { committeeReport, SIGNAL_BASELINE_MONTHS } from "./committee.ts";
import { committeeCsvRows, committeeDocument } from "./committee-render.ts";
import { AUDIT_EXPORT_COLUMNS, auditExportLine, CASE_EXPORT_COLUMNS, caseExportLine, csvText } from "./exports-csv.ts";
import { monthsBefore, parsePeriod, type ReportPeriod } from "./period.ts";
import { printReport } from "./report-pdf.ts";
import type { ReportDelivery, ReportReads } from "./reports.ts";

// The committee report, the case file export and the period exports: permission first (audited
// when refused), numbers from the pure functions, files sent privately, and every export audited.

export interface ReportServiceDeps {
  reads: ReportReads;
  roleOf(userId: string): Promise<Role>;
  audit(type: string, actorId: string, data: Record<string, string>): Promise<void>;
  /** The case rule (canViewCase and the action's own), audited when refused. */
  ensureAllowed(action: CaseAction, caseId: string, userId: string): Promise<unknown>;
  deliver: ReportDelivery;
  fonts: LetterFonts;
  hospitalName: string;
  timeZone: string;
  now(): Date;
}

const CASE_NUMBER = /^PR-\d{4}-\d{4,}$/;

export function createReportService(deps: ReportServiceDeps) {
  async function requireManager(userId: string, action: string): Promise<void> {
    if (canExportReports(await deps.roleOf(userId))) return;
    await deps.audit("permission_denied", userId, { action });
    throw new AppError(ErrorCode.forbidden, "Only managers make the committee report and export cases or the audit trail. Nothing was sent.");
  }

  function periodOf(text: string): ReportPeriod {
    const parsed = parsePeriod(text, deps.timeZone);
    if (!parsed.ok) throw new AppError(ErrorCode.invalidInput, parsed.message);
    if (parsed.period.from.getTime() > deps.now().getTime()) throw new AppError(ErrorCode.invalidInput, `${parsed.period.label} has not started yet.`);
    return parsed.period;
  }

  return {
    /** /case report committee <period>: the report as PDF and CSV in the requester's DM; returns the period label. */
    async committee(userId: string, periodText: string): Promise<{ period: string }> {
      await requireManager(userId, "committee_report");
      const period = periodOf(periodText);
      const baselineMonths = monthsBefore(period, SIGNAL_BASELINE_MONTHS, deps.timeZone);
      const dayKey = (instant: Date) => localDateKey(instant, deps.timeZone);
      const [cases, letters, comments, received, firstReceivedAt] = await Promise.all([
        deps.reads.casesReceived(period.from, period.to),
        deps.reads.lettersApprovedOrSent(period.from, period.to),
        deps.reads.commentsDated(dayKey(period.from), dayKey(period.to)),
        deps.reads.receivedBetween(baselineMonths[0]?.from ?? period.from, period.to),
        deps.reads.firstReceivedAt(),
      ]);
      const report = committeeReport({ period, baselineMonths, asOf: deps.now(), timeZone: deps.timeZone, cases, letters, comments, received, firstReceivedAt });
      const pdf = await printReport(deps.fonts, committeeDocument(report, { hospitalName: deps.hospitalName, timeZone: deps.timeZone }), { author: deps.hospitalName });
      await deps.deliver.sendPrivately(
        userId,
        [
          { filename: `committee-report-${period.label}.pdf`, title: `Grievance committee report ${period.label}`, content: pdf },
          { filename: `committee-report-${period.label}.csv`, title: `Grievance committee report ${period.label} (CSV)`, content: csvText(committeeCsvRows(report)) },
        ],
        `Grievance committee report for ${period.label}: ${report.volume.total} cases received, ${report.volume.grievances} grievances. Aggregated figures only.`,
      );
      await deps.audit("committee_report_exported", userId, { period: period.label });
      return { period: period.label };
    },

    /** /case export PR-…: one case's whole record as PDF, privately; audited on the case. */
    async caseFile(userId: string, number: string): Promise<{ number: string }> {
      const wanted = number.trim().toUpperCase();
      if (!CASE_NUMBER.test(wanted)) throw new AppError(ErrorCode.invalidInput, `"${number.slice(0, 20)}" is not a case number (PR-2026-0012).`);
      const caseId = await deps.reads.caseIdByNumber(wanted);
      if (!caseId) throw new AppError(ErrorCode.notFound, `There is no case ${wanted}.`);
      await deps.ensureAllowed("view_details", caseId, userId);
      const record = await deps.reads.caseRecord(caseId);
      if (!record) throw new AppError(ErrorCode.notFound, `There is no case ${wanted}.`);
      const exportedAt = deps.now();
      const pdf = await printReport(deps.fonts, caseRecordDocument(record, { hospitalName: deps.hospitalName, timeZone: deps.timeZone, exportedBy: userId, exportedAt }), {
        author: deps.hospitalName,
      });
      // Audited before it is sent: an export that reached Slack is never missing from the trail.
      await deps.reads.recordCaseExport(caseId, userId, "pdf");
      await deps.deliver.sendPrivately(userId, [{ filename: `case-file-${record.number}.pdf`, title: `Case file ${record.number}`, content: pdf }], `Case file ${record.number} (confidential: it contains patient information).`);
      return { number: record.number };
    },

    /** /case export cases|audit <period>: a CSV for the hospital's own analysis, privately; audited. */
    async periodExport(userId: string, what: "cases" | "audit", periodText: string): Promise<{ period: string; rows: number }> {
      await requireManager(userId, `export_${what}`);
      const period = periodOf(periodText);
      const lines: string[][] = [[...(what === "cases" ? CASE_EXPORT_COLUMNS : AUDIT_EXPORT_COLUMNS)]];
      const rows =
        what === "cases"
          ? await deps.reads.casesForExport(period.from, period.to, (batch) => {
              for (const row of batch) lines.push(caseExportLine(row));
            })
          : await deps.reads.auditForExport(period.from, period.to, (batch) => {
              for (const row of batch) lines.push(auditExportLine(row));
            });
      await deps.audit(`${what}_exported`, userId, { period: period.label, rows: String(rows) });
      await deps.deliver.sendPrivately(
        userId,
        [{ filename: `${what}-${period.label}.csv`, title: `${what === "cases" ? "Cases" : "Audit trail"} ${period.label} (CSV)`, content: csvText(lines) }],
        `${what === "cases" ? "Cases received" : "Audit events"} in ${period.label}: ${rows} rows.`,
      );
      return { period: period.label, rows };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
