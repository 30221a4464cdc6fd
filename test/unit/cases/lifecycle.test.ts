import { describe, expect, it } from "vitest";
import { CASE_STATUSES } from "../../../src/cases/case.ts";
import { canClose, canReopen, canWriteLetter, isOpen, nextStatuses, OPEN_STATUSES, STATUS_LABELS } from "../../../src/cases/lifecycle.ts";

describe("nextStatuses", () => {
  it.each([
    ["new", ["acknowledged", "investigating", "resolved"]],
    ["acknowledged", ["investigating", "awaiting_response", "resolved"]],
    ["investigating", ["awaiting_response", "resolved"]],
    ["awaiting_response", ["investigating", "resolved"]],
    ["resolved", []],
    ["closed", []],
  ] as const)("from %s", (from, expected) => {
    expect(nextStatuses(from)).toEqual(expected);
  });

  it("never offers the current status, closing or going back to new (those are separate actions)", () => {
    for (const status of CASE_STATUSES) {
      const next = nextStatuses(status);
      expect(next).not.toContain(status);
      expect(next).not.toContain("closed");
      expect(next).not.toContain("new");
    }
  });
});

describe("isOpen", () => {
  it.each([
    ["new", true],
    ["acknowledged", true],
    ["investigating", true],
    ["awaiting_response", true],
    ["resolved", false],
    ["closed", false],
  ] as const)("%s → %s", (status, open) => {
    expect(isOpen(status)).toBe(open);
  });

  it("agrees with OPEN_STATUSES", () => {
    expect(OPEN_STATUSES).toEqual(["new", "acknowledged", "investigating", "awaiting_response"]);
  });
});

describe("canReopen", () => {
  it.each([
    ["new", false],
    ["acknowledged", false],
    ["investigating", false],
    ["awaiting_response", false],
    ["resolved", true],
    ["closed", true],
  ] as const)("%s → %s", (status, reopenable) => {
    expect(canReopen(status)).toBe(reopenable);
  });

  it("only reopens what is not open", () => {
    for (const status of CASE_STATUSES) expect(canReopen(status)).toBe(!isOpen(status));
  });
});

describe("canClose", () => {
  it.each([
    ["new", true],
    ["acknowledged", true],
    ["investigating", true],
    ["awaiting_response", true],
    ["resolved", true],
    ["closed", false],
  ] as const)("%s → %s", (status, closable) => {
    expect(canClose(status)).toBe(closable);
  });
});

describe("canWriteLetter", () => {
  it.each([
    ["new", true],
    ["acknowledged", true],
    ["investigating", true],
    ["awaiting_response", true],
    ["resolved", true],
    ["closed", false],
  ] as const)("%s → %s", (status, writable) => {
    expect(canWriteLetter(status)).toBe(writable);
  });

  it("allows a letter on every open case", () => {
    for (const status of OPEN_STATUSES) expect(canWriteLetter(status)).toBe(true);
  });
});

describe("STATUS_LABELS", () => {
  it("labels every status", () => {
    expect(STATUS_LABELS).toEqual({
      new: "New",
      acknowledged: "Acknowledged",
      investigating: "Investigating",
      awaiting_response: "Awaiting response",
      resolved: "Resolved",
      closed: "Closed",
    });
  });
});
