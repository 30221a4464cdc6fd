import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { createCaseActions } from "../../../src/cases/case-actions.service.ts";
import { parseIntake } from "../../../src/cases/case.schema.ts";
import { createCaseService } from "../../../src/cases/case.service.ts";
import type { CaseQueries, CaseSummary } from "../../../src/cases/case.ts";
import { isOpen } from "../../../src/cases/lifecycle.ts";
import { DEFAULT_DEPARTMENTS } from "../../../src/cases/taxonomy.ts";
import { createWorkQueue } from "../../../src/cases/work-queue.service.ts";
import { createOnDemandDigests } from "../../../src/digests/on-demand.service.ts";
import { createTeamReports } from "../../../src/digests/team-reports.service.ts";
import { createCaseHelp } from "../../../src/guidance/case-help.service.ts";
import { parseGuidance } from "../../../src/guidance/guidance.schema.ts";
import { createSettingsFile, DEFAULT_GUIDANCE_FILE, DEFAULT_RESOURCES_FILE } from "../../../src/guidance/guidance.service.ts";
import { loadLetterFonts } from "../../../src/letters/fonts.ts";
import { createLetterService } from "../../../src/letters/letter.service.ts";
import { createTemplateDrafter } from "../../../src/letters/template-drafter.ts";
import { settableClock } from "../../../src/lib/clock.ts";
import { AppError, ErrorCode } from "../../../src/lib/errors.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import type { DocumentResult, SettingsDocumentStore } from "../../../src/lib/settings-document.ts";
import { createReportService } from "../../../src/reports/report.service.ts";
import type { CaseRecord, ReportReads } from "../../../src/reports/reports.ts";
import type { ResourceOfferRepository } from "../../../src/resources/resource-offers.ts";
import { parseDirectory } from "../../../src/resources/resources.schema.ts";
import { matchRoute } from "../../../src/routing/route.ts";
import type { RoutingRepository } from "../../../src/routing/routing.ts";
import { createRoutingService } from "../../../src/routing/routing.service.ts";
import type { RuleSet } from "../../../src/routing/rule-set.schema.ts";
import { createSurveyService } from "../../../src/surveys/survey.service.ts";
import type { StoredComment, SurveyRepository } from "../../../src/surveys/surveys.ts";
import { createAdminService } from "../../../src/users/admin.service.ts";
import { APPROVER_ROLES } from "../../../src/users/permissions.ts";
import type { Role } from "../../../src/users/roles.ts";
import { createMemoryCaseRepository } from "../../fakes/memory-case-repository.ts";
import { createMemoryDatabase } from "../../fakes/memory-database.ts";
import { createMemoryLetterRepository } from "../../fakes/memory-letter-repository.ts";
import { createRecordingLetterNotifier } from "../../fakes/memory-letter-notifier.ts";
import { createMemoryUserRoleRepository } from "../../fakes/memory-user-roles.ts";
import { DESCRIPTION, type IntakeFields, intakeInput } from "../../fixtures/intake.ts";
import { CARD_CHANNEL, POLICY, PRINTER, SETTINGS, TEST_NOW } from "../../support/memory-services.ts";

// Every permission in README.md's "Roles and permissions" table, tried as each of the six people
// it names, through the services as app.ts wires them (over the in-memory repositories, with the
// real routing service deciding who is on a case's team). The expected cells are written out
// here, and the README's table must say the same: a test fails when either drifts.
//
// A refusal must be a forbidden AppError that changed nothing and was written to the audit trail.

const FILER = "U0MXFILER1";
const STAFF = "U0MXSTAFF1";
const TEAM = "U0MXTEAM01";
/** A second coordinator of the case's team: the owner in "when a teammate owns it". */
const TEAMMATE = "U0MXMATE01";
const OTHER = "U0MXOTHER1";
const MANAGER = "U0MXMANAG1";
const ADMIN = "U0MXADMIN1";

/** The README table's columns, in order, and who plays each. */
const PERSONAS = [
  ["staff who filed it", FILER],
  ["other staff", STAFF],
  ["coordinator of its team", TEAM],
  ["coordinator of another team", OTHER],
  ["manager", MANAGER],
  ["admin", ADMIN],
] as const;
type Persona = (typeof PERSONAS)[number][0];

const ROLES: Record<string, Role> = { [TEAM]: "coordinator", [TEAMMATE]: "coordinator", [OTHER]: "coordinator", [MANAGER]: "manager", [ADMIN]: "admin" };

const RULES: RuleSet = {
  version: 1,
  teams: [
    { id: "surgery", name: "Surgery", members: [TEAM, TEAMMATE] },
    { id: "billing", name: "Billing", members: [OTHER] },
  ],
  riskManagement: { contacts: [] },
  rules: [],
  default: { team: "surgery", strategy: "round_robin" },
};

/** A word only the case's description holds, to search for. */
const SEARCH_WORD = "periwinkle";

/** A survey file of one identified patient asking to be called: a grievance candidate. */
const SURVEY_FILE = [
  "row_id,date,unit,score,comment,patient_name,patient_contact,contact_me",
  'MX-1,2026-11-20,Emergency Department,2,"I waited five hours and nobody explained the delay. Please call me.",Ana Ruiz,555-201-0000,yes',
].join("\n");

/** Someone who reviewed a letter's translation, from outside the hospital's Slack. */
const TRANSLATION = { reviewer: "Ana Ruiz, certified medical interpreter" };

/** The services over fresh in-memory storage, wired as app.ts wires them. */
function matrixApp() {
  const clock = settableClock(TEST_NOW);
  const db = createMemoryDatabase(() => clock.now());
  for (const [userId, role] of Object.entries(ROLES)) db.roles.set(userId, role);
  const cases = createMemoryCaseRepository(db);
  const letterRepository = createMemoryLetterRepository(db);
  const roles = createMemoryUserRoleRepository(db);
  const ruleSets: { document: unknown }[] = [{ document: structuredClone(RULES) }];
  const routingRepository: RoutingRepository = {
    async activeRuleSet() {
      const last = ruleSets.at(-1);
      return last ? { id: ruleSets.length, document: last.document } : null;
    },
    async saveRuleSet(ruleSet, source, actorId) {
      ruleSets.push({ document: structuredClone(ruleSet) });
      db.adminEvents.push({ type: "routing_rules_changed", actorId, data: { version: String(ruleSets.length), source } });
      return ruleSets.length;
    },
    async routeCase() {
      throw new Error("routing is not part of the matrix");
    },
  };
  const routing = createRoutingService({ routing: routingRepository, roles, rulesFile: "/nonexistent/routing-rules.yml" });
  const approvers = () => roles.withRoles(APPROVER_ROLES);
  const caseActions = createCaseActions({ cases, roleOf: roles.roleOf, isOnTeam: routing.isOnTeam, approvers, hasWrittenResponse: letterRepository.hasWrittenResponse, clock, policy: POLICY });
  const notifier = createRecordingLetterNotifier();
  const letters = createLetterService({ letters: letterRepository, cases, caseActions, drafter: createTemplateDrafter(), settings: SETTINGS, printer: PRINTER, notifier, approvers, clock, logger: createLogger("silent") });
  const openCases = () => [...db.cases.values()].map((stored) => structuredClone(stored.summary)).filter((summary) => isOpen(summary.status));
  // As case-query.repository.ts answers, over the same tables.
  const queries: CaseQueries = {
    needingReminders: async () => [],
    ownedBy: async (userId) => openCases().filter((summary) => summary.ownerId === userId),
    filedBy: async (userId) => openCases().filter((summary) => summary.filedBy === userId),
    unassigned: async () => openCases().filter((summary) => !summary.ownerId),
    openMatching: async (text, categoryIds) =>
      openCases().filter((summary) => !text || summary.department.toLowerCase().includes(text.toLowerCase()) || categoryIds.includes(summary.category)),
    search: async (words) =>
      [...db.cases.values()]
        .filter((stored) => words.every((word) => [stored.summary.number, stored.summary.department, stored.details.description, stored.details.desiredOutcome].some((field) => field.toLowerCase().includes(word.toLowerCase()))))
        .map((stored) => structuredClone(stored.summary)),
    counts: async () => ({ open: openCases().length, unassigned: 0, overdue: 0, grievances: 0, byStatus: {} }),
  };
  const workQueue = createWorkQueue({ queries, cases, roleOf: roles.roleOf, isOnTeam: routing.isOnTeam, audit: roles.audit, lettersAwaitingApproval: async () => [], clock });
  const outbox = { retryFailed: async () => 0, counts: async () => ({ waiting: 0, failed: 0 }) };
  // Nothing is old enough to purge: who may look or purge is what is tried.
  const none = async () => ({ caseEvents: 0, adminEvents: 0 });
  const admin = createAdminService({ roles, routing, outbox, clock, auditRetention: { store: { countBefore: none, purgeBefore: none }, years: 6 } });
  // The digests' content is not what is tried here: who may post or preview one is.
  const digests = createOnDemandDigests({
    digests: { escalation: async () => ({}) as never, trends: async () => ({}) as never },
    roleOf: roles.roleOf,
    audit: roles.audit,
    enqueue: async (entries) => db.queueOnce(entries),
    render: { escalations: () => [{ text: "digest", blocks: [] }], trends: () => [{ text: "digest", blocks: [] }] },
    channelId: CARD_CHANNEL,
  });
  const now = () => clock.now();
  const timeZone = POLICY.timeZone;

  // Guidance cards and the community-resource directory as shipped, in documents kept in memory
  // (as settings-document.repository.ts keeps them: every version, each save audited).
  const documents: Record<"guidance" | "resources", unknown[]> = { guidance: [], resources: [] };
  const documentStore = (kind: "guidance" | "resources"): SettingsDocumentStore => ({
    async active() {
      const list = documents[kind];
      return list.length > 0 ? { id: list.length, document: structuredClone(list.at(-1)) } : null;
    },
    async save(document, source, actorId) {
      documents[kind].push(structuredClone(document));
      db.adminEvents.push({ type: "settings_document_saved", actorId, data: { kind, source } });
      return documents[kind].length;
    },
  });
  const seeded = <T>(result: DocumentResult<T>): T => {
    if (!result.ok) throw new Error(result.errors.join("; "));
    return result.value;
  };
  documents.guidance.push(seeded(parseGuidance(readFileSync(DEFAULT_GUIDANCE_FILE, "utf8"))));
  documents.resources.push(seeded(parseDirectory(readFileSync(DEFAULT_RESOURCES_FILE, "utf8"))));
  const settingsFile = { roleOf: roles.roleOf, audit: roles.audit };
  const guidanceFiles = {
    guidance: createSettingsFile({ ...settingsFile, store: documentStore("guidance"), file: DEFAULT_GUIDANCE_FILE, setting: "GUIDANCE_FILE", name: "guidance file", parse: parseGuidance }),
    directory: createSettingsFile({ ...settingsFile, store: documentStore("resources"), file: DEFAULT_RESOURCES_FILE, setting: "RESOURCES_FILE", name: "resource directory", parse: parseDirectory }),
  };
  // As resource-offer.repository.ts stores offers: with their audit event on the case, together.
  const offers: { caseId: string; resourceId: string; resourceName: string; tags: readonly string[]; offeredAt: Date; offeredBy: string }[] = [];
  const offerRepository: ResourceOfferRepository = {
    async recordOffers(caseId, actorId, list, offeredAt) {
      for (const offer of list) offers.push({ caseId, ...offer, offeredAt, offeredBy: actorId });
      db.addEvent(caseId, "resources_offered", actorId, { resources: list.map((offer) => offer.resourceId).join(",") });
      return list.length;
    },
    offeredOn: async (caseId) => structuredClone(offers.filter((offer) => offer.caseId === caseId)),
    offeredBetween: async (from, to) => structuredClone(offers.filter((offer) => offer.offeredAt >= from && offer.offeredAt < to)),
  };
  const caseHelp = createCaseHelp({
    ...guidanceFiles,
    offers: offerRepository,
    roleOf: roles.roleOf,
    audit: roles.audit,
    ensureAllowed: caseActions.ensureAllowed,
    loadDetails: cases.loadDetailsForProcessing,
    timeZone,
    now,
  });
  // The team at a glance: its numbers are not what is tried here, who may see them is.
  const teamReports = createTeamReports({
    records: async () => ({ cases: [], events: [], letters: [] }),
    coordinators: () => roles.withRoles(["coordinator"]),
    managers: approvers,
    roleOf: roles.roleOf,
    audit: roles.audit,
    timeZone,
    now,
  });
  // What the reports read, over the same tables (the committee's figures are not what is tried: who may make the report is).
  const caseRecord = (caseId: string): CaseRecord | null => {
    const stored = db.cases.get(caseId);
    if (!stored) return null;
    const { summary, details } = stored;
    return {
      ...summary,
      acknowledgedAt: stored.acknowledgedAt,
      withdrawnBy: null,
      withdrawnAt: null,
      description: details.description,
      desiredOutcome: details.desiredOutcome,
      resolutionSummary: details.resolutionSummary,
      medicareBeneficiary: details.medicareBeneficiary,
      writtenResponseRequested: details.writtenResponseRequested,
      resolvedOnSpot: details.resolvedOnSpot,
      people: details.people.map((person) => ({ ...person, mailingAddress: person.mailingAddress ?? null })),
      events: db.events.filter((event) => event.caseId === caseId).map((event) => ({ at: event.createdAt, type: event.type, actorId: event.actorId, data: event.data })),
      notes: db.notes.filter((note) => note.caseId === caseId).map((note) => ({ createdAt: note.createdAt, authorId: note.authorId, kind: note.kind, body: note.body })),
      tasks: [],
      letters: [],
    };
  };
  const reads: ReportReads = {
    casesReceived: async () => [],
    lettersApprovedOrSent: async () => [],
    commentsDated: async () => [],
    receivedBetween: async () => [],
    firstReceivedAt: async () => null,
    caseIdByNumber: async (number) => [...db.cases.values()].find((stored) => stored.summary.number === number)?.summary.id ?? null,
    caseRecord: async (caseId) => caseRecord(caseId),
    async recordCaseExport(caseId, actorId, format) {
      db.addEvent(caseId, "case_exported", actorId, { format });
    },
    casesForExport: async () => 0,
    auditForExport: async () => 0,
  };
  /** The files sent privately (a user's DM with the app). */
  const delivered: { userId: string; files: string[] }[] = [];
  const reports = createReportService({
    reads,
    roleOf: roles.roleOf,
    audit: roles.audit,
    ensureAllowed: caseActions.ensureAllowed,
    deliver: {
      async sendPrivately(userId, files) {
        delivered.push({ userId, files: files.map((file) => file.filename) });
      },
    },
    fonts: loadLetterFonts(),
    hospitalName: "Riverside General Hospital",
    timeZone,
    now,
  });
  // As survey.repository.ts stores comments: new row ids only, their offers queued with them.
  const comments = new Map<string, StoredComment>();
  const surveyRepository: SurveyRepository = {
    async importComments(list, _importedBy, notify) {
      const known = new Set([...comments.values()].map((comment) => comment.rowId));
      const fresh = list.filter((comment) => !known.has(comment.rowId));
      const stored = fresh.map((comment) => {
        const id = randomUUID();
        comments.set(id, { ...structuredClone(comment), id, filedAs: null });
        return { id, rowId: comment.rowId };
      });
      db.queueOnce(notify?.(stored) ?? []);
      return { stored, duplicates: list.length - fresh.length };
    },
    find: async (id) => structuredClone(comments.get(id) ?? null),
  };
  // A candidate goes to the team routing would give a grievance from its unit and category, else to the approvers (as app.ts decides it).
  const recipientsFor = async (unit: string, category: string) => {
    const ruleSet = await routing.activeRuleSet().catch(() => null);
    const team = ruleSet ? matchRoute(ruleSet, { category, department: unit, severity: 2, type: "grievance", medicareBeneficiary: false, allegesHarm: false, description: "" }).team : null;
    const owners = await roles.withRoles(["coordinator", "manager", "admin"]);
    const members = team ? (team.members.length > 0 ? team.members.filter((id) => owners.includes(id)) : await roles.withRoles(["coordinator"])) : [];
    return members.length > 0 ? members : approvers();
  };
  const surveys = createSurveyService({ comments: surveyRepository, roleOf: roles.roleOf, audit: roles.audit, recipientsFor, departments: DEFAULT_DEPARTMENTS, timeZone, now });
  const filing = createCaseService({ cases, clock, policy: POLICY });
  let filed = 0;

  /** Files a case for the surgery team, as routing would leave it; a grievance unless the fields say otherwise. */
  async function fileCase(fields: Partial<IntakeFields> = {}, context: { filedBy?: string; owner?: string } = {}): Promise<CaseSummary> {
    const parsed = parseIntake(intakeInput({ description: `${DESCRIPTION} The ${SEARCH_WORD} pillow was not replaced.`, ...fields }), { now: clock.now(), departments: DEFAULT_DEPARTMENTS });
    if (!parsed.ok) throw new Error(`intake refused: ${JSON.stringify(parsed.errors)}`);
    filed += 1;
    const { summary } = await filing.fileCase(parsed.intake, { intakeKey: `matrix:${filed}`, filedBy: context.filedBy ?? FILER });
    await cases.recordCardPosted(summary.id, CARD_CHANNEL, `1700000000.${String(filed).padStart(6, "0")}`);
    const stored = db.cases.get(summary.id)!;
    stored.summary.teamId = "surgery";
    stored.summary.routingRule = "default";
    if (context.owner) stored.summary.ownerId = context.owner;
    return structuredClone(stored.summary);
  }

  /** A response letter drafted for the case (version 1, a draft under review). */
  async function draftLetter(caseId: string): Promise<string> {
    const letter = await letters.request(caseId, MANAGER, "response", `matrix-letter:${caseId}`);
    await letters.produceDraft(letter.id, 1);
    return letter.id;
  }

  /** A response letter drafted and approved (over its template gaps, with a reason). */
  async function approvedLetter(caseId: string): Promise<string> {
    const letterId = await draftLetter(caseId);
    await letters.approve(letterId, MANAGER, 1, "Checked by hand with the family's consent.");
    return letterId;
  }

  /** A grievance candidate imported by a manager, from a unit the rules route to the surgery team: its comment's id. */
  async function surveyCandidate(): Promise<string> {
    await surveys.importCsv(MANAGER, SURVEY_FILE);
    const [comment] = comments.values();
    if (comment?.screening !== "candidate") throw new Error("the survey row was not a candidate");
    return comment.id;
  }

  /** Everything a refused action must leave as it was (its own refusal record aside). */
  function snapshot(): string {
    // The refusal's own record, and the audit of a search (a search is recorded whatever it finds), aside.
    const notDenied = <T extends { type: string }>(list: readonly T[]) => list.filter((entry) => entry.type !== "permission_denied" && entry.type !== "cases_searched");
    return JSON.stringify({
      cases: [...db.cases.values()],
      notes: db.notes,
      letters: [...db.letters.values()],
      versions: db.versions,
      outbox: db.outbox,
      roles: [...db.roles.entries()],
      ruleSets,
      uploads: notifier.uploads.length,
      events: notDenied(db.events),
      adminEvents: notDenied(db.adminEvents),
      documents,
      offers,
      comments: [...comments.values()],
      delivered,
    });
  }

  /** Whether a refusal of `userId` was written to the audit trail (the case's, or the admin trail). */
  const refusalAudited = (userId: string) => [...db.events, ...db.adminEvents].some((event) => event.type === "permission_denied" && event.actorId === userId);

  return { db, caseActions, letters, workQueue, admin, digests, routing, caseHelp, teamReports, reports, surveys, guidanceFiles, fileCase, draftLetter, approvedLetter, surveyCandidate, snapshot, refusalAudited };
}

type MatrixApp = ReturnType<typeof matrixApp>;

/** What the README's cell says: allowed, refused (or not shown), or the filer's status-only view. */
type Cell = "✓" | "—" | "status only";

/** Whether the last trial was refused with a forbidden error (then it must be in the audit trail), not merely left out of a list. */
let refusedWithError = false;

/**
 * Runs the attempt: resolves to what it came to. A forbidden AppError is a refusal ("—"); any other
 * failure fails the test, so an attempt that is allowed must really succeed.
 */
async function allowedOrRefused(attempt: () => Promise<unknown>): Promise<Cell> {
  try {
    await attempt();
    return "✓";
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.forbidden) {
      refusedWithError = true;
      return "—";
    }
    throw error;
  }
}

type Given = { caseId: string; number: string; letterId?: string; commentId?: string };

interface Attempt {
  /** Builds what the attempt needs (a case, a letter) before the persona acts. */
  setup(app: MatrixApp): Promise<Given>;
  run(app: MatrixApp, userId: string, given: Given): Promise<Cell>;
}

const unassigned = (app: MatrixApp) => app.fileCase();
const ownedByTeam = (app: MatrixApp) => app.fileCase({}, { owner: TEAM });
const ownedByTeammate = (app: MatrixApp) => app.fileCase({}, { owner: TEAMMATE });
/** A complaint (a routine request), which closes without a written response. */
const complaintOwnedBy = (owner: string) => (app: MatrixApp) => app.fileCase({ category: "routine_request" }, { owner });
const closedComplaintOwnedBy = (owner: string) => async (app: MatrixApp) => {
  const summary = await app.fileCase({ category: "routine_request" }, { owner });
  await app.caseActions.close(summary.id, MANAGER, "resolved", "Spoke with the family by phone.");
  return summary;
};
const withDraft = async (app: MatrixApp): Promise<Given> => {
  const summary = await ownedByTeam(app);
  return { caseId: summary.id, number: summary.number, letterId: await app.draftLetter(summary.id) };
};
const withApproved = async (app: MatrixApp): Promise<Given> => {
  const summary = await ownedByTeam(app);
  return { caseId: summary.id, number: summary.number, letterId: await app.approvedLetter(summary.id) };
};
/** A response letter drafted in Spanish (the patient's preferred language) on a case the team owns. */
const withSpanishDraft = async (app: MatrixApp): Promise<Given> => {
  const summary = await app.fileCase({ preferredLanguage: "Spanish" }, { owner: TEAM });
  return { caseId: summary.id, number: summary.number, letterId: await app.draftLetter(summary.id) };
};
/** A grievance candidate from a survey, offered to the surgery team. */
const withSurveyCandidate = async (app: MatrixApp): Promise<Given> => {
  const summary = await unassigned(app);
  return { caseId: summary.id, number: summary.number, commentId: await app.surveyCandidate() };
};
const ofCase = (make: (app: MatrixApp) => Promise<CaseSummary>) => async (app: MatrixApp): Promise<Given> => {
  const summary = await make(app);
  return { caseId: summary.id, number: summary.number };
};
const action = (setup: Attempt["setup"], call: (app: MatrixApp, userId: string, given: Given) => Promise<unknown>): Attempt => ({
  setup,
  run: (app, userId, given) => allowedOrRefused(() => call(app, userId, given)),
});
/** A list: "✓" when the case is in it, "—" when it is not, or the list was refused. */
const listed = (list: (app: MatrixApp, userId: string) => Promise<readonly CaseSummary[]>): Attempt => ({
  setup: ofCase(unassigned),
  async run(app, userId, { caseId }) {
    let shown: readonly CaseSummary[] = [];
    const outcome = await allowedOrRefused(async () => {
      shown = await list(app, userId);
    });
    return outcome === "✓" && shown.some((summary) => summary.id === caseId) ? "✓" : "—";
  },
});

/** The rules with `owner` named as the owner of every case the rules do not route elsewhere. */
const RULES_NAMING = (owner: string) => stringify({ ...RULES, default: { team: "surgery", strategy: "named", person: owner } });

type Row = { permission: string; cells: readonly Cell[]; attempts: Record<string, Attempt> };

/** Present: resolves to something, or fails the attempt (a report or card that is not there was not shown). */
const shown = async <T>(value: Promise<T | null>): Promise<T> => {
  const result = await value;
  if (result === null) throw new Error("nothing was shown");
  return result;
};

/** The README's first table, about one case, row by row: the attempts that try it, and its cell for each column. */
const CASE_MATRIX: Row[] = [
  {
    permission: "file a case (`/case`, or from a message)",
    cells: ["✓", "✓", "✓", "✓", "✓", "✓"],
    attempts: { file: action(ofCase(unassigned), (app, userId) => app.fileCase({}, { filedBy: userId })) },
  },
  {
    permission: "look up the case by its number (`/case PR-…`)",
    cells: ["status only", "—", "✓", "—", "✓", "✓"],
    attempts: {
      lookup: {
        setup: ofCase(unassigned),
        async run(app, userId, { number }) {
          let sight: string | undefined;
          const outcome = await allowedOrRefused(async () => {
            sight = (await app.workQueue.lookup(userId, number)).sight;
          });
          return outcome === "—" ? "—" : sight === "status" ? "status only" : "✓";
        },
      },
    },
  },
  {
    permission: "see the case in `/case open`",
    cells: ["✓", "—", "✓", "—", "✓", "✓"],
    attempts: { open: listed(async (app, userId) => (await app.workQueue.open(userId)).cases) },
  },
  {
    permission: "find the case with `/case search`",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: { search: listed((app, userId) => app.workQueue.search(userId, SEARCH_WORD)) },
  },
  {
    permission: "see the case among the unassigned cases on App Home",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: { home: listed(async (app, userId) => (await app.workQueue.home(userId)).unassigned) },
  },
  {
    permission: "open its details: patient, narrative, notes (**View details**)",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: { details: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.caseActions.viewDetails(caseId, userId)) },
  },
  {
    permission: "add a note, escalate it, change it to complaint or grievance",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: {
      note: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.caseActions.addNote(caseId, userId, "step", "Called the ward manager.")),
      escalate: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.caseActions.escalate(caseId, userId)),
      reclassify: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.caseActions.reclassify(caseId, userId, "complaint", "Resolved by the charge nurse during the call.")),
    },
  },
  {
    permission: "edit the issues the patient raised (**Edit issues**)",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: { issues: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.caseActions.editIssues(caseId, userId, [{ id: null, text: "Nobody explained the delay." }])) },
  },
  {
    permission: "record the community resources offered (**Record resources offered…**)",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: {
      // As the button opens the form: the case's rule, then its help and the directory.
      form: action(ofCase(ownedByTeam), async (app, userId, { caseId }) => {
        await app.caseActions.ensureAllowed("record_resource", caseId, userId);
        await app.caseHelp.helpForCase(caseId, userId);
      }),
      record: action(ofCase(ownedByTeam), async (app, userId, { caseId }) => {
        const [first] = await app.caseHelp.directory();
        await app.caseHelp.recordOffered(caseId, userId, [first!.id]);
      }),
    },
  },
  {
    permission: "see the guidance and resources that fit it (in its details, **Open guidance**)",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: {
      // As the details view shows them: the details first, then the help that goes with them.
      details: action(ofCase(ownedByTeam), async (app, userId, { caseId }) => shown(app.caseHelp.helpInDetails(await app.caseActions.viewDetails(caseId, userId), userId))),
      open: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.caseHelp.helpForCase(caseId, userId)),
    },
  },
  {
    permission: "export its whole record as a PDF (`/case export PR-…`)",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: { export: action(ofCase(ownedByTeam), (app, userId, { number }) => app.reports.caseFile(userId, number)) },
  },
  {
    permission: "take it while nobody owns it (**Assign to me**)",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: { assign: action(ofCase(unassigned), (app, userId, { caseId }) => app.caseActions.assignToMe(caseId, userId)) },
  },
  {
    permission: "change its status, reassign, close or reopen it, when they own it",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: {
      status: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.caseActions.changeStatus(caseId, userId, "acknowledged", "new")),
      reassign: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.caseActions.reassign(caseId, userId, TEAMMATE)),
      close: action(ofCase(complaintOwnedBy(TEAM)), (app, userId, { caseId }) => app.caseActions.close(caseId, userId, "resolved", "Apologized; the family is satisfied.")),
      reopen: action(ofCase(closedComplaintOwnedBy(TEAM)), (app, userId, { caseId }) => app.caseActions.reopen(caseId, userId)),
    },
  },
  {
    permission: "… the same when a teammate owns it",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: {
      status: action(ofCase(ownedByTeammate), (app, userId, { caseId }) => app.caseActions.changeStatus(caseId, userId, "acknowledged", "new")),
      reassign: action(ofCase(ownedByTeammate), (app, userId, { caseId }) => app.caseActions.reassign(caseId, userId, TEAM)),
      close: action(ofCase(complaintOwnedBy(TEAMMATE)), (app, userId, { caseId }) => app.caseActions.close(caseId, userId, "resolved", "Apologized; the family is satisfied.")),
      reopen: action(ofCase(closedComplaintOwnedBy(TEAMMATE)), (app, userId, { caseId }) => app.caseActions.reopen(caseId, userId)),
    },
  },
  {
    permission: "request, edit or regenerate a letter draft; read a letter (**View letter**)",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: {
      request: action(ofCase(ownedByTeam), (app, userId, { caseId }) => app.letters.request(caseId, userId, "response", `attempt:${userId}`)),
      view: action(withDraft, (app, userId, { letterId }) => app.letters.openForm(letterId!, userId, "view", 1)),
      editForm: action(withDraft, (app, userId, { letterId }) => app.letters.openForm(letterId!, userId, "edit", 1)),
      edit: action(withDraft, async (app, userId, { letterId }) => {
        const { version } = await app.letters.view(letterId!);
        await app.letters.edit(letterId!, userId, 1, `${version!.text}\n\nWith our best wishes.`);
      }),
      regenerate: action(withDraft, (app, userId, { letterId }) => app.letters.regenerate(letterId!, userId, 1, "Make it warmer.")),
    },
  },
  {
    permission: "approve or reject a letter",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: {
      approveForm: action(withDraft, (app, userId, { letterId }) => app.letters.openForm(letterId!, userId, "approve", 1)),
      approve: action(withDraft, (app, userId, { letterId }) => app.letters.approve(letterId!, userId, 1, "Checked by hand with the family's consent.")),
      reject: action(withDraft, (app, userId, { letterId }) => app.letters.reject(letterId!, userId, 1, "Too formal for this family.")),
    },
  },
  {
    permission: "approve a letter not in English, naming who reviewed its translation",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: {
      outside: action(withSpanishDraft, (app, userId, { letterId }) => app.letters.approve(letterId!, userId, 1, "Checked by hand with the family's consent.", TRANSLATION)),
      colleague: action(withSpanishDraft, (app, userId, { letterId }) => app.letters.approve(letterId!, userId, 1, "Checked by hand with the family's consent.", { userId: "U0MXINTERP" })),
    },
  },
  {
    permission: "mark an approved letter as sent, download it",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: {
      sent: action(withApproved, (app, userId, { letterId }) => app.letters.markSent(letterId!, userId)),
      download: action(withApproved, async (app, userId, { letterId }) => (await app.letters.download(letterId!, userId, "txt")).send()),
    },
  },
  {
    permission: "post or preview a digest (`/case digest`)",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: {
      preview: action(ofCase(unassigned), (app, userId) => app.digests.preview(userId, "escalations", new Date(TEST_NOW))),
      post: action(ofCase(unassigned), (app, userId) => app.digests.postNow(userId, "escalations", new Date(TEST_NOW))),
    },
  },
  {
    permission: "set roles, change routing rules, send refused posts again (`/case admin`)",
    cells: ["—", "—", "—", "—", "—", "✓"],
    attempts: {
      roles: action(ofCase(unassigned), (app, userId) => app.admin.listRoles(userId)),
      grant: action(ofCase(unassigned), (app, userId) => app.admin.grant(userId, "U0NEWCOMER", "coordinator")),
      rules: action(ofCase(unassigned), (app, userId) => app.admin.rulesText(userId)),
      editRules: action(ofCase(unassigned), async (app, userId) => {
        const result = await app.admin.replaceRules(userId, stringify(RULES));
        if (!result.ok) throw new Error(result.errors.join("; "));
      }),
      retry: action(ofCase(unassigned), (app, userId) => app.admin.retryFailedPosts(userId)),
    },
  },
  {
    permission: "be made a case's owner (by the routing rules or a reassignment)",
    cells: ["—", "—", "✓", "✓", "✓", "✓"],
    attempts: {
      reassigned: {
        setup: ofCase(ownedByTeammate),
        async run(app, userId, { caseId }) {
          try {
            await app.caseActions.reassign(caseId, MANAGER, userId);
            return "✓";
          } catch (error) {
            if (error instanceof AppError && error.code === ErrorCode.invalidInput && error.userMessage.includes("is not a patient-relations coordinator")) return "—";
            throw error;
          }
        },
      },
      routed: {
        setup: ofCase(unassigned),
        async run(app, userId) {
          const result = await app.admin.replaceRules(ADMIN, RULES_NAMING(userId));
          if (result.ok) return "✓";
          expect(result.errors).toEqual([`default.person: ${userId} is not a coordinator: grant the role first, or pick another owner`]);
          return "—";
        },
      },
    },
  },
];

/** The README's second table, of what is not about one case, with the same six people (the filer is staff like any other). */
const OTHER_MATRIX: Row[] = [
  {
    permission: "read a guidance card, or the list of topics (`/case guide`)",
    cells: ["✓", "✓", "✓", "✓", "✓", "✓"],
    attempts: {
      // The cards are the hospital's guidance, no patient's: the service asks nobody's role.
      card: action(ofCase(unassigned), (app) => shown(app.caseHelp.card("qio"))),
      topics: action(ofCase(unassigned), async (app) => {
        if ((await app.caseHelp.topics()).length === 0) throw new Error("no topics");
      }),
    },
  },
  {
    permission: "see the resources offered in a month (`/case resources report`)",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: { report: action(ofCase(unassigned), (app, userId) => app.caseHelp.monthlyReport(userId)) },
  },
  {
    permission: "see the team at a glance (`/case team`, App Home's **Team at a glance**)",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: {
      command: action(ofCase(unassigned), (app, userId) => app.teamReports.report(userId)),
      // App Home leaves the section out for anyone else: nothing shown is "—", not a refusal.
      home: {
        setup: ofCase(unassigned),
        run: async (app, userId) => ((await app.teamReports.forHome(userId)) ? "✓" : "—"),
      },
    },
  },
  {
    permission: "make the grievance committee report (`/case report committee <period>`)",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: { committee: action(ofCase(unassigned), (app, userId) => app.reports.committee(userId, "2026-11")) },
  },
  {
    permission: "export a period's cases or audit trail as CSV (`/case export cases <period>`, `/case export audit <period>`)",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: {
      cases: action(ofCase(unassigned), (app, userId) => app.reports.periodExport(userId, "cases", "2026-11")),
      audit: action(ofCase(unassigned), (app, userId) => app.reports.periodExport(userId, "audit", "2026-Q4")),
    },
  },
  {
    permission: "import survey comments (`/case import`)",
    cells: ["—", "—", "—", "—", "✓", "✓"],
    attempts: {
      form: action(ofCase(unassigned), (app, userId) => app.surveys.ensureMayImport(userId)),
      import: action(ofCase(unassigned), (app, userId) => app.surveys.importCsv(userId, SURVEY_FILE)),
    },
  },
  {
    permission: "file a survey comment offered to their team as a case (**File as a case**)",
    cells: ["—", "—", "✓", "—", "✓", "✓"],
    attempts: { prefill: action(withSurveyCandidate, (app, userId, { commentId }) => app.surveys.prefill(userId, commentId!)) },
  },
  {
    permission: "see or reload the guidance cards or the resource directory (`/case admin guidance [reload]`, `/case admin resources [reload]`)",
    cells: ["—", "—", "—", "—", "—", "✓"],
    attempts: {
      guidance: action(ofCase(unassigned), (app, userId) => app.guidanceFiles.guidance.inForce(userId)),
      resources: action(ofCase(unassigned), (app, userId) => app.guidanceFiles.directory.inForce(userId)),
      guidanceReload: action(ofCase(unassigned), (app, userId) => app.guidanceFiles.guidance.reloadFromFile(userId)),
      resourcesReload: action(ofCase(unassigned), (app, userId) => app.guidanceFiles.directory.reloadFromFile(userId)),
    },
  },
  {
    permission: "purge audit events older than the retention (`/case admin purge-audit`)",
    cells: ["—", "—", "—", "—", "—", "✓"],
    attempts: {
      preview: action(ofCase(unassigned), (app, userId) => app.admin.auditPurgePreview(userId)),
      purge: action(ofCase(unassigned), (app, userId) => app.admin.purgeAudit(userId, "2000-01-01T00:00:00Z")),
    },
  },
];

const MATRIX = [...CASE_MATRIX, ...OTHER_MATRIX];

const TRIALS = MATRIX.flatMap(({ permission, cells, attempts }) =>
  Object.entries(attempts).flatMap(([name, attempt]) =>
    PERSONAS.map(([persona, userId], column) => ({ permission, name, persona: persona as Persona, userId, attempt, expected: cells[column]! })),
  ),
);

describe("the roles and permissions table, tried as each role through the services", () => {
  it.each(TRIALS)("$permission [$name] as $persona → $expected", async ({ userId, attempt, expected }) => {
    const app = matrixApp();
    const given = await attempt.setup(app);
    const before = app.snapshot();
    refusedWithError = false;
    const outcome = await attempt.run(app, userId, given);
    expect(outcome).toBe(expected);
    if (outcome === "—") {
      // A refusal (or a case left out of a list) changes nothing, and a refusal is in the audit trail.
      expect(app.snapshot()).toBe(before);
      if (refusedWithError) expect(app.refusalAudited(userId)).toBe(true);
    }
  });

  it("refuses a manager's approval of a letter not in English until someone is named as its translation's reviewer", async () => {
    const app = matrixApp();
    const { letterId } = await withSpanishDraft(app);
    const before = app.snapshot();
    const refused = await app.letters.approve(letterId!, MANAGER, 1, "Checked by hand with the family's consent.").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe(ErrorCode.invalidInput);
    expect((refused as AppError).userMessage).toContain("say who reviewed the translation");
    expect(app.snapshot()).toBe(before);
  });

  it("audits every refusal of an action, and says why in plain words", async () => {
    const app = matrixApp();
    const { id } = await app.fileCase({}, { owner: TEAM });
    for (const userId of [FILER, STAFF, OTHER]) {
      const refused = await app.caseActions.addNote(id, userId, "note", "Looked into it.").catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).userMessage).toMatch(/Nothing was changed\.$/);
      expect(app.refusalAudited(userId)).toBe(true);
    }
  });

  it("tells the filer where to follow their case, and the other team's coordinator whose case it is", async () => {
    const app = matrixApp();
    const { id } = await app.fileCase({}, { owner: TEAM });
    const message = async (userId: string) => ((await app.caseActions.viewDetails(id, userId).catch((error: unknown) => error)) as AppError).userMessage;
    expect(await message(FILER)).toContain("You filed this case, so you can follow its status");
    expect(await message(OTHER)).toContain("This case belongs to another team");
    expect(await message(STAFF)).toContain("Only the case's patient-relations team and the managers");
  });

  it("shows the filer the case's number, type, status and deadlines, and nothing of its record", async () => {
    const app = matrixApp();
    const filed = await app.fileCase({}, { owner: TEAM });
    await app.caseActions.addNote(filed.id, TEAM, "result", "Peer review found a documentation gap.");
    const { summary, sight } = await app.workQueue.lookup(FILER, filed.number);
    expect(sight).toBe("status");
    expect(summary).toMatchObject({ number: filed.number, type: filed.type, status: filed.status });
    expect(JSON.stringify(summary)).not.toContain("Peer review");
  });

  it("matches README.md's two tables, row for row and cell for cell", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Roles and permissions"));
    const lines = section.slice(0, section.indexOf("\n### ", 1)).split("\n");
    // The section's tables: each run of lines that start with "|".
    const tables: string[][][] = [];
    lines.forEach((line, index) => {
      if (!line.startsWith("|")) return;
      if (!lines[index - 1]?.startsWith("|")) tables.push([]);
      tables.at(-1)!.push(line.split("|").slice(1, -1).map((cell) => cell.trim()));
    });
    expect(tables).toHaveLength(2);
    for (const [table, matrix] of [[tables[0]!, CASE_MATRIX], [tables[1]!, OTHER_MATRIX]] as const) {
      const [header, rule, ...body] = table;
      expect(header).toEqual(["May…", ...PERSONAS.map(([persona]) => persona)]);
      expect(rule!.every((cell) => /^-+$/.test(cell))).toBe(true);
      expect(body).toEqual(matrix.map(({ permission, cells }) => [permission, ...cells]));
    }
  });
});
