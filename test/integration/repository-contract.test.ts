import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaseRepository } from "../../src/cases/case.repository.ts";
import { type CaseIntake, parseIntake } from "../../src/cases/case.schema.ts";
import { createCaseService } from "../../src/cases/case.service.ts";
import type { CaseRepository } from "../../src/cases/case.ts";
import { DEFAULT_DEPARTMENTS } from "../../src/cases/taxonomy.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createLetterRepository } from "../../src/letters/letter.repository.ts";
import type { LetterRepository, NewVersion } from "../../src/letters/letter.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createUserRoleRepository } from "../../src/users/user-role.repository.ts";
import type { UserRoleRepository } from "../../src/users/user-role.ts";
import { createMemoryCaseRepository } from "../fakes/memory-case-repository.ts";
import { createMemoryDatabase } from "../fakes/memory-database.ts";
import { createMemoryLetterRepository } from "../fakes/memory-letter-repository.ts";
import { createMemoryUserRoleRepository } from "../fakes/memory-user-roles.ts";
import { intakeInput, RAISER_NAME } from "../fixtures/intake.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { POLICY, TEST_NOW } from "../support/memory-services.ts";

// The unit tests of the services run over in-memory repositories: this holds those fakes to the
// Prisma repositories' contract, the same assertions against each, so a fake cannot drift into
// accepting what the database refuses (a stale version, a second claim, a repeated request).

interface Repositories {
  cases: CaseRepository;
  letters: LetterRepository;
  roles: UserRoleRepository;
}

const IMPLEMENTATIONS = ["memory", ...DATABASE_KINDS] as const;

function useRepositories(kind: (typeof IMPLEMENTATIONS)[number]): () => Repositories {
  const opened: { repositories?: Repositories; test?: TestDatabase; db?: Database } = {};
  beforeAll(async () => {
    if (kind === "memory") {
      const db = createMemoryDatabase(() => new Date(TEST_NOW));
      opened.repositories = { cases: createMemoryCaseRepository(db), letters: createMemoryLetterRepository(db), roles: createMemoryUserRoleRepository(db) };
      return;
    }
    opened.test = await createTestDatabase(kind);
    opened.db = await openDatabase({ databaseUrl: opened.test.databaseUrl, dataDir: "memory://" });
    await migrate(opened.db);
    const { prisma } = opened.db;
    opened.repositories = { cases: createCaseRepository(prisma), letters: createLetterRepository(prisma), roles: createUserRoleRepository(prisma) };
  });
  afterAll(async () => {
    await opened.db?.close();
    await opened.test?.drop();
  });
  return () => opened.repositories!;
}

function intake(): CaseIntake {
  const parsed = parseIntake(intakeInput(), { now: new Date(TEST_NOW), departments: DEFAULT_DEPARTMENTS });
  if (!parsed.ok) throw new Error("fixture intake is invalid");
  return parsed.intake;
}

const version = (text: string): NewVersion => ({ text, source: "edit", authorId: "U0COORD001", checks: [{ id: "results", label: "Results", passed: true, required: true }], issues: ["the wait"] });
const event = { type: "letter_edited", actorId: "U0COORD001" };

describe.each(IMPLEMENTATIONS)("repository contract (%s)", (kind) => {
  const repositories = useRepositories(kind);
  const file = (intakeKey: string) => createCaseService({ cases: repositories().cases, clock: fixedClock(TEST_NOW), policy: POLICY }).fileCase(intake(), { intakeKey, filedBy: "U0NURSE01" });

  it("files one case per intake key, numbered without gaps, with its people", async () => {
    const first = await file("contract:1");
    const again = await file("contract:1");
    const second = await file("contract:2");
    expect([first.created, again.created, second.created]).toEqual([true, false, true]);
    expect(again.summary.id).toBe(first.summary.id);
    expect([first.summary.number, second.summary.number]).toEqual(["PR-2026-0001", "PR-2026-0002"]);
    expect(await repositories().cases.findByNumber("PR-2026-0002")).toMatchObject({ id: second.summary.id, status: "new", type: "grievance", openTasks: [] });
    const details = await repositories().cases.loadDetailsForProcessing(first.summary.id);
    expect(details?.people.map(({ role, name, phone }) => ({ role, name, phone }))).toEqual([
      { role: "patient", name: intakeInput().patientName, phone: null },
      { role: "raised_by", name: RAISER_NAME, phone: intake().contactPhone },
    ]);
  });

  it("applies a change only while the case still looks as the user saw it", async () => {
    const { summary } = await file("contract:change");
    const claim = (ownerId: string) => repositories().cases.applyChange(summary.id, { expect: { ownerId: null }, data: { ownerId }, event: { type: "assigned", actorId: ownerId, data: { ownerId } }, notify: () => [] });
    const won = await claim("U0COORD0A1");
    const lost = await claim("U0COORD0B1");
    expect(won).toMatchObject({ applied: true, summary: { ownerId: "U0COORD0A1" } });
    expect(lost).toMatchObject({ applied: false, current: { ownerId: "U0COORD0A1" } });

    const fromAcknowledged = await repositories().cases.applyChange(summary.id, { expect: { statusIn: ["acknowledged"] }, data: { status: "investigating" }, event: { type: "status_changed", actorId: "U0COORD0A1", data: {} }, notify: () => [] });
    expect(fromAcknowledged).toMatchObject({ applied: false, current: { status: "new" } });

    let eventId = "";
    const noted = await repositories().cases.applyChange(summary.id, {
      data: {},
      note: { kind: "step", body: "Reviewed the triage log." },
      task: { kind: "qio_referral" },
      event: { type: "note_added", actorId: "U0COORD0A1", data: { kind: "step" } },
      notify: (id) => {
        eventId = id;
        return [];
      },
    });
    expect(noted).toMatchObject({ applied: true, summary: { openTasks: ["qio_referral"] } });
    expect(eventId).toMatch(/^\d+$/);
    expect((await repositories().cases.loadDetailsForProcessing(summary.id))?.notes.map(({ kind, body, authorId }) => ({ kind, body, authorId }))).toEqual([
      { kind: "step", body: "Reviewed the triage log.", authorId: "U0COORD0A1" },
    ]);
    expect(await repositories().cases.applyChange("5f8b8a3e-0000-4000-8000-00000000dead", { data: {}, event: { type: "x", actorId: "U", data: {} }, notify: () => [] })).toEqual({ applied: false, current: null });
  });

  it("keeps one letter per request key, adds a version only on the one before, and moves it only from the status and version seen", async () => {
    const { summary } = await file("contract:letter");
    const { letters } = repositories();
    const request = { caseId: summary.id, kind: "response" as const, requestedBy: "U0COORD001", requestKey: `contract:${summary.id}` };
    const first = await letters.request(request, () => []);
    const again = await letters.request(request, () => []);
    expect(first).toMatchObject({ created: true, letter: { caseId: summary.id, kind: "response", status: "drafting", currentVersion: 0, threadTs: null, approvedVersion: null } });
    expect(again).toMatchObject({ created: false, letter: { id: first.letter.id } });
    const letterId = first.letter.id;

    expect(await letters.recordThreadMessage(letterId, "C0CASES001", "1700000000.000001")).toBe(true);
    expect(await letters.recordThreadMessage(letterId, "C0CASES001", "1700000000.000002")).toBe(false);

    expect(await letters.addVersion(letterId, 2, version("skips one"), event, [])).toBe(false);
    expect(await letters.addVersion(letterId, 1, version("first"), event, [])).toBe(true);
    expect(await letters.addVersion(letterId, 1, version("the same job again"), event, [])).toBe(false);
    const stored = await letters.version(letterId, 1);
    expect(stored).toMatchObject({ letterId, number: 1, text: "first", source: "edit", model: null, fallbackReason: null, issues: ["the wait"], checks: [{ id: "results", passed: true, required: true }] });
    expect(Object.keys(stored!).sort()).toEqual(
      ["authorId", "checks", "createdAt", "fallbackReason", "id", "inputTokens", "instruction", "issues", "language", "latencyMs", "letterId", "model", "number", "outputTokens", "promisedResponseAt", "promptHash", "promptId", "promptVersion", "source", "text"].sort(),
    );
    expect(await letters.find(letterId)).toMatchObject({ status: "draft", currentVersion: 1, threadTs: "1700000000.000001" });
    expect((await letters.awaitingApproval()).map((waiting) => waiting.letterId)).toContain(letterId);
    expect(await letters.hasWrittenResponse(summary.id)).toBe(false);

    const approve = (expected: { status: "draft"; version: number }) =>
      letters.transition(letterId, expected, { status: "approved", approvedVersion: 1, approvedBy: "U0MANAGER1", approvedAt: new Date(TEST_NOW), approvedHash: "h", overrideReason: null }, { type: "letter_approved", actorId: "U0MANAGER1", data: {} }, []);
    expect(await approve({ status: "draft", version: 2 })).toBe(false);
    expect(await approve({ status: "draft", version: 1 })).toBe(true);
    expect(await approve({ status: "draft", version: 1 })).toBe(false);
    expect(await letters.addVersion(letterId, 2, version("after approval"), event, [])).toBe(false);
    expect(await letters.find(letterId)).toMatchObject({ status: "approved", approvedVersion: 1, approvedBy: "U0MANAGER1", approvedAt: new Date(TEST_NOW) });
    expect(await letters.hasWrittenResponse(summary.id)).toBe(true);
    expect((await letters.awaitingApproval()).map((waiting) => waiting.letterId)).not.toContain(letterId);
  });

  it("stores roles: staff without a grant, the previous role returned, staff removing the grant", async () => {
    const { roles } = repositories();
    expect(await roles.roleOf("U0CONTRACT1")).toBe("staff");
    expect(await roles.setRole("U0CONTRACT1", "manager", "U0ADMIN001")).toBe("staff");
    expect(await roles.setRole("U0CONTRACT2", "coordinator", "U0ADMIN001")).toBe("staff");
    expect(await roles.setRole("U0CONTRACT1", "admin", "U0ADMIN001")).toBe("manager");
    expect(await roles.withRoles(["manager", "admin"])).toEqual(["U0CONTRACT1"]);
    expect(await roles.bootstrapAdmins(["U0CONTRACT1", "U0CONTRACT3"])).toBe(1);
    expect(await roles.list()).toEqual([
      { slackUserId: "U0CONTRACT1", role: "admin" },
      { slackUserId: "U0CONTRACT3", role: "admin" },
      { slackUserId: "U0CONTRACT2", role: "coordinator" },
    ]);
    expect(await roles.setRole("U0CONTRACT2", "staff", "U0ADMIN001")).toBe("coordinator");
    expect(await roles.roleOf("U0CONTRACT2")).toBe("staff");
  });
});
