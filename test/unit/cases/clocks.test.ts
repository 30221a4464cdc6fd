import { describe, expect, it } from "vitest";
import { type ClockPolicy, dueDatesFor } from "../../../src/cases/clocks.ts";

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
