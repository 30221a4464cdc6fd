import { describe, expect, it } from "vitest";
import type { CaseSummary } from "../../../src/cases/case.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";
import { sortWorkQueue } from "../../../src/cases/work-queue.ts";

const HOUR = 3_600_000;
const now = new Date("2026-12-01T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

const summary: CaseSummary = caseSummary();

describe("sortWorkQueue", () => {
  const make = (number: string, fields: Partial<CaseSummary>): CaseSummary => ({ ...summary, number, status: "investigating", acknowledgeDueAt: null, ...fields });

  const mostOverdue = make("PR-2026-0001", { responseDueAt: at(-3 * 24 * HOUR) });
  const justOverdue = make("PR-2026-0002", { status: "new", acknowledgeDueAt: at(-1 * HOUR), responseDueAt: at(6 * 24 * HOUR) });
  const dueSoon = make("PR-2026-0003", { responseDueAt: at(2 * HOUR) });
  const dueLater = make("PR-2026-0004", { responseDueAt: at(5 * 24 * HOUR) });
  const noClockOlder = make("PR-2026-0005", { responseDueAt: null, receivedAt: new Date("2026-11-20T09:00:00Z") });
  const closedOlder = make("PR-2026-0006", { status: "closed", responseDueAt: at(-10 * 24 * HOUR), receivedAt: new Date("2026-11-21T09:00:00Z") });
  const noClockNewer = make("PR-2026-0007", { responseDueAt: null, receivedAt: new Date("2026-11-30T09:00:00Z") });

  it("puts overdue first (most overdue first), then the nearest deadline, then cases without one, oldest first", () => {
    const shuffled = [noClockNewer, dueLater, closedOlder, justOverdue, noClockOlder, mostOverdue, dueSoon];
    expect(sortWorkQueue(shuffled).map((entry) => entry.number)).toEqual([
      "PR-2026-0001",
      "PR-2026-0002",
      "PR-2026-0003",
      "PR-2026-0004",
      "PR-2026-0005",
      "PR-2026-0006",
      "PR-2026-0007",
    ]);
  });

  it("breaks a tie on the deadline by receipt, oldest first", () => {
    const dueAt = at(4 * HOUR);
    const later = make("PR-2026-0010", { responseDueAt: dueAt, receivedAt: new Date("2026-11-29T09:00:00Z") });
    const earlier = make("PR-2026-0011", { responseDueAt: dueAt, receivedAt: new Date("2026-11-25T09:00:00Z") });
    expect(sortWorkQueue([later, earlier]).map((entry) => entry.number)).toEqual(["PR-2026-0011", "PR-2026-0010"]);
  });

  it("orders a new case by its acknowledgement, not its later response deadline", () => {
    const acknowledgeSoon = make("PR-2026-0020", { status: "new", acknowledgeDueAt: at(3 * HOUR), responseDueAt: at(7 * 24 * HOUR) });
    const respondTomorrow = make("PR-2026-0021", { responseDueAt: at(24 * HOUR) });
    expect(sortWorkQueue([respondTomorrow, acknowledgeSoon]).map((entry) => entry.number)).toEqual(["PR-2026-0020", "PR-2026-0021"]);
  });

  it("returns a new array and leaves the input alone", () => {
    const input = [dueLater, mostOverdue];
    const sorted = sortWorkQueue(input);
    expect(sorted).not.toBe(input);
    expect(input.map((entry) => entry.number)).toEqual(["PR-2026-0004", "PR-2026-0001"]);
    expect(sortWorkQueue([])).toEqual([]);
  });
});
