import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaseRepository } from "../../src/cases/case.repository.ts";
import { type CaseIntake, parseIntake } from "../../src/cases/case.schema.ts";
import { intakeInput, PATIENT_NAME, RAISER_NAME } from "../fixtures/intake.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestApp, TEST_NOW, type TestApp } from "../support/test-app.ts";

// Filing is one statement (number, case, people, audit event, outbox): these pin what it must keep.

describe.each(DATABASE_KINDS)("case numbering and filing races (%s)", (kind) => {
  let app: TestApp;
  let intake: CaseIntake;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const parsed = parseIntake(intakeInput(), { now: new Date(TEST_NOW), departments: app.running.deps.departments });
    if (!parsed.ok) throw new Error("fixture intake is invalid");
    intake = parsed.intake;
  });
  afterAll(async () => {
    await app?.close();
  });

  const prisma = () => app.running.deps.db.prisma;
  const file = (intakeKey: string) => app.running.deps.cases.fileCase(intake, { intakeKey, filedBy: "U0NURSE01" });
  const sequences = async () => (await prisma().case.findMany({ select: { sequence: true }, orderBy: { sequence: "asc" } })).map((row) => row.sequence);

  it("numbers twenty simultaneous filings 1 to 20 with no gap or repeat, each with its people, event and outbox rows", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => file(`numbering:${i}`)));
    expect(results.every((result) => result.created)).toBe(true);
    expect(await sequences()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const numbers = results.map((result) => result.summary.number).sort();
    expect(numbers[0]).toBe("PR-2026-0001");
    expect(new Set(numbers).size).toBe(20);

    const first = results[0]!.summary;
    expect(first).toMatchObject({ status: "new", ownerId: null, cardMessageTs: null, openTasks: [], filedBy: "U0NURSE01" });
    // The same summary the Prisma read gives, apart from what routing may have set since.
    const routed = ["ownerId", "teamId", "routingRule", "openTasks", "cardChannelId", "cardMessageTs"] as const;
    const withoutRouting = (summary: object) => Object.fromEntries(Object.entries(summary).filter(([key]) => !(routed as readonly string[]).includes(key)));
    expect(withoutRouting(first)).toEqual(withoutRouting((await createCaseRepository(prisma()).findSummary(first.id))!));
    const people = await prisma().casePerson.findMany({ where: { caseId: first.id }, orderBy: { role: "asc" } });
    expect(people.map((person) => [person.role, person.name, person.phone])).toEqual([
      ["patient", PATIENT_NAME, null],
      ["raised_by", RAISER_NAME, "555-201-3344"],
    ]);
    // Filing writes one "created" event; routing, which may already have run, adds its own.
    const events = await prisma().caseEvent.findMany({ where: { caseId: first.id, type: "created" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "created", actorId: "U0NURSE01", data: { number: first.number, type: first.type, status: "new" } });
    const outbox = await prisma().outboxMessage.findMany({ where: { dedupeKey: { endsWith: first.id } }, orderBy: { id: "asc" } });
    expect(outbox.map((message) => [message.dedupeKey, message.payload])).toEqual([
      [`route:${first.id}`, { caseId: first.id }],
      [`case-card:${first.id}`, { caseId: first.id }],
    ]);
  });

  it("files one case when the same intake arrives ten times at once, and the counter moves once", async () => {
    const before = await sequences();
    const results = await Promise.all(Array.from({ length: 10 }, () => file("numbering:duplicate")));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.summary.id)).size).toBe(1);
    expect(await sequences()).toEqual([...before, before.length + 1]);
    const next = await file("numbering:after-duplicate");
    expect(next.summary.number).toBe(`PR-2026-${String(before.length + 2).padStart(4, "0")}`);
  });

  it("keeps every digit past 9,999", async () => {
    await prisma().caseCounter.update({ where: { year: 2026 }, data: { last: 9_999 } });
    const { summary } = await file("numbering:ten-thousand");
    expect(summary.number).toBe("PR-2026-10000");
    expect((await prisma().case.findUniqueOrThrow({ where: { id: summary.id } })).sequence).toBe(10_000);
  });
});
