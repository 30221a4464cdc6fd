import { type CommitteeReport, type CountRow, GRIEVANCE_RESPONSE_DAYS, LONG_OPEN_DAYS, type Share, signalRuleName } from "./committee.ts";
import type { ReportDocument, ReportSection } from "./report-document.ts";

// The committee report as a printed document and as CSV rows: the same numbers, aggregated only
// (categories, units, counts and shares; never a patient, a narrative or a case number).

const percent = (value: Share) => (value.percent === null ? "n/a" : `${value.percent.toFixed(1)}%`);
const ofText = (value: Share) => `${value.count} of ${value.of} (${percent(value)})`;
const days = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(1)} days`);

const ELEMENT_LABELS = {
  contact_person: "Name of the hospital contact person",
  steps_taken: "Steps taken to investigate",
  results: "Results of the grievance process",
  date_of_completion: "Date of completion",
} as const;

function countTable(rows: CountRow[], first: string) {
  return {
    columns: [first, "Grievances", "Complaints", "Compliments", "Total"],
    rows: rows.map((row) => [row.label, String(row.grievances), String(row.complaints), String(row.compliments), String(row.total)]),
    widths: [3, 1, 1, 1, 1],
  };
}

function dateOnly(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "long", day: "numeric" }).format(instant);
}

/** The report as the committee reads it. */
export function committeeDocument(report: CommitteeReport, options: { hospitalName: string; timeZone: string }): ReportDocument {
  const { volume, timeliness, letters } = report;
  const last = new Date(report.to.getTime() - 1);
  const sections: ReportSection[] = [
    {
      heading: "Summary",
      table: {
        columns: ["Measure", "Value"],
        widths: [3, 1.4],
        rows: [
          ["Cases received", String(volume.total)],
          ["Grievances", String(volume.grievances)],
          ["Complaints", String(volume.complaints)],
          ["Compliments", String(volume.compliments)],
          [`Grievances answered within ${GRIEVANCE_RESPONSE_DAYS} days (response or interim letter, or closed)`, ofText(timeliness.answeredWithin7Days)],
          [`Grievances with the final response letter within ${GRIEVANCE_RESPONSE_DAYS} days`, ofText(timeliness.respondedWithin7Days)],
          ["Grievances not yet 7 days old and not yet answered (not judged)", String(timeliness.notYetDue)],
          ["Median days to resolve: grievances", `${days(timeliness.medianDaysToResolve.grievances)} (${timeliness.closed.grievances} closed)`],
          ["Median days to resolve: complaints", `${days(timeliness.medianDaysToResolve.complaints)} (${timeliness.closed.complaints} closed)`],
          ["Response letters approved with all four A-0123 elements", ofText(letters.withAllFourElements)],
          ["Response letters sent", String(letters.responseLettersSent)],
          ["Interim (still working) letters sent", String(letters.interimLettersSent)],
          [`Grievances open more than ${LONG_OPEN_DAYS} days`, `${report.openPast30Days.total} (${report.openPast30Days.stillOpen} still open)`],
          ["QIO referrals (Medicare quality-of-care or discharge concerns)", String(report.qioReferrals)],
          ["Closed with the patient still dissatisfied", String(report.closedDissatisfied)],
          ["Withdrawn", String(report.withdrawn)],
          ["Classification changed by a coordinator", String(report.reclassified)],
        ],
      },
    },
    { heading: "Volume by category", table: countTable(volume.byCategory, "Category"), ...(volume.byCategory.length === 0 ? { paragraphs: ["No cases were received in this period."] } : {}) },
    { heading: "Volume by unit", table: countTable(volume.byUnit, "Unit or department") },
    { heading: "How concerns reached the hospital", table: countTable(volume.byReceivedVia, "Received via") },
    {
      heading: "Response letters: required elements (A-0123)",
      paragraphs: [
        `${letters.responseLettersApproved} response ${letters.responseLettersApproved === 1 ? "letter was" : "letters were"} approved in the period; the app checks each approved version for the four elements CMS requires.`,
      ],
      table: {
        columns: ["Element", "Letters missing it"],
        widths: [3, 1],
        rows: Object.entries(ELEMENT_LABELS).map(([id, label]) => [label, String(letters.missing[id as keyof typeof ELEMENT_LABELS])]),
      },
    },
    {
      heading: "Actions taken",
      table: {
        columns: ["Measure", "Count"],
        widths: [3, 1],
        rows: [
          ["Investigation steps recorded", String(report.actions.stepsRecorded)],
          ["Results (findings) recorded", String(report.actions.resultsRecorded)],
          ["Cases with at least one result recorded", String(report.actions.casesWithResults)],
        ],
      },
    },
    {
      heading: "Spikes and signals (statistical process control)",
      paragraphs: [
        ...(report.signals.length === 0 ? ["No category or unit showed a signal in this period."] : report.signals.map((signal) => signal.sentence)),
        "Each category and unit is charted by month (XmR chart, Making Data Count rules) against up to 12 months before the period.",
        ...(report.signalNote ? [report.signalNote] : []),
      ],
    },
    {
      heading: "Survey and feedback comments",
      paragraphs: [
        `${report.comments.total} comments dated in the period: ${report.comments.candidates} grievance candidates (an identified patient asking for resolution or follow-up), ${report.comments.identifiedNoRequest} identified without a request, ${report.comments.anonymous} anonymous. ${report.comments.filedAsCases} of them were filed as cases.`,
      ],
      ...(report.comments.byCategory.length > 0
        ? { table: { columns: ["Comment theme (category)", "Comments"], widths: [3, 1], rows: report.comments.byCategory.map((row) => [row.label, String(row.count)]) } }
        : {}),
    },
  ];
  if (report.comments.byUnit.length > 0) {
    sections.push({ heading: "Survey and feedback comments by unit", table: { columns: ["Unit", "Comments"], widths: [3, 1], rows: report.comments.byUnit.map((row) => [row.label, String(row.count)]) } });
  }
  sections.push({
    heading: "How these numbers are counted",
    paragraphs: [
      "Cases are those received in the period, counted once each. Timeliness: a grievance is answered within 7 days when a response or interim letter was approved, or the case closed, by the same time 7 calendar days after it was received; grievances younger than that and not answered are not judged yet. Median days to resolve: from receipt to closure, for the period's cases closed when the report was made. Letters: response letters approved, and letters sent, in the period. Open more than 30 days: grievances closed after day 30, or still open past it. Comments: those dated in the period.",
    ],
  });
  return {
    title: `Grievance committee report: ${report.period}`,
    subtitle: [
      options.hospitalName,
      `Cases received ${dateOnly(report.from, options.timeZone)} to ${dateOnly(last, options.timeZone)}; figures as of ${dateOnly(report.asOf, options.timeZone)}.`,
      "Aggregated figures only: no patient identifiers, narratives or case numbers.",
    ],
    sections,
    footer: "Confidential: quality improvement (QAPI) and grievance committee review",
  };
}

/** The report as CSV rows: section, measure, group, value, of, percent. */
export function committeeCsvRows(report: CommitteeReport): string[][] {
  const rows: string[][] = [["section", "measure", "group", "value", "of", "percent"]];
  const add = (section: string, measure: string, group: string, value: number | string, of: number | string = "", pct: number | null | "" = "") =>
    rows.push([section, measure, group, String(value), String(of), pct === null ? "" : String(pct === "" ? "" : pct.toFixed(1))]);
  const addShare = (section: string, measure: string, value: Share) => add(section, measure, "", value.count, value.of, value.percent);
  add("period", "period", "", report.period);
  add("period", "from", "", report.from.toISOString());
  add("period", "to (exclusive)", "", report.to.toISOString());
  add("period", "as of", "", report.asOf.toISOString());
  add("volume", "cases received", "all", report.volume.total);
  add("volume", "cases received", "grievance", report.volume.grievances);
  add("volume", "cases received", "complaint", report.volume.complaints);
  add("volume", "cases received", "compliment", report.volume.compliments);
  for (const [section, list] of [["by category", report.volume.byCategory], ["by unit", report.volume.byUnit], ["by received via", report.volume.byReceivedVia]] as const) {
    for (const row of list) {
      add(section, row.label, "grievance", row.grievances);
      add(section, row.label, "complaint", row.complaints);
      add(section, row.label, "compliment", row.compliments);
      add(section, row.label, "all", row.total);
    }
  }
  addShare("timeliness", "grievances answered within 7 days", report.timeliness.answeredWithin7Days);
  addShare("timeliness", "grievances with final response letter within 7 days", report.timeliness.respondedWithin7Days);
  add("timeliness", "grievances not yet judged", "", report.timeliness.notYetDue);
  add("timeliness", "median days to resolve", "grievance", report.timeliness.medianDaysToResolve.grievances?.toFixed(1) ?? "", report.timeliness.closed.grievances);
  add("timeliness", "median days to resolve", "complaint", report.timeliness.medianDaysToResolve.complaints?.toFixed(1) ?? "", report.timeliness.closed.complaints);
  addShare("letters", "response letters with all four A-0123 elements", report.letters.withAllFourElements);
  for (const [id, count] of Object.entries(report.letters.missing)) add("letters", "response letters missing element", id, count);
  add("letters", "response letters sent", "", report.letters.responseLettersSent);
  add("letters", "interim letters sent", "", report.letters.interimLettersSent);
  add("outcomes", "grievances open more than 30 days", "all", report.openPast30Days.total);
  add("outcomes", "grievances open more than 30 days", "still open", report.openPast30Days.stillOpen);
  add("outcomes", "QIO referrals", "", report.qioReferrals);
  add("outcomes", "closed dissatisfied", "", report.closedDissatisfied);
  add("outcomes", "withdrawn", "", report.withdrawn);
  add("outcomes", "classification changed", "", report.reclassified);
  add("actions", "investigation steps recorded", "", report.actions.stepsRecorded);
  add("actions", "results recorded", "", report.actions.resultsRecorded);
  add("actions", "cases with a result recorded", "", report.actions.casesWithResults);
  for (const signal of report.signals) add("signals", `${signal.dimension}: ${signal.label}`, `${signal.month} ${signalRuleName(signal)}`, signal.sentence);
  add("comments", "comments", "all", report.comments.total);
  add("comments", "comments", "grievance candidates", report.comments.candidates);
  add("comments", "comments", "identified, no request", report.comments.identifiedNoRequest);
  add("comments", "comments", "anonymous", report.comments.anonymous);
  add("comments", "comments filed as cases", "", report.comments.filedAsCases);
  for (const row of report.comments.byCategory) add("comments by category", row.label, "", row.count);
  for (const row of report.comments.byUnit) add("comments by unit", row.label, "", row.count);
  return rows;
}
