import { describe, expect, it } from "vitest";
import { isCriticalOrHarm, SEVERITIES } from "../../../src/cases/taxonomy.ts";

describe("isCriticalOrHarm", () => {
  it.each([
    [1, false, false],
    [2, false, false],
    [3, false, false],
    [4, false, true],
    [1, true, true],
    [4, true, true],
  ])("severity %i, alleges harm %s → %s", (severity, allegesHarm, expected) => {
    expect(isCriticalOrHarm({ severity, allegesHarm })).toBe(expected);
  });

  it("treats the highest severity level, and only it, as critical", () => {
    const critical = SEVERITIES.filter((level) => isCriticalOrHarm({ severity: level.level, allegesHarm: false })).map((level) => level.label);
    expect(critical).toEqual(["4 – Critical"]);
  });
});
