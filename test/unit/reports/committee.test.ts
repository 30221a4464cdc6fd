import { describe, expect, it } from "vitest";
import { type CommitteeCase, type CommitteeLetter, committeeReport, median, type ReceivedCase } from "../../../src/reports/committee.ts";
import { committeeCsvRows, committeeDocument } from "../../../src/reports/committee-render.ts";
import { monthsBefore, parsePeriod } from "../../../src/reports/period.ts";

// A seeded November 2026 in New York, with every expected number worked out by hand below.

const TZ = "America/New_York";
const at = (iso: string) => new Date(iso);
const ED = "Emergency Department";
const ICU = "Intensive Care";

const base: CommitteeCase = {
  type: "grievance",
  category: "quality",
  department: ED,
  receivedVia: "phone",
  receivedAt: at("2026-11-02T15:00:00Z"),
  closedAt: null,
  outcome: null,
  withdrawn: false,
  classificationOverridden: false,
  qioReferral: false,
  steps: 0,
  results: 0,
  firstResponseApprovedAt: null,
  firstInterimApprovedAt: null,
};
const kase = (fields: Partial<CommitteeCase>): CommitteeCase => ({ ...base, ...fields });

const CASES: CommitteeCase[] = [
  // 1: response approved day 4, closed after 6.0 days; 2 steps, 1 result.
  kase({ closedAt: at("2026-11-08T15:00:00Z"), outcome: "resolved", steps: 2, results: 1, firstResponseApprovedAt: at("2026-11-06T15:00:00Z") }),
  // 2: interim approved day 6 (answered, not responded), response day 17, closed after 18.0 days; 1 result.
  kase({ receivedAt: at("2026-11-03T15:00:00Z"), closedAt: at("2026-11-21T15:00:00Z"), outcome: "resolved", results: 1, firstInterimApprovedAt: at("2026-11-09T15:00:00Z"), firstResponseApprovedAt: at("2026-11-20T15:00:00Z") }),
  // 3: nothing done, still open on Dec 3: past its 7 days and its 30 days (Dec 2 11:00 EST); QIO referral; 1 step.
  kase({ category: "communication", department: ICU, receivedAt: at("2026-11-02T16:00:00Z"), qioReferral: true, steps: 1 }),
  // 4: response on day 13, closed after 14.0 days dissatisfied; reclassified.
  kase({ category: "safety", department: ICU, receivedAt: at("2026-11-10T15:00:00Z"), closedAt: at("2026-11-24T15:00:00Z"), outcome: "dissatisfied", classificationOverridden: true, firstResponseApprovedAt: at("2026-11-23T15:00:00Z") }),
  // 5: received Nov 30: its 7 days end Dec 7, after the report: not judged yet.
  kase({ category: "safety", receivedAt: at("2026-11-30T15:00:00Z") }),
  // 6: withdrawn: counted in volume and as withdrawn, left out of timeliness and resolution.
  kase({ category: "access", receivedAt: at("2026-11-04T15:00:00Z"), withdrawn: true, closedAt: at("2026-11-05T15:00:00Z") }),
  // 7-9: complaints closed after 0.25, 1.0 and 3.0 days (7 came from a survey comment).
  kase({ type: "complaint", category: "environment", receivedVia: "survey", receivedAt: at("2026-11-05T15:00:00Z"), closedAt: at("2026-11-05T21:00:00Z") }),
  kase({ type: "complaint", category: "environment", department: ICU, receivedAt: at("2026-11-06T15:00:00Z"), closedAt: at("2026-11-07T15:00:00Z") }),
  kase({ type: "complaint", category: "billing", receivedAt: at("2026-11-07T15:00:00Z"), closedAt: at("2026-11-10T15:00:00Z") }),
  // 10: a compliment (in no median).
  kase({ type: "compliment", category: "compliment", department: ICU, receivedAt: at("2026-11-08T15:00:00Z"), closedAt: at("2026-11-08T16:00:00Z") }),
];

const pass = (...failed: string[]) => ["contact_person", "steps_taken", "results", "date_of_completion", "reading_grade"].map((id) => ({ id, passed: !failed.includes(id) }));
const LETTERS: CommitteeLetter[] = [
  { kind: "response", approvedAt: at("2026-11-06T15:00:00Z"), sentAt: at("2026-11-07T15:00:00Z"), approvedChecks: pass() },
  { kind: "interim", approvedAt: at("2026-11-09T15:00:00Z"), sentAt: at("2026-11-09T18:00:00Z"), approvedChecks: pass("steps_taken", "results", "date_of_completion") },
  { kind: "response", approvedAt: at("2026-11-20T15:00:00Z"), sentAt: at("2026-11-21T15:00:00Z"), approvedChecks: pass("date_of_completion") },
  { kind: "response", approvedAt: at("2026-11-23T15:00:00Z"), sentAt: null, approvedChecks: pass("contact_person", "results") },
  // Approved in October, sent in November: a letter sent, not one approved, this period.
  { kind: "response", approvedAt: at("2026-10-28T15:00:00Z"), sentAt: at("2026-11-02T15:00:00Z"), approvedChecks: pass() },
];

// History: "quality" at 1,2,1,2,… a month for Nov 2025 to Oct 2026 (18 cases, mean 1.5, every moving
// range 1, so the upper limit is 1.5 + 2.66 × 1 = 4.16), all on the unit "Other"; then 6 in November.
const BASELINE_COUNTS = [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2];
function history(): ReceivedCase[] {
  const received: ReceivedCase[] = [];
  BASELINE_COUNTS.forEach((count, index) => {
    const month = new Date(Date.UTC(2025, 10 + index, 10, 15));
    for (let n = 0; n < count; n++) received.push({ category: "quality", department: "Other", receivedAt: month });
  });
  for (let n = 0; n < 6; n++) received.push({ category: "quality", department: ED, receivedAt: at(`2026-11-1${n}T15:00:00Z`) });
  return received;
}

function report() {
  const parsed = parsePeriod("2026-11", TZ);
  if (!parsed.ok) throw new Error(parsed.message);
  return committeeReport({
    period: parsed.period,
    baselineMonths: monthsBefore(parsed.period, 12, TZ),
    asOf: at("2026-12-03T15:00:00Z"),
    timeZone: TZ,
    cases: CASES,
    letters: LETTERS,
    comments: [
      // Both candidates were filed: as case 7 (received via survey) and as case 3 (recorded as a phone call,
      // the patient having called back), so the comments filed (2) are not the cases received via survey (1).
      { unit: ED, category: "environment", screening: "candidate", filed: true },
      { unit: ICU, category: "communication", screening: "candidate", filed: true },
      { unit: ED, category: "environment", screening: "anonymous", filed: false },
      { unit: ED, category: "environment", screening: "no_request", filed: false },
      { unit: ICU, category: "quality", screening: "no_request", filed: false },
    ],
    received: history(),
    // Nov 1 2025 00:00 EDT: the baseline's first month counts whole.
    firstReceivedAt: at("2025-11-01T04:00:00Z"),
  });
}

describe("periods", () => {
  it("reads months and quarters in the hospital's zone and names what is wrong", () => {
    const quarter = parsePeriod("2026-q4", TZ);
    expect(quarter.ok && quarter.period.label).toBe("2026-Q4");
    // Oct 1 00:00 EDT is 04:00Z; Jan 1 00:00 EST is 05:00Z.
    expect(quarter.ok && [quarter.period.from.toISOString(), quarter.period.to.toISOString(), quarter.period.months.map((m) => m.key)]).toEqual([
      "2026-10-01T04:00:00.000Z",
      "2027-01-01T05:00:00.000Z",
      ["2026-10", "2026-11", "2026-12"],
    ]);
    expect(parsePeriod("31/13/2026", TZ)).toEqual({ ok: false, message: '"31/13/2026" is not a period. Write the period as a month (2026-11) or a quarter (2026-Q4).' });
    expect(parsePeriod("2026-Q5", TZ).ok).toBe(false);
    expect(parsePeriod("", TZ)).toEqual({ ok: false, message: "Name the period. Write the period as a month (2026-11) or a quarter (2026-Q4)." });
  });
});

describe("committee report numbers", () => {
  const result = report();

  it("counts volume by type, category and unit", () => {
    // 10 cases: grievances 1-6, complaints 7-9, compliment 10.
    expect(result.volume).toMatchObject({ total: 10, grievances: 6, complaints: 3, compliments: 1 });
    // quality 2 G, safety 2 G, environment 2 C; then 1 each: access G, communication G, billing C, compliment.
    expect(result.volume.byCategory.map((row) => [row.key, row.grievances, row.complaints, row.compliments, row.total])).toEqual([
      ["quality", 2, 0, 0, 2],
      ["safety", 2, 0, 0, 2],
      ["environment", 0, 2, 0, 2],
      ["access", 1, 0, 0, 1],
      ["communication", 1, 0, 0, 1],
      ["billing", 0, 1, 0, 1],
      ["compliment", 0, 0, 1, 1],
    ]);
    // ED: cases 1, 2, 5, 6 (G) and 7, 9 (C) = 6; ICU: 3, 4 (G), 8 (C), 10 (compliment) = 4.
    expect(result.volume.byUnit.map((row) => [row.key, row.grievances, row.complaints, row.compliments, row.total])).toEqual([
      [ED, 4, 2, 0, 6],
      [ICU, 2, 1, 1, 4],
    ]);
  });

  it("judges the 7-day clock and the median days to resolve", () => {
    // Grievances not withdrawn: 1-5. Case 5 is not 7 days old on Dec 3 and not answered: not judged (1).
    // Judged 4: answered 1 (response day 4) and 2 (interim day 6) = 2 of 4 = 50.0%; responded 1 only = 25.0%.
    expect(result.timeliness.grievancesJudged).toBe(4);
    expect(result.timeliness.notYetDue).toBe(1);
    expect(result.timeliness.answeredWithin7Days).toEqual({ count: 2, of: 4, percent: 50 });
    expect(result.timeliness.respondedWithin7Days).toEqual({ count: 1, of: 4, percent: 25 });
    // Grievances closed: 6.0, 18.0, 14.0 days → median 14.0; complaints 0.25, 1.0, 3.0 → 1.0.
    expect(result.timeliness.medianDaysToResolve).toEqual({ grievances: 14, complaints: 1 });
    expect(result.timeliness.closed).toEqual({ grievances: 3, complaints: 3 });
  });

  it("checks the letters for the four A-0123 elements", () => {
    // Response letters approved in November: 3 (the October one is not). All four elements: the first only = 1 of 3 = 33.3%.
    expect(result.letters.responseLettersApproved).toBe(3);
    expect(result.letters.withAllFourElements).toEqual({ count: 1, of: 3, percent: 33.3 });
    expect(result.letters.missing).toEqual({ contact_person: 1, steps_taken: 0, results: 1, date_of_completion: 1 });
    // Sent in November: responses 1, 3 and the October one = 3; interim 1.
    expect(result.letters.responseLettersSent).toBe(3);
    expect(result.letters.interimLettersSent).toBe(1);
  });

  it("counts long-open grievances, QIO referrals, outcomes and actions", () => {
    // Only case 3 was open past day 30, and still is.
    expect(result.openPast30Days).toEqual({ total: 1, stillOpen: 1 });
    expect(result.qioReferrals).toBe(1);
    expect(result.closedDissatisfied).toBe(1);
    expect(result.withdrawn).toBe(1);
    expect(result.reclassified).toBe(1);
    // Steps 2 + 1 = 3; results 1 + 1 = 2, on 2 cases.
    expect(result.actions).toEqual({ stepsRecorded: 3, resultsRecorded: 2, casesWithResults: 2 });
  });

  it("calls a signal only where the history supports it", () => {
    // Quality: 6 in November above 4.16; "Other": 0 in November, lower limit 0, no signal; ED has no history.
    expect(result.signals).toEqual([
      { dimension: "category", label: "Quality of care", month: "2026-11", rule: "beyond_limit", direction: "up", sentence: "Quality of care: 6 in 2026-11, above the upper process limit of 4.2 (mean 1.5 a month over 12 months)." },
    ]);
    expect(result.signalNote).toMatch(/^1 row has too little history/);
  });

  it("counts survey comments and the cases filed from them", () => {
    expect(result.comments).toEqual({
      total: 5,
      candidates: 2,
      anonymous: 1,
      identifiedNoRequest: 2,
      filedAsCases: 2,
      byCategory: [
        { key: "environment", label: "Environment (cleanliness, noise, food, facilities)", count: 3 },
        { key: "communication", label: "Communication and information", count: 1 },
        { key: "quality", label: "Quality of care", count: 1 },
      ],
      byUnit: [
        { key: ED, label: ED, count: 3 },
        { key: ICU, label: ICU, count: 2 },
      ],
    });
  });

  it("renders the same numbers in the document and the CSV", () => {
    const document = committeeDocument(result, { hospitalName: "Lakeside Community Hospital", timeZone: TZ });
    const summary = document.sections[0]!.table!.rows;
    expect(summary).toContainEqual(["Grievances answered within 7 days (response or interim letter, or closed)", "2 of 4 (50.0%)"]);
    expect(summary).toContainEqual(["Response letters approved with all four A-0123 elements", "1 of 3 (33.3%)"]);
    expect(document.subtitle[1]).toBe("Cases received November 1, 2026 to November 30, 2026; figures as of December 3, 2026.");
    const csv = committeeCsvRows(result);
    expect(csv[0]).toEqual(["section", "measure", "group", "value", "of", "percent"]);
    expect(csv).toContainEqual(["timeliness", "grievances answered within 7 days", "", "2", "4", "50.0"]);
    expect(csv).toContainEqual(["timeliness", "median days to resolve", "grievance", "14.0", "3", ""]);
    expect(csv).toContainEqual(["by unit", ED, "grievance", "4", "", ""]);
    expect(csv).toContainEqual(["comments", "comments filed as cases", "", "2", "", ""]);
    expect(document.sections.find((part) => part.heading === "Survey and feedback comments")?.paragraphs?.join(" ")).toContain("2 of them were filed as cases.");
  });

  it("takes the median of an even count as the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
