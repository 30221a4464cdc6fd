import { describe, expect, it } from "vitest";
import { answeredByDeadline } from "../../../src/cases/clocks.ts";
import { median, type TeamCaseRecord, type TeamEventRecord, type TeamLetterRecord, teamMetrics } from "../../../src/digests/team-metrics.ts";
import type { LetterCheck } from "../../../src/letters/letter-check.ts";

// A seeded November 2026 worked by hand. Times are UTC; the period is the month in New York:
// [1 Nov 04:00Z, 1 Dec 05:00Z). "Now" is Friday 20 Nov, 12:00Z, so "this week" runs to 27 Nov 12:00Z.

const PERIOD = { from: new Date("2026-11-01T04:00:00Z"), to: new Date("2026-12-01T05:00:00Z") };
const NOW = new Date("2026-11-20T12:00:00Z");
const ANNA = "U0COORDANNA";
const BEN = "U0COORDBEN";
const CARA = "U0COORDCARA"; // a coordinator with no case at all
const at = (iso: string) => new Date(`${iso}:00Z`);

let sequence = 0;
function record(values: Partial<TeamCaseRecord> & Pick<TeamCaseRecord, "type" | "status" | "receivedAt">): TeamCaseRecord {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    number: `PR-2026-${String(sequence).padStart(4, "0")}`,
    ownerId: null,
    acknowledgedAt: null,
    acknowledgeDueAt: null,
    responseDueAt: null,
    closedAt: null,
    cardChannelId: "C0CASES001",
    cardMessageTs: `1763000000.${String(sequence).padStart(6, "0")}`,
    ...values,
  };
}
const event = (caseRecord: TeamCaseRecord, type: string, when: string, from: string | null, to: string | null): TeamEventRecord => ({ caseId: caseRecord.id, type, at: at(when), from, to });
const PASSING: LetterCheck[] = [
  { id: "contact_person", label: "Names the hospital contact person", passed: true, required: true },
  { id: "no_liability", label: "Does not admit liability or fault", passed: true, required: true },
];
const FAILING: LetterCheck[] = [
  { id: "contact_person", label: "Names the hospital contact person", passed: true, required: true },
  { id: "steps_taken", label: "Describes the steps taken to investigate", passed: false, required: true },
];
// A check that fails but is not required does not stop a draft from passing.
const PASSING_WITH_OPTIONAL_MISS: LetterCheck[] = [...PASSING, { id: "reading_grade", label: "Reading grade", passed: false, required: false }];

// ── Anna ──────────────────────────────────────────────────────────────────────────────────────
// A1: grievance received 2 Nov 10:00, acknowledged 14:00 (4 h), closed 8 Nov 10:00 while acknowledged
//     (resolved in 6 d = 144 h), due 9 Nov 10:00 and closed before: answered in time. First draft passes.
const A1 = record({ ownerId: ANNA, type: "grievance", status: "closed", receivedAt: at("2026-11-02T10:00"), acknowledgedAt: at("2026-11-02T14:00"), acknowledgeDueAt: at("2026-11-04T10:00"), responseDueAt: at("2026-11-09T10:00"), closedAt: at("2026-11-08T10:00") });
// A2: grievance received 5 Nov 10:00, acknowledged 20:00 (10 h), due 12 Nov 10:00; the letter was
//     approved only on 14 Nov: not in time. Still investigating: response overdue now. First draft fails a required check.
const A2 = record({ ownerId: ANNA, type: "grievance", status: "investigating", receivedAt: at("2026-11-05T10:00"), acknowledgedAt: at("2026-11-05T20:00"), acknowledgeDueAt: at("2026-11-06T10:00"), responseDueAt: at("2026-11-12T10:00") });
// A3: complaint received in October (not in November's acknowledgement count), resolved 3 Nov,
//     reopened 10 Nov, resolved again 15 Nov 10:00: resolved once, at the last move, after
//     20 Oct 10:00 → 15 Nov 10:00 = 11 + 15 = 26 d = 624 h; reopened once.
const A3 = record({ ownerId: ANNA, type: "complaint", status: "resolved", receivedAt: at("2026-10-20T10:00"), acknowledgedAt: at("2026-10-20T12:00"), acknowledgeDueAt: at("2026-10-22T10:00"), responseDueAt: at("2026-11-03T10:00") });
// A4: complaint received 18 Nov 10:00, still new: not acknowledged yet (waiting), and its
//     acknowledgement was due 20 Nov 10:00, two hours before now: overdue, at risk.
const A4 = record({ ownerId: ANNA, type: "complaint", status: "new", receivedAt: at("2026-11-18T10:00"), acknowledgeDueAt: at("2026-11-20T10:00"), responseDueAt: at("2026-12-02T10:00") });
// A5: grievance received 16 Nov 12:00, acknowledged 18:00 (6 h), due 23 Nov 12:00: at risk (in 72 h),
//     its clock not run out yet, so not in the grievance count.
const A5 = record({ ownerId: ANNA, type: "grievance", status: "acknowledged", receivedAt: at("2026-11-16T12:00"), acknowledgedAt: at("2026-11-16T18:00"), acknowledgeDueAt: at("2026-11-18T12:00"), responseDueAt: at("2026-11-23T12:00") });
// A6: complaint received 19 Nov 09:00, acknowledged 11:00 (2 h), due 10 Dec: open, not at risk.
const A6 = record({ ownerId: ANNA, type: "complaint", status: "investigating", receivedAt: at("2026-11-19T09:00"), acknowledgedAt: at("2026-11-19T11:00"), acknowledgeDueAt: at("2026-11-20T09:00"), responseDueAt: at("2026-12-10T09:00") });
// A7: closed in October: nothing in November.
const A7 = record({ ownerId: ANNA, type: "complaint", status: "closed", receivedAt: at("2026-10-01T10:00"), acknowledgedAt: at("2026-10-01T11:00"), acknowledgeDueAt: at("2026-10-02T10:00"), responseDueAt: at("2026-10-15T10:00"), closedAt: at("2026-10-15T10:00") });

// ── Ben ───────────────────────────────────────────────────────────────────────────────────────
// B1: grievance received 3 Nov 09:00, acknowledged 4 Nov 09:00 (24 h), due 10 Nov 09:00; an interim
//     letter approved 9 Nov 09:00 answers it in time although it closed on 17 Nov 09:00 (resolved
//     after 14 d = 336 h). Two first drafts (interim, response), both passing.
const B1 = record({ ownerId: BEN, type: "grievance", status: "closed", receivedAt: at("2026-11-03T09:00"), acknowledgedAt: at("2026-11-04T09:00"), acknowledgeDueAt: at("2026-11-05T09:00"), responseDueAt: at("2026-11-10T09:00"), closedAt: at("2026-11-17T09:00") });
// B2: resolved at the point of service: no clock, no acknowledgement, never moved: counted nowhere.
const B2 = record({ ownerId: BEN, type: "complaint", status: "resolved", receivedAt: at("2026-11-10T08:00") });
// B3: complaint received 11 Nov 12:00 and closed straight from new on 12 Nov 12:00 (resolved in 24 h):
//     never acknowledged, but not waiting either (its acknowledgement clock stopped when it closed).
const B3 = record({ ownerId: BEN, type: "complaint", status: "closed", receivedAt: at("2026-11-11T12:00"), acknowledgeDueAt: at("2026-11-13T12:00"), responseDueAt: at("2026-11-25T12:00"), closedAt: at("2026-11-12T12:00") });

// ── Nobody's ──────────────────────────────────────────────────────────────────────────────────
// U1: grievance received 19 Nov 12:00, unassigned and new: waiting for acknowledgement (due 21 Nov), due 26 Nov.
const U1 = record({ type: "grievance", status: "new", receivedAt: at("2026-11-19T12:00"), acknowledgeDueAt: at("2026-11-21T12:00"), responseDueAt: at("2026-11-26T12:00") });

const CASES = [A1, A2, A3, A4, A5, A6, A7, B1, B2, B3, U1];
const EVENTS: TeamEventRecord[] = [
  event(A1, "status_changed", "2026-11-02T14:00", "new", "acknowledged"),
  event(A1, "closed", "2026-11-08T10:00", "acknowledged", null),
  event(A2, "status_changed", "2026-11-05T20:00", "new", "investigating"),
  event(A3, "status_changed", "2026-10-20T12:00", "new", "investigating"),
  event(A3, "status_changed", "2026-11-03T10:00", "investigating", "resolved"),
  event(A3, "reopened", "2026-11-10T10:00", "resolved", null),
  event(A3, "status_changed", "2026-11-15T10:00", "investigating", "resolved"),
  event(A5, "status_changed", "2026-11-16T18:00", "new", "acknowledged"),
  event(A7, "closed", "2026-10-15T10:00", "investigating", null),
  event(B1, "status_changed", "2026-11-04T09:00", "new", "investigating"),
  event(B1, "closed", "2026-11-17T09:00", "investigating", null),
  // Closing a resolved case is not a second resolution: B2 never left the open statuses.
  event(B2, "closed", "2026-11-12T08:00", "resolved", null),
  event(B3, "closed", "2026-11-12T12:00", "new", null),
];
const draft = (createdAt: string, checks: LetterCheck[]) => ({ createdAt: at(createdAt), checks });
const LETTERS: TeamLetterRecord[] = [
  { caseId: A1.id, approvedAt: at("2026-11-07T10:00"), firstDraft: draft("2026-11-06T10:00", PASSING) },
  { caseId: A2.id, approvedAt: at("2026-11-14T10:00"), firstDraft: draft("2026-11-13T10:00", FAILING) },
  { caseId: B1.id, approvedAt: at("2026-11-09T09:00"), firstDraft: draft("2026-11-08T09:00", PASSING) },
  { caseId: B1.id, approvedAt: null, firstDraft: draft("2026-11-16T09:00", PASSING_WITH_OPTIONAL_MISS) },
  // Drafted in October: not one of November's first drafts.
  { caseId: A7.id, approvedAt: at("2026-10-10T10:00"), firstDraft: draft("2026-10-09T10:00", FAILING) },
];

const metrics = teamMetrics({ period: PERIOD, now: NOW, coordinators: [ANNA, BEN, CARA], cases: CASES, letters: LETTERS, events: EVENTS });
const row = (userId: string) => {
  const found = metrics.coordinators.find((candidate) => candidate.userId === userId);
  if (!found) throw new Error(`no row for ${userId}`);
  return found;
};

describe("team metrics over a seeded November", () => {
  it("counts Anna's open, overdue and at-risk cases now", () => {
    // Open: A2, A4, A5, A6 = 4. Overdue: A2 (response due 12 Nov) and A4 (acknowledgement due 20 Nov 10:00) = 2.
    expect(row(ANNA)).toMatchObject({ open: 4, overdue: 2 });
    // At risk, earliest first: A2 (12 Nov, past), A4 (20 Nov 10:00, past), A5 (23 Nov 12:00, in 72 h). A6 is due 10 Dec.
    expect(row(ANNA).atRisk.map(({ number, kind, overdue }) => ({ number, kind, overdue }))).toEqual([
      { number: A2.number, kind: "response", overdue: true },
      { number: A4.number, kind: "acknowledge", overdue: true },
      { number: A5.number, kind: "response", overdue: false },
    ]);
    expect(row(ANNA).atRisk[0]).toMatchObject({ caseId: A2.id, dueAt: A2.responseDueAt, cardChannelId: "C0CASES001", cardMessageTs: A2.cardMessageTs });
  });

  it("takes medians of even counts as the mean of the two middle values", () => {
    // Anna's acknowledgements of November's cases: A1 4 h, A2 10 h, A5 6 h, A6 2 h → 2, 4, 6, 10 → (4 + 6) / 2 = 5 h; A4 waits.
    expect(row(ANNA).acknowledge).toEqual({ medianHours: 5, acknowledged: 4, waiting: 1 });
    // Anna's resolutions: A1 144 h, A3 624 h (its last resolution) → (144 + 624) / 2 = 384 h.
    expect(row(ANNA).resolve).toEqual({ medianHours: 384, resolved: 2 });
    // Ben's: B1 336 h, B3 24 h → (24 + 336) / 2 = 180 h; only B1 was acknowledged (24 h), B3 closed unacknowledged and is not waiting.
    expect(row(BEN).resolve).toEqual({ medianHours: 180, resolved: 2 });
    expect(row(BEN).acknowledge).toEqual({ medianHours: 24, acknowledged: 1, waiting: 0 });
  });

  it("counts grievances answered in time, first drafts passing and reopened cases", () => {
    // Anna: A1 answered (closed 8 Nov, due 9 Nov), A2 not (approved 14 Nov, due 12 Nov) → 1 of 2; A5's clock still runs.
    expect(row(ANNA).grievancesInTime).toEqual({ count: 1, of: 2, share: 0.5 });
    // Anna: A1's draft passes, A2's fails a required check → 1 of 2; A7's October draft is not November's.
    expect(row(ANNA).firstDraftsPassing).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(row(ANNA).reopened).toBe(1);
    // Ben: B1 answered by its interim letter (9 Nov 09:00 ≤ 10 Nov 09:00) → 1 of 1; both drafts pass (a missed optional check does not count) → 2 of 2.
    expect(row(BEN)).toMatchObject({ open: 0, overdue: 0, atRisk: [], reopened: 0, grievancesInTime: { count: 1, of: 1, share: 1 }, firstDraftsPassing: { count: 2, of: 2, share: 1 } });
  });

  it("gives a coordinator with no cases a row of zeros and nothing to measure", () => {
    expect(row(CARA)).toEqual({
      userId: CARA,
      open: 0,
      overdue: 0,
      acknowledge: { medianHours: null, acknowledged: 0, waiting: 0 },
      resolve: { medianHours: null, resolved: 0 },
      grievancesInTime: { count: 0, of: 0, share: null },
      firstDraftsPassing: { count: 0, of: 0, share: null },
      reopened: 0,
      atRisk: [],
    });
  });

  it("adds up the team over every case, owned or not", () => {
    expect(metrics.team).toEqual({
      // Open: Anna's 4 + U1 = 5, of them 1 unassigned; overdue: A2, A4.
      open: 5,
      unassignedOpen: 1,
      overdue: 2,
      // All acknowledgements: 2, 4, 6, 10, 24 → 6 h (odd count: the middle one); waiting: A4 and U1.
      acknowledge: { medianHours: 6, acknowledged: 5, waiting: 2 },
      // All resolutions: 24, 144, 336, 624 → (144 + 336) / 2 = 240 h.
      resolve: { medianHours: 240, resolved: 4 },
      // Grievances: A1 yes, A2 no, B1 yes → 2 of 3; U1's clock still runs.
      grievancesInTime: { count: 2, of: 3, share: 2 / 3 },
      // First drafts: A1 yes, A2 no, B1 twice yes → 3 of 4.
      firstDraftsPassing: { count: 3, of: 4, share: 0.75 },
      reopened: 1,
    });
  });

  it("lists the most overdue first, then by id", () => {
    // Anna has 2 overdue; Ben and Cara none, no risk, no open case: by id.
    expect(metrics.coordinators.map((candidate) => candidate.userId)).toEqual([ANNA, BEN, CARA]);
  });

  it("lists an owner who is not (or no longer) a coordinator too", () => {
    const withoutRoles = teamMetrics({ period: PERIOD, now: NOW, coordinators: [], cases: CASES, letters: LETTERS, events: EVENTS });
    expect(withoutRoles.coordinators.map((candidate) => candidate.userId)).toEqual([ANNA, BEN]);
  });

  it("counts a reopened case still open as open and not resolved", () => {
    const reopened = { ...A3, status: "investigating" as const };
    const result = teamMetrics({ period: PERIOD, now: NOW, coordinators: [ANNA], cases: [reopened], letters: [], events: EVENTS.filter((candidate) => candidate.caseId === A3.id).slice(0, 3) });
    // Reopened on 10 Nov and not resolved since: open 1, resolved 0, reopened 1; its response was due 3 Nov: overdue and at risk.
    expect(result.coordinators[0]).toMatchObject({ open: 1, overdue: 1, reopened: 1, resolve: { medianHours: null, resolved: 0 } });
    expect(result.coordinators[0]?.atRisk.map((risk) => risk.number)).toEqual([A3.number]);
  });
});

describe("median", () => {
  it("is the middle value of an odd count, the mean of the two middle values of an even one, null of none", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 2, 6, 4])).toBe(5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

describe("answeredByDeadline", () => {
  const due = at("2026-11-10T09:00");
  it("is met by a letter approved, or a close, at the deadline or before it", () => {
    expect(answeredByDeadline(due, null, [due])).toBe(true);
    expect(answeredByDeadline(due, due, [])).toBe(true);
    expect(answeredByDeadline(due, at("2026-11-10T09:01"), [at("2026-11-11T09:00")])).toBe(false);
    expect(answeredByDeadline(due, null, [])).toBe(false);
  });
});
