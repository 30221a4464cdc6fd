import { describe, expect, it } from "vitest";
import type { IntakeContext } from "../../../src/cases/case.ts";
import type { CaseIntake } from "../../../src/cases/case.schema.ts";
import { createIntakeFiling, type FiledCase, INTAKE_FILING_DEFAULTS } from "../../../src/cases/intake-filing.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";

// Filing under pressure, with the patience and the limit shrunk to milliseconds: a fake case
// service whose saves finish only when the test says so.

const intake = {} as CaseIntake;
const context = (n: number): IntakeContext => ({ intakeKey: `test:${n}`, filedBy: "U0NURSE01" });

function slowCases() {
  const saves: { key: string; finish(filed: FiledCase): void; fail(error: Error): void }[] = [];
  return {
    saves,
    fileCase(_intake: CaseIntake, ctx: IntakeContext): Promise<FiledCase> {
      return new Promise((resolve, reject) => saves.push({ key: ctx.intakeKey, finish: resolve, fail: reject }));
    },
  };
}

const filed = (number: string): FiledCase => ({ summary: caseSummary({ number }), created: true });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createIntakeFiling", () => {
  it("keeps 8 filings at once and 10 seconds of patience as the production settings", () => {
    expect(INTAKE_FILING_DEFAULTS).toEqual({ limit: 8, patienceMs: 10_000 });
  });

  it("answers 'filed' with the case when the save lands within the patience", async () => {
    const cases = slowCases();
    const filing = createIntakeFiling({ cases, limit: 2, patienceMs: 1_000 });
    const outcome = filing.file(intake, context(1));
    await settle();
    cases.saves[0]!.finish(filed("PR-2026-0001"));
    expect(await outcome).toEqual({ status: "filed", filed: filed("PR-2026-0001") });
  });

  it("answers 'slow' once the patience runs out, and the same save still lands afterwards", async () => {
    const cases = slowCases();
    const filing = createIntakeFiling({ cases, limit: 2, patienceMs: 5 });
    const started = Date.now();
    const outcome = await filing.file(intake, context(1));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome.status).toBe("slow");
    if (outcome.status !== "slow") return;
    cases.saves[0]!.finish(filed("PR-2026-0002"));
    expect(await outcome.later).toEqual(filed("PR-2026-0002"));
    expect(cases.saves).toHaveLength(1);
  });

  it("rejects when the save fails within the patience, and a slow save that fails later rejects `later`", async () => {
    const cases = slowCases();
    const quick = createIntakeFiling({ cases, limit: 2, patienceMs: 1_000 });
    const failing = quick.file(intake, context(1));
    await settle();
    cases.saves[0]!.fail(new Error("database down"));
    await expect(failing).rejects.toThrow("database down");

    const impatient = createIntakeFiling({ cases, limit: 2, patienceMs: 5 });
    const outcome = await impatient.file(intake, context(2));
    if (outcome.status !== "slow") throw new Error("expected a slow filing");
    cases.saves[1]!.fail(new Error("database down"));
    await expect(outcome.later).rejects.toThrow("database down");
  });

  it("saves at most `limit` at once; the time spent waiting for a turn counts against the patience", async () => {
    const cases = slowCases();
    const filing = createIntakeFiling({ cases, limit: 2, patienceMs: 200 });
    const outcomes = [1, 2, 3].map((n) => filing.file(intake, context(n)));
    await settle();
    expect(cases.saves.map((save) => save.key)).toEqual(["test:1", "test:2"]);
    cases.saves[0]!.finish(filed("PR-2026-0001"));
    expect((await outcomes[0])!.status).toBe("filed");
    await settle();
    // The third took the first one's place, in order.
    expect(cases.saves.map((save) => save.key)).toEqual(["test:1", "test:2", "test:3"]);
    const [second, third] = await Promise.all([outcomes[1]!, outcomes[2]!]);
    expect(second.status).toBe("slow");
    expect(third.status).toBe("slow");
  });
});
