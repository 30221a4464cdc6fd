import { createCaseActions } from "../../src/cases/case-actions.service.ts";
import { parseIntake } from "../../src/cases/case.schema.ts";
import { createCaseService } from "../../src/cases/case.service.ts";
import type { CaseSummary } from "../../src/cases/case.ts";
import type { ClockPolicy } from "../../src/cases/clocks.ts";
import { OUTBOX_KINDS } from "../../src/cases/case-updates.ts";
import { DEFAULT_DEPARTMENTS } from "../../src/cases/taxonomy.ts";
import type { DraftResult, LetterDrafter } from "../../src/letters/drafter.ts";
import { loadLetterFonts } from "../../src/letters/fonts.ts";
import type { LetterSettings } from "../../src/letters/letter-facts.ts";
import { createLetterPrinter } from "../../src/letters/letter-pdf.ts";
import type { LetterFacts } from "../../src/letters/letter.schema.ts";
import { createLetterService } from "../../src/letters/letter.service.ts";
import { createTemplateDrafter } from "../../src/letters/template-drafter.ts";
import { settableClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { APPROVER_ROLES, canOwnCases, worksEveryTeam } from "../../src/users/permissions.ts";
import type { Role } from "../../src/users/roles.ts";
import { createMemoryCaseRepository } from "../fakes/memory-case-repository.ts";
import { createMemoryDatabase } from "../fakes/memory-database.ts";
import { createMemoryLetterRepository } from "../fakes/memory-letter-repository.ts";
import { createRecordingLetterNotifier } from "../fakes/memory-letter-notifier.ts";
import { createMemoryUserRoleRepository } from "../fakes/memory-user-roles.ts";
import { type IntakeFields, intakeInput } from "../fixtures/intake.ts";

// The case-actions and letter services as app.ts builds them, over the in-memory repositories:
// the domain's rules run in milliseconds, without a database, Slack or a model.

/** The hospital's clocks as the integration tests' environment sets them (America/New_York, default days). */
export const POLICY: ClockPolicy = {
  timeZone: "America/New_York",
  acknowledgeBusinessDays: 2,
  grievanceResponseDays: 7,
  complaintResponseBusinessDays: 5,
  holidays: new Set(),
};

/** Prints as the app does, with a letterhead made of SETTINGS' names (fonts read once per test file). */
export const PRINTER = createLetterPrinter(loadLetterFonts(), {
  hospitalName: "Riverside General Hospital",
  addressLines: ["1200 River Road", "Springfield, IL 62704"],
  logo: null,
  contact: { name: "Dana Whitfield", title: "Patient Relations Manager", phone: "555-201-4400" },
  signatory: { name: "Patient Relations Department" },
  timeZone: "America/New_York",
});

export const SETTINGS: LetterSettings = {
  hospitalName: "Lakeside Community Hospital",
  contactPerson: "Jordan Ellis",
  contactBlock: "You can reach Jordan at 555-310-2200, weekdays 8 am to 5 pm.",
  signatory: "Patient Relations Department",
  stateAgency: "your State Department of Health, the State survey agency for hospitals.",
  qio: "the Medicare Quality Improvement Organization (QIO) for your state. Call 1-800-MEDICARE to find it.",
  disclosure: "This letter was drafted with the help of an AI system and reviewed by our staff.",
  maxReadingGrade: 8,
  interimResponseDays: 30,
  timeZone: "America/New_York",
};

export const TEST_NOW = "2026-11-28T12:00:00Z";
export const CARD_CHANNEL = "C0CASES001";

/**
 * A drafter standing in for the model: it answers from the (de-identified) facts it is given, as
 * the model would, and keeps them so a test can check what reached it. `fail` makes the next calls throw.
 */
export function createModelDrafter(): LetterDrafter & { calls: LetterFacts[]; fail: number } {
  const template = createTemplateDrafter();
  const drafter = {
    calls: [] as LetterFacts[],
    fail: 0,
    async draft(facts: LetterFacts): Promise<DraftResult> {
      drafter.calls.push(structuredClone(facts));
      if (drafter.fail > 0) {
        drafter.fail -= 1;
        throw new Error("model unavailable");
      }
      const { draft } = await template.draft(facts);
      return { draft, source: "llm", model: "gpt-test", promptId: "response-letter", promptVersion: "1", promptHash: "a".repeat(64), inputTokens: 812, outputTokens: 455, latencyMs: 20 };
    },
  };
  return drafter;
}

export interface MemoryServicesOptions {
  drafter?: LetterDrafter;
  /** Routing teams and their members (a team listing nobody is the whole patient-relations team's). */
  teams?: Record<string, string[]>;
  roles?: Record<string, Role>;
}

/** The services over fresh in-memory storage, with a clock the test can move. */
export function memoryServices(options: MemoryServicesOptions = {}) {
  const clock = settableClock(TEST_NOW);
  const db = createMemoryDatabase(() => clock.now());
  const cases = createMemoryCaseRepository(db);
  const letterRepository = createMemoryLetterRepository(db);
  const roles = createMemoryUserRoleRepository(db);
  for (const [userId, role] of Object.entries(options.roles ?? {})) db.roles.set(userId, role);
  const approvers = () => roles.withRoles(APPROVER_ROLES);
  const teams = options.teams ?? {};
  // As the routing service decides it: managers work every team; coordinators the teams that list them.
  const isOnTeam = async (teamId: string | null, userId: string, role: Role) => {
    if (worksEveryTeam(role)) return true;
    if (!canOwnCases(role)) return false;
    const members = teamId ? teams[teamId] : undefined;
    return !members || members.length === 0 || members.includes(userId);
  };
  const caseActions = createCaseActions({ cases, roleOf: roles.roleOf, isOnTeam, approvers, hasWrittenResponse: letterRepository.hasWrittenResponse, clock, policy: POLICY });
  const drafter = options.drafter ?? createModelDrafter();
  const notifier = createRecordingLetterNotifier();
  const letters = createLetterService({ letters: letterRepository, cases, caseActions, drafter, settings: SETTINGS, printer: PRINTER, notifier, approvers, clock, logger: createLogger("silent") });
  const filing = createCaseService({ cases, clock, policy: POLICY });
  let filed = 0;

  /** Files a case as the intake form would, and posts its card; `owner` stands in for routing. */
  async function fileCase(overrides: Partial<IntakeFields> = {}, context: { filedBy?: string; owner?: string; teamId?: string } = {}): Promise<CaseSummary> {
    const parsed = parseIntake(intakeInput(overrides), { now: clock.now(), departments: DEFAULT_DEPARTMENTS });
    if (!parsed.ok) throw new Error(`intake refused: ${JSON.stringify(parsed.errors)}`);
    filed += 1;
    const { summary } = await filing.fileCase(parsed.intake, { intakeKey: `test:${filed}`, filedBy: context.filedBy ?? "U0NURSE01" });
    await cases.recordCardPosted(summary.id, CARD_CHANNEL, `1700000000.${String(filed).padStart(6, "0")}`);
    const stored = db.cases.get(summary.id)!;
    if (context.owner) stored.summary.ownerId = context.owner;
    if (context.teamId) stored.summary.teamId = context.teamId;
    return structuredClone(stored.summary);
  }

  /** The posts queued so far of one kind (the outbox, as the dispatcher would find it). */
  const queued = (kind: string) => db.outbox.filter((post) => post.kind === kind);
  /** The direct messages queued to a user. */
  const messagesTo = (userId: string) => queued(OUTBOX_KINDS.directMessage).filter((post) => post.payload.recipientId === userId);

  return { clock, db, cases, letterRepository, roles, caseActions, letters, notifier, drafter, fileCase, queued, messagesTo };
}

export type MemoryServices = ReturnType<typeof memoryServices>;
