import { describe, expect, it } from "vitest";
import type { IntakeContext } from "../../../src/cases/case.ts";
import type { CaseIntake } from "../../../src/cases/case.schema.ts";
import { createIntakeFiling, type FiledCase, INTAKE_FILING_DEFAULTS, JOURNAL_FAILED } from "../../../src/cases/intake-filing.ts";
import type { IntakeJournal, JournaledIntake } from "../../../src/cases/intake-journal.ts";
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
  it("keeps 8 filings at once, 10 seconds of patience and 2 seconds for the journal write as the production settings", () => {
    expect(INTAKE_FILING_DEFAULTS).toEqual({ limit: 8, patienceMs: 10_000, journalPatienceMs: 2_000 });
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

/** An in-memory intake journal with the Prisma one's semantics: one entry per key, claims by lease (ms on a fake clock). */
function memoryJournal(options: { write?: () => Promise<void> } = {}) {
  const entries = new Map<string, JournaledIntake & { claimedUntil: number }>();
  let now = 0;
  const journal: IntakeJournal = {
    async record(entry, leaseMs) {
      await options.write?.();
      const previous = entries.get(entry.context.intakeKey);
      entries.set(entry.context.intakeKey, { ...entry, attempts: (previous?.attempts ?? 0) + 1, claimedUntil: now + leaseMs });
    },
    async claimDue(leaseMs, limit, all) {
      const due = [...entries.values()].filter((entry) => all || entry.claimedUntil <= now).slice(0, limit);
      for (const entry of due) Object.assign(entry, { claimedUntil: now + leaseMs, attempts: entry.attempts + 1 });
      return due.map(({ claimedUntil: _, ...entry }) => ({ ...entry }));
    },
    async remove(key) {
      entries.delete(key);
    },
    async pendingCount() {
      return entries.size;
    },
  };
  return { journal, entries, advance: (ms: number) => (now += ms) };
}

describe("the intake journal", () => {
  const quickCases = () => ({ filed: [] as string[], async fileCase(_: CaseIntake, ctx: IntakeContext) { this.filed.push(ctx.intakeKey); return filed("PR-2026-0009"); } });

  it("refuses, with an AppError and within its patience, when the journal write fails or hangs", async () => {
    const failing = memoryJournal({ write: () => Promise.reject(new Error("database down")) });
    const filing = createIntakeFiling({ cases: quickCases(), limit: 2, patienceMs: 1_000, journal: failing.journal });
    await expect(filing.record(intake, context(1), {})).rejects.toMatchObject({ name: "AppError", userMessage: JOURNAL_FAILED });

    const hanging = memoryJournal({ write: () => new Promise(() => {}) });
    const slow = createIntakeFiling({ cases: quickCases(), limit: 2, patienceMs: 1_000, journal: hanging.journal, journalPatienceMs: 20 });
    const started = Date.now();
    await expect(slow.record(intake, context(2), {})).rejects.toMatchObject({ userMessage: JOURNAL_FAILED });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("leaves an entry this instance is filing to it; files a lapsed one once, tells the filer and clears it", async () => {
    const memory = memoryJournal();
    const cases = quickCases();
    const filing = createIntakeFiling({ cases, limit: 2, patienceMs: 1_000, journal: memory.journal, leaseMs: 100 });
    const told: string[] = [];
    const tell = async ({ summary }: FiledCase, entry: JournaledIntake) => {
      told.push(`${entry.context.intakeKey}=${summary.number}`);
    };
    await filing.record(intake, context(1), { viewId: "V1" });
    // Its claim has not lapsed, and it is in flight here anyway.
    expect(await filing.recover(tell)).toBe(0);
    memory.advance(200);
    expect(await filing.recover(tell, { all: true })).toBe(0);
    expect(cases.filed).toEqual([]);

    // Another instance acknowledged this one and died: its claim lapses, and the sweep files it.
    await memory.journal.record({ intake, context: context(2), delivery: { viewId: "V2" } }, 100);
    memory.advance(200);
    expect(await filing.recover(tell)).toBe(1);
    expect(told).toEqual(["test:2=PR-2026-0009"]);
    expect(cases.filed).toEqual(["test:2"]);
    expect([...memory.entries.keys()]).toEqual(["test:1"]);

    // The live filing of the first one settles: its entry goes.
    await filing.settled("test:1");
    expect(await filing.pending()).toBe(0);
  });

  it("keeps an entry whose filing failed, for the next sweep", async () => {
    const memory = memoryJournal();
    let fail = true;
    const cases = { async fileCase() { if (fail) throw new Error("database down"); return filed("PR-2026-0010"); } };
    const filing = createIntakeFiling({ cases, limit: 2, patienceMs: 1_000, journal: memory.journal, leaseMs: 100 });
    await memory.journal.record({ intake, context: context(3), delivery: {} }, 0);
    const errors: unknown[] = [];
    expect(await filing.recover(async () => {}, { onError: (error) => errors.push(error) })).toBe(0);
    expect(errors).toHaveLength(1);
    expect(memory.entries.has("test:3")).toBe(true);
    fail = false;
    memory.advance(200);
    expect(await filing.recover(async () => {})).toBe(1);
    expect(memory.entries.size).toBe(0);
  });
});
