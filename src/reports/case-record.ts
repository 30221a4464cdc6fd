import { categoryLabel, receivedViaLabel, severityLabel } from "../cases/taxonomy.ts";
import type { CaseRecord } from "./reports.ts";
import type { ReportDocument } from "./report-document.ts";

// One case's whole record as a surveyor reads it: the facts and classification, the people, the
// audit timeline, notes, tasks and every letter version with its checks and approval hash.

function when(instant: Date | null, timeZone: string): string {
  if (!instant) return "";
  return new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(instant);
}

const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** The audit event's data as "key: value" pairs (the trail holds ids and codes only). */
function eventData(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ");
}

export function caseRecordDocument(record: CaseRecord, options: { hospitalName: string; timeZone: string; exportedBy: string; exportedAt: Date }): ReportDocument {
  const tz = options.timeZone;
  const facts: [string, string][] = [
    ["Case number", record.number],
    ["Type", record.type],
    ["Classification rule", `${record.classificationRule}${record.classificationOverridden ? " (overridden by a coordinator)" : ""}`],
    ["Status", record.status],
    ["Category", categoryLabel(record.category)],
    ["Unit or department", record.department],
    ["Severity", severityLabel(record.severity)],
    ["Received via", receivedViaLabel(record.receivedVia)],
    ["Received", when(record.receivedAt, tz)],
    ["Acknowledgement due", when(record.acknowledgeDueAt, tz)],
    ["Acknowledged", when(record.acknowledgedAt, tz)],
    ["Response due", when(record.responseDueAt, tz)],
    ["Closed", when(record.closedAt, tz)],
    ["Outcome", record.outcome ?? ""],
    ["Withdrawn", record.withdrawnAt ? `${when(record.withdrawnAt, tz)} by ${record.withdrawnBy ?? ""}` : ""],
    ["Medicare beneficiary", yesNo(record.medicareBeneficiary)],
    ["Alleges harm, abuse or neglect", yesNo(record.allegesHarm)],
    ["Written response requested", yesNo(record.writtenResponseRequested)],
    ["Resolved on the spot", yesNo(record.resolvedOnSpot)],
    ["Filed by (Slack id)", record.filedBy],
    ["Owner (Slack id)", record.ownerId ?? ""],
    ["Team", record.teamId ?? ""],
  ];
  return {
    title: `Case file ${record.number}`,
    subtitle: [options.hospitalName, `Exported ${when(options.exportedAt, tz)} by Slack user ${options.exportedBy}. Contains protected health information: keep it confidential.`],
    footer: `Case file ${record.number}: confidential, protected health information`,
    sections: [
      { heading: "The case", table: { columns: ["Field", "Value"], widths: [1, 2], rows: facts } },
      {
        heading: "People",
        table: {
          columns: ["Role", "Name", "Contact", "Language"],
          widths: [1, 1.4, 1.6, 0.8],
          rows: record.people.map((person) => [
            `${person.role} (${person.relationship})`,
            person.name,
            [person.phone, person.email, person.mailingAddress].filter(Boolean).join("; "),
            person.preferredLanguage ?? "",
          ]),
        },
      },
      {
        heading: "The concern",
        paragraphs: [`What happened: ${record.description}`, `What the patient wants: ${record.desiredOutcome || "(not recorded)"}`, ...(record.resolutionSummary ? [`Resolution: ${record.resolutionSummary}`] : [])],
      },
      {
        heading: "Audit timeline",
        table: { columns: ["When", "Event", "By", "Details"], widths: [1.3, 1.2, 1, 2], rows: record.events.map((event) => [when(event.at, tz), event.type, event.actorId, eventData(event.data)]) },
      },
      {
        heading: "Notes: investigation steps, results and other notes",
        ...(record.notes.length === 0
          ? { paragraphs: ["No notes recorded."] }
          : { table: { columns: ["When", "Kind", "By", "Note"], widths: [1.2, 0.6, 0.9, 3], rows: record.notes.map((note) => [when(note.createdAt, tz), note.kind, note.authorId, note.body]) } }),
      },
      {
        heading: "Tasks",
        ...(record.tasks.length === 0
          ? { paragraphs: ["No tasks."] }
          : { table: { columns: ["Task", "Status", "Opened", "Completed"], rows: record.tasks.map((task) => [task.kind, task.status, when(task.createdAt, tz), when(task.completedAt, tz)]) } }),
      },
      ...(record.letters.length === 0 ? [{ heading: "Letters", paragraphs: ["No letters."] }] : []),
      ...record.letters.flatMap((letter, index) => [
        {
          heading: `Letter ${index + 1}: ${letter.kind}, ${letter.status}`,
          table: {
            columns: ["Field", "Value"],
            widths: [1, 2],
            rows: [
              ["Requested", `${when(letter.createdAt, tz)} by ${letter.requestedBy}`],
              ["Approved", letter.approvedAt ? `version ${letter.approvedVersion} on ${when(letter.approvedAt, tz)} by ${letter.approvedBy ?? ""}` : ""],
              ["Approval hash (sha256 of the approved text)", letter.approvedHash ?? ""],
              ["Approved despite failed checks, because", letter.overrideReason ?? ""],
              ["Rejected", letter.rejectedBy ? `by ${letter.rejectedBy}: ${letter.rejectedReason ?? ""}` : ""],
              ["Sent", letter.sentAt ? `${when(letter.sentAt, tz)} by ${letter.sentBy ?? ""}` : ""],
            ] as string[][],
          },
        },
        ...letter.versions.map((version) => ({
          heading: `Letter ${index + 1}, version ${version.number} (${version.source}${version.model ? `, ${version.model}` : ""}) by ${version.authorId}, ${when(version.createdAt, tz)}`,
          paragraphs: version.text.split(/\n{2,}/).filter((paragraph) => paragraph.trim()),
          table: {
            columns: ["Check", "Result", "Detail"],
            widths: [1.6, 0.7, 2],
            rows: version.checks.map((check) => [check.label, check.passed ? "passed" : check.required ? "FAILED" : "not required", check.detail ?? ""]),
          },
        })),
      ]),
    ],
  };
}
