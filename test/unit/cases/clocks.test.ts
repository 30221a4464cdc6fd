import { describe, expect, it } from "vitest";
import type { CaseSummary } from "../../../src/cases/case.ts";
import {
  acknowledgementRunning,
  addBusinessDays,
  approvalWaitingTooLong,
  type ClockPolicy,
  deadlineAlert,
  dueDatesFor,
  interimLetterExpected,
  writtenUpdateOverdue,
  interimLetterExpectedIfReceivedBy,
  interimPromiseStillAhead,
  interimResponseDueAt,
  isBusinessDay,
  isOverdue,
  nextDeadline,
  reminderWindow,
  runningDeadlines,
  unassignedTooLong,
} from "../../../src/cases/clocks.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const policy: ClockPolicy = {
  timeZone: "America/New_York",
  acknowledgeBusinessDays: 2,
  grievanceResponseDays: 7,
  complaintResponseBusinessDays: 5,
  holidays: new Set(["2026-12-25"]),
};

describe("dueDatesFor", () => {
  it("gives a grievance 7 calendar days from receipt and acknowledgement in 2 business days", () => {
    // Friday 27 Nov 2026, 09:30 in New York.
    const received = new Date("2026-11-27T14:30:00Z");
    const due = dueDatesFor("grievance", received, false, policy);
    expect(due.responseDueAt?.toISOString()).toBe("2026-12-04T14:30:00.000Z");
    expect(due.acknowledgeDueAt?.toISOString()).toBe("2026-12-01T14:30:00.000Z"); // Tuesday: skips the weekend
  });

  it("skips configured holidays for business-day clocks", () => {
    // Wednesday 23 Dec 2026; Christmas Friday is a holiday.
    const received = new Date("2026-12-23T15:00:00Z");
    const due = dueDatesFor("complaint", received, false, policy);
    expect(due.acknowledgeDueAt?.toISOString()).toBe("2026-12-28T15:00:00.000Z"); // Thu 24, (Fri 25 holiday), Mon 28
    expect(due.responseDueAt?.toISOString()).toBe("2026-12-31T15:00:00.000Z"); // 24, 28, 29, 30, 31
  });

  it("keeps the local time of day across the spring DST change", () => {
    // Thursday 5 Mar 2026 09:00 EST; DST starts Sunday 8 Mar.
    const due = dueDatesFor("grievance", new Date("2026-03-05T14:00:00Z"), false, policy);
    expect(due.responseDueAt?.toISOString()).toBe("2026-03-12T13:00:00.000Z"); // 09:00 EDT
  });

  it("keeps the local time of day across the autumn DST change", () => {
    const due = dueDatesFor("grievance", new Date("2026-10-30T13:00:00Z"), false, policy); // Fri 09:00 EDT
    expect(due.responseDueAt?.toISOString()).toBe("2026-11-06T14:00:00.000Z"); // 09:00 EST
  });

  it("counts from receipt on a weekend to the following business days", () => {
    const due = dueDatesFor("grievance", new Date("2026-11-28T15:00:00Z"), false, policy); // Saturday
    expect(due.acknowledgeDueAt?.toISOString()).toBe("2026-12-01T15:00:00.000Z"); // Mon (1), Tue (2)
  });

  it("sets no clock for a complaint resolved at the point of service", () => {
    expect(dueDatesFor("complaint", new Date("2026-11-27T14:30:00Z"), true, policy)).toEqual({ acknowledgeDueAt: null, responseDueAt: null });
  });

  it("uses the configured grievance window", () => {
    const due = dueDatesFor("grievance", new Date("2026-11-27T14:30:00Z"), false, { ...policy, grievanceResponseDays: 5 });
    expect(due.responseDueAt?.toISOString()).toBe("2026-12-02T14:30:00.000Z");
  });
});

// Moved with nextDeadline from work-queue.ts.
const summary: CaseSummary = caseSummary();

describe("nextDeadline", () => {
  it("is the acknowledgement while the case is new", () => {
    expect(nextDeadline(summary)).toEqual({ kind: "acknowledge", dueAt: new Date("2026-12-01T14:30:00Z") });
  });

  it("is the response for a new case without an acknowledgement clock", () => {
    expect(nextDeadline({ ...summary, acknowledgeDueAt: null })).toEqual({ kind: "response", dueAt: new Date("2026-12-04T14:30:00Z") });
  });

  it.each(["acknowledged", "investigating", "awaiting_response"] as const)("is the response once the case is %s", (status) => {
    expect(nextDeadline({ ...summary, status })).toEqual({ kind: "response", dueAt: new Date("2026-12-04T14:30:00Z") });
  });

  it.each(["resolved", "closed"] as const)("is null for a %s case", (status) => {
    expect(nextDeadline({ ...summary, status })).toBeNull();
  });

  it("is null when no clock runs", () => {
    expect(nextDeadline({ ...summary, acknowledgeDueAt: null, responseDueAt: null })).toBeNull();
    expect(nextDeadline({ ...summary, status: "investigating", responseDueAt: null })).toBeNull();
  });
});

describe("runningDeadlines", () => {
  it("runs both clocks on a new case, acknowledgement first", () => {
    expect(runningDeadlines(summary)).toEqual([
      { kind: "acknowledge", dueAt: new Date("2026-12-01T14:30:00Z") },
      { kind: "response", dueAt: new Date("2026-12-04T14:30:00Z") },
    ]);
  });

  it.each(["acknowledged", "investigating", "awaiting_response"] as const)("runs only the response once the case is %s", (status) => {
    expect(runningDeadlines({ ...summary, status })).toEqual([{ kind: "response", dueAt: new Date("2026-12-04T14:30:00Z") }]);
  });

  it.each(["resolved", "closed"] as const)("runs nothing on a %s case", (status) => {
    expect(runningDeadlines({ ...summary, status })).toEqual([]);
  });
});

describe("acknowledgementRunning", () => {
  it.each([
    ["new", true],
    ["acknowledged", false],
    ["investigating", false],
    ["awaiting_response", false],
    ["resolved", false],
    ["closed", false],
  ] as const)("%s → %s", (status, running) => {
    expect(acknowledgementRunning(status)).toBe(running);
  });
});

describe("isBusinessDay and addBusinessDays", () => {
  const holidays = new Set(["2026-12-25"]);

  it.each([
    [{ year: 2026, month: 11, day: 27 }, true], // Friday
    [{ year: 2026, month: 11, day: 28 }, false], // Saturday
    [{ year: 2026, month: 11, day: 29 }, false], // Sunday
    [{ year: 2026, month: 11, day: 30 }, true], // Monday
    [{ year: 2026, month: 12, day: 25 }, false], // Friday, a holiday
  ])("%o → %s", (date, business) => {
    expect(isBusinessDay(date, holidays)).toBe(business);
  });

  it("counts from the next day, keeps the local time, and skips the weekend and holidays", () => {
    // Wednesday 23 Dec 2026 10:00 in New York.
    const received = new Date("2026-12-23T15:00:00Z");
    expect(addBusinessDays(received, 0, "America/New_York", holidays).toISOString()).toBe("2026-12-23T15:00:00.000Z");
    expect(addBusinessDays(received, 1, "America/New_York", holidays).toISOString()).toBe("2026-12-24T15:00:00.000Z");
    expect(addBusinessDays(received, 2, "America/New_York", holidays).toISOString()).toBe("2026-12-28T15:00:00.000Z");
  });

  it("judges the day in the hospital's zone, not in UTC", () => {
    // Friday 27 Nov 2026 22:00 in Los Angeles is already Saturday in UTC: one business day on is Monday.
    const friday = new Date("2026-11-28T06:00:00Z");
    expect(addBusinessDays(friday, 1, "America/Los_Angeles", new Set()).toISOString()).toBe("2026-12-01T06:00:00.000Z");
  });
});

describe("interimResponseDueAt", () => {
  it("is the promised number of calendar days after receipt, at the same local time across DST", () => {
    // Friday 30 Oct 2026 09:00 EDT; 30 days later is Sunday 29 Nov, 09:00 EST.
    const received = new Date("2026-10-30T13:00:00Z");
    expect(interimResponseDueAt(received, received, 30, "America/New_York").toISOString()).toBe("2026-11-29T14:00:00.000Z");
  });

  it("counts from the day the letter is drafted, never earlier than receipt + the policy days", () => {
    const received = new Date("2026-10-30T13:00:00Z");
    // Drafted on day 35 (Fri 4 Dec, 10:00 EST): promises Sun 3 Jan, not 29 Nov, already past.
    expect(interimResponseDueAt(received, new Date("2026-12-04T15:00:00Z"), 30, "America/New_York").toISOString()).toBe("2027-01-03T15:00:00.000Z");
    // Drafted on day 2: 30 days from the draft.
    expect(interimResponseDueAt(received, new Date("2026-11-01T15:00:00Z"), 30, "America/New_York").toISOString()).toBe("2026-12-01T15:00:00.000Z");
    // A draft dated before receipt (a late-entered case) still promises receipt + 30 days.
    expect(interimResponseDueAt(received, new Date("2026-10-29T13:00:00Z"), 30, "America/New_York").toISOString()).toBe("2026-11-29T14:00:00.000Z");
  });

  it("is checked again when the letter is sent: the promised date must lie ahead", () => {
    const promised = new Date("2026-12-01T15:00:00Z");
    expect(interimPromiseStillAhead(promised, new Date("2026-12-01T14:59:59Z"))).toBe(true);
    expect(interimPromiseStillAhead(promised, promised)).toBe(false);
  });
});

describe("isOverdue and deadlineAlert", () => {
  const due = new Date("2026-12-01T12:00:00Z");
  const at = (offsetMs: number) => new Date(due.getTime() + offsetMs);

  it("is overdue from the deadline's very instant", () => {
    expect(isOverdue(due, at(-1))).toBe(false);
    expect(isOverdue(due, at(0))).toBe(true);
    expect(isOverdue(due, at(DAY))).toBe(true);
  });

  it.each([
    [-25 * HOUR, null],
    [-24 * HOUR, "due_soon"],
    [-1, "due_soon"],
    [0, "overdue"],
    [3 * DAY, "overdue"],
  ] as const)("%i ms from a deadline with a 24-hour lead → %s", (offset, alert) => {
    expect(deadlineAlert(due, at(offset), 24 * HOUR)).toBe(alert);
  });
});

describe("unassignedTooLong", () => {
  const filed = { ownerId: null, createdAt: new Date("2026-12-01T08:00:00Z") };
  const later = (ms: number) => new Date(filed.createdAt.getTime() + ms);

  it("fires once a case has had no owner for the whole wait", () => {
    expect(unassignedTooLong(filed, later(4 * HOUR - 1), 4 * HOUR)).toBe(false);
    expect(unassignedTooLong(filed, later(4 * HOUR), 4 * HOUR)).toBe(true);
  });

  it("never fires for an owned case, and treats an empty owner as none", () => {
    expect(unassignedTooLong({ ...filed, ownerId: "U0COORD01" }, later(DAY), 4 * HOUR)).toBe(false);
    expect(unassignedTooLong({ ...filed, ownerId: "" }, later(DAY), 4 * HOUR)).toBe(true);
  });
});

describe("reminderWindow", () => {
  it("reads deadlines within the lead and cases unowned since before the nag time", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    expect(reminderWindow(now, { leadMs: 24 * HOUR, unassignedAfterMs: 4 * HOUR })).toEqual({
      soon: new Date("2026-12-02T12:00:00Z"),
      unassignedBefore: new Date("2026-12-01T08:00:00Z"),
    });
  });
});

describe("interimLetterExpected (the day-5 rule)", () => {
  const received = new Date("2026-11-26T14:00:00Z");
  const later = (ms: number) => new Date(received.getTime() + ms);

  it("expects a letter on a grievance from 5 days after receipt", () => {
    expect(interimLetterExpected({ type: "grievance", receivedAt: received }, later(5 * DAY - 1))).toBe(false);
    expect(interimLetterExpected({ type: "grievance", receivedAt: received }, later(5 * DAY))).toBe(true);
  });

  it("never for a complaint", () => {
    expect(interimLetterExpected({ type: "complaint", receivedAt: received }, later(20 * DAY))).toBe(false);
  });

  it("gives the query bound that agrees with the rule", () => {
    const now = later(5 * DAY);
    expect(interimLetterExpectedIfReceivedBy(now)).toEqual(received);
  });
});

describe("approvalWaitingTooLong", () => {
  it("fires once a letter has waited the whole time", () => {
    const since = new Date("2026-12-01T08:00:00Z");
    expect(approvalWaitingTooLong(since, new Date(since.getTime() + DAY - 1), DAY)).toBe(false);
    expect(approvalWaitingTooLong(since, new Date(since.getTime() + DAY), DAY)).toBe(true);
  });
});

describe("writtenUpdateOverdue (30 days without a written update)", () => {
  const received = new Date("2026-10-01T14:00:00Z");
  const later = (ms: number) => new Date(received.getTime() + ms);
  const grievance = { type: "grievance" as const, receivedAt: received };

  it("flags a grievance open 30 days with no letter, from the instant it turns 30 days old", () => {
    expect(writtenUpdateOverdue(grievance, undefined, later(30 * DAY - 1))).toBe(false);
    expect(writtenUpdateOverdue(grievance, undefined, later(30 * DAY))).toBe(true);
  });

  it("counts 30 days from the latest written update, whatever the interim letter promised", () => {
    expect(writtenUpdateOverdue(grievance, later(6 * DAY), later(36 * DAY - 1))).toBe(false);
    expect(writtenUpdateOverdue(grievance, later(6 * DAY), later(36 * DAY))).toBe(true);
  });

  it("never for a complaint", () => {
    expect(writtenUpdateOverdue({ type: "complaint", receivedAt: received }, undefined, later(90 * DAY))).toBe(false);
  });
});
