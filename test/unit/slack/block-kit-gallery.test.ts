import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CaseDetails, CaseStatus, CaseSummary } from "../../../src/cases/case.ts";
import type { CaseUpdatePayload } from "../../../src/cases/case-updates.ts";
import type { HomeData } from "../../../src/cases/work-queue.service.ts";
import { CATEGORIES, RECEIVED_VIA } from "../../../src/cases/taxonomy.ts";
import { CLASSIFICATION_RULES } from "../../../src/cases/classify.ts";
import type { EscalationDigest, EscalationGroup } from "../../../src/digests/escalation.ts";
import { ESCALATION_GROUPS } from "../../../src/digests/escalation.ts";
import { DEFAULT_HISTORY_RULE, type TrendDigest, type TrendRow, type TrendSignal } from "../../../src/digests/trends.ts";
import { MAX_BASELINE_WEEKS } from "../../../src/digests/trend-weeks.ts";
import { LETTER_CHECKS, type LetterCheck } from "../../../src/letters/letter-check.ts";
import { LETTER_LIMITS, LETTER_REVIEW_LIMITS } from "../../../src/letters/letter-limits.ts";
import type { LetterView } from "../../../src/letters/letter-views.ts";
import * as admin from "../../../src/slack/blocks/admin.ts";
import * as caseActionModals from "../../../src/slack/blocks/case-action.modals.ts";
import * as caseCard from "../../../src/slack/blocks/case-card.ts";
import * as caseIntake from "../../../src/slack/blocks/case-intake.modal.ts";
import * as caseLink from "../../../src/slack/blocks/case-link.ts";
import * as caseList from "../../../src/slack/blocks/case-list.ts";
import * as caseUpdates from "../../../src/slack/blocks/case-updates.ts";
import * as deliveryAlert from "../../../src/slack/blocks/delivery-alert.ts";
import * as dataBlocks from "../../../src/slack/blocks/data-blocks.ts";
import * as digests from "../../../src/slack/blocks/digests.ts";
import * as escaping from "../../../src/slack/blocks/escape.ts";
import * as fit from "../../../src/slack/blocks/fit.ts";
import * as guidance from "../../../src/slack/blocks/guidance.ts";
import type { CaseHelp } from "../../../src/guidance/case-help.service.ts";
import { RESOURCE_TAGS } from "../../../src/resources/resources.ts";
import * as help from "../../../src/slack/blocks/help.ts";
import * as intakeProgress from "../../../src/slack/blocks/intake-progress.ts";
import * as letterDownload from "../../../src/slack/blocks/letter-download.ts";
import * as letter from "../../../src/slack/blocks/letter.ts";
import { VIEWS } from "../../../src/slack/ids.ts";
import * as trendDigest from "../../../src/slack/blocks/trend-digest.ts";
import * as teamGlance from "../../../src/slack/blocks/team-glance.ts";
import * as surveyImport from "../../../src/slack/blocks/survey-import.ts";
import * as settingsEntries from "../../../src/slack/blocks/settings-entries.ts";
import type { TeamGlance } from "../../../src/digests/team-reports.service.ts";
import type { AtRiskCase, CoordinatorMetrics } from "../../../src/digests/team-metrics.ts";
import * as respond from "../../../src/slack/listeners/respond.ts";
import { checkMessage, checkView, type SlackRefusal } from "../../fakes/block-kit/index.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";

// Every Block Kit builder, fed the worst data the app allows, checked against what Slack accepts.
// The gallery checks itself: every export of every module in src/slack/blocks (and respond.ts) is
// either a builder with entries below or a listed helper, so a new builder cannot skip it.

const BLOCK_MODULES: Record<string, Record<string, unknown>> = {
  "admin.ts": admin,
  "case-action.modals.ts": caseActionModals,
  "case-card.ts": caseCard,
  "case-intake.modal.ts": caseIntake,
  "case-link.ts": caseLink,
  "case-list.ts": caseList,
  "case-updates.ts": caseUpdates,
  "data-blocks.ts": dataBlocks,
  "delivery-alert.ts": deliveryAlert,
  "digests.ts": digests,
  "escape.ts": escaping,
  "fit.ts": fit,
  "guidance.ts": guidance,
  "help.ts": help,
  "intake-progress.ts": intakeProgress,
  "letter-download.ts": letterDownload,
  "letter.ts": letter,
  "trend-digest.ts": trendDigest,
  "team-glance.ts": teamGlance,
  "survey-import.ts": surveyImport,
  "settings-entries.ts": settingsEntries,
};
const MODULES: Record<string, Record<string, unknown>> = { ...BLOCK_MODULES, "listeners/respond.ts": respond };

/** Exports that build no message or view: text helpers, links, constants, senders. */
const NOT_BUILDERS = [
  "admin.ts#RULES_EDIT_LIMIT",
  "case-action.modals.ts#DetailsPageSchema",
  "case-action.modals.ts#detailsPages",
  "case-action.modals.ts#splitEscaped",
  "case-link.ts#cardPermalink",
  "case-link.ts#caseLink",
  "case-link.ts#linkedCaseNumber",
  "case-list.ts#caseLine",
  "case-list.ts#dueIn",
  "data-blocks.ts#CHART_LIMITS",
  "data-blocks.ts#shortLabels",
  "data-blocks.ts#TABLE_LIMITS",
  "digests.ts#dateOnly",
  "escape.ts#escapeText",
  "escape.ts#truncate",
  "fit.ts#blocksTextLength",
  "fit.ts#cutEscaped",
  "fit.ts#escapeWithin",
  "fit.ts#MESSAGE_BLOCKS_MAX",
  "fit.ts#MESSAGE_TEXT_BUDGET",
  "fit.ts#messagePacker",
  "fit.ts#packLines",
  "fit.ts#PER_MESSAGE_BLOCKS",
  "fit.ts#SHORTENED",
  "fit.ts#TEXT_MAX",
  "help.ts#ADMIN_USAGE",
  "letter.ts#REGENERATE_INSTRUCTIONS",
  "team-glance.ts#TEAM_REPLY_MESSAGES",
  "listeners/respond.ts#plainFormError",
  "listeners/respond.ts#tellPrivately",
  "listeners/respond.ts#userMessageFor",
];

// ── Worst-case data: the longest values the app's own validation lets through ─────────────────

const NOW = new Date("2026-12-01T12:00:00Z");
const TZ = "America/New_York";
const WORKSPACE = "https://st-bartholomew-regional-medical-center-patient-relations.enterprise.slack.com/";
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const user = (n: number) => `U0${String(n).padStart(9, "0")}`;
const OWNER = user(1);

/** `base` repeated and cut to exactly `length` characters. */
const upTo = (length: number, base: string) => base.repeat(Math.ceil(length / base.length)).slice(0, length);
// Escaping for mrkdwn (&amp; &lt; &gt;) lengthens text: by half for ordinary text with a few & < >,
// and up to fivefold for text made of them alone (allowed, if unlikely: "<<<<" pasted in a reason).
const long = (length: number, base = "Patient relations words ") => upTo(length, base);
const hostile = (length: number) => upTo(length, "Tom & Jerry <ward> ");
const dense = (length: number) => upTo(length, "&<>");

// DEPARTMENTS and routing-rule department names: 75 characters; team names 100; rule ids 50.
const department = (n: number, base = "Cardiothoracic & Vascular Surgery <North Tower> ") => `${String(n).padStart(3, "0")} ${upTo(71, base)}`;
const DEPARTMENTS = Array.from({ length: 100 }, (_, n) => department(n));
const MANY_DEPARTMENTS = Array.from({ length: 150 }, (_, n) => department(n));
const TEAM = upTo(100, "Patient Relations & Risk <Grievance Committee> ");
const RULE_ID = upTo(50, "emergency-department-night-shift-");
const NUMBER = "PR-2026-10000000";
const LONGEST_CATEGORY = CATEGORIES.reduce((a, b) => (b.label.length > a.label.length ? b : a)).id;
const LONGEST_RULE = Object.entries(CLASSIFICATION_RULES).reduce((a, b) => (b[1].reason.length > a[1].reason.length ? b : a))[0];
const CARD = { cardChannelId: "C0CASES00001", cardMessageTs: "1764590400.123456" };

const GRIEVANCE: Partial<CaseSummary> = {
  number: NUMBER,
  department: DEPARTMENTS[99],
  category: LONGEST_CATEGORY,
  classificationRule: LONGEST_RULE,
  classificationOverridden: true,
  severity: 4,
  allegesHarm: true,
  receivedVia: "letter_fax",
  receivedAt: at(-90),
  acknowledgeDueAt: at(-18),
  responseDueAt: at(60),
  filedBy: user(2),
  ...CARD,
  teamId: "patient-relations",
  routingRule: RULE_ID,
  openTasks: ["qio_referral"],
};

/** A case in `status`, with every flag, task and link the card can show. */
function worstCase(status: CaseStatus, type: "complaint" | "grievance", extra: Partial<CaseSummary> = {}): CaseSummary {
  const done = status === "resolved" || status === "closed";
  return caseSummary({
    ...GRIEVANCE,
    type,
    status,
    ownerId: status === "new" ? null : OWNER,
    escalatedAt: status === "new" || status === "acknowledged" ? null : at(-30),
    closedAt: done ? at(-1) : null,
    outcome: status === "closed" ? "dissatisfied" : done ? "resolved" : null,
    ...extra,
  });
}

const STATES: Record<string, { status: CaseStatus; extra?: Partial<CaseSummary> }> = {
  "new and unassigned": { status: "new" },
  "owned (acknowledged)": { status: "acknowledged" },
  escalated: { status: "investigating" },
  "with letters (awaiting response)": { status: "awaiting_response" },
  resolved: { status: "resolved" },
  closed: { status: "closed" },
  // A reopened case is back to investigating with its escalation kept and no closing date.
  reopened: { status: "investigating", extra: { outcome: null, closedAt: null } },
};
const OPEN = ["new and unassigned", "owned (acknowledged)", "escalated", "with letters (awaiting response)", "reopened"];
const CASES = Object.entries(STATES).flatMap(([state, { status, extra }]) =>
  (["complaint", "grievance"] as const).map((type) => ({ state, type, open: OPEN.includes(state), summary: worstCase(status, type, extra) })),
);

/** Protected details at the app's limits (TEXT_LIMITS: names 200, contact 254, language 50, narrative 3,000). */
function worstDetails(summary: CaseSummary, text: (length: number) => string): CaseDetails {
  const person = (role: string, relationship: string) => ({
    role,
    relationship,
    name: text(200),
    phone: "+1 (555) 201-3344 ext 9876",
    email: `${upTo(242, "patient.relations")}@example.org`,
    preferredLanguage: text(50),
  });
  return {
    summary,
    description: text(3000),
    desiredOutcome: text(3000),
    resolvedOnSpot: true,
    writtenResponseRequested: true,
    medicareBeneficiary: true,
    resolutionSummary: text(3000),
    people: [person("patient", "self"), person("raiser", "representative")],
    notes: Array.from({ length: 30 }, (_, n) => ({ kind: ["step", "result", "note"][n % 3] as string, body: text(3000), authorId: user(n), createdAt: at(-n) })),
  };
}

const EVERY_CHECK_FAILING: LetterCheck[] = (Object.entries(LETTER_CHECKS) as [LetterCheck["id"], string][]).map(([id, label], n) => ({
  id,
  label,
  passed: false,
  required: n % 4 !== 0,
  detail: hostile(500),
}));
const EVERY_CHECK_PASSING: LetterCheck[] = EVERY_CHECK_FAILING.map((check) => ({ ...check, passed: true }));

// The longest letter, reasons and instruction the service and its forms allow (letter-limits.ts).
function letterView(status: string, source: string, kind: string, text: string, checks = EVERY_CHECK_FAILING): LetterView {
  const summary = worstCase("awaiting_response", "grievance");
  const approved = status === "approved" || status === "sent";
  return {
    summary,
    checks,
    letter: {
      id: "5f8b8a3e-0000-4000-8000-0000000000aa",
      caseId: summary.id,
      kind,
      status,
      requestedBy: user(3),
      currentVersion: 9999,
      threadChannelId: CARD.cardChannelId,
      threadTs: CARD.cardMessageTs,
      approvedVersion: approved ? 9999 : null,
      approvedBy: approved ? user(4) : null,
      approvedAt: approved ? at(-2) : null,
      approvedHash: approved ? "f".repeat(64) : null,
      overrideReason: approved ? hostile(LETTER_REVIEW_LIMITS.overrideReason) : null,
      rejectedBy: status === "rejected" ? user(4) : null,
      rejectedReason: status === "rejected" ? hostile(LETTER_REVIEW_LIMITS.rejectReason) : null,
      sentAt: status === "sent" ? at(-1) : null,
      sentBy: status === "sent" ? user(5) : null,
      createdAt: at(-48),
    },
    version:
      status === "drafting"
        ? null
        : {
            id: "5f8b8a3e-0000-4000-8000-0000000000bb",
            letterId: "5f8b8a3e-0000-4000-8000-0000000000aa",
            number: 9999,
            text,
            source,
            authorId: user(6),
            instruction: long(LETTER_REVIEW_LIMITS.instruction),
            model: "gpt-4.1-mini-2025-04-14-patient-relations-finetune",
            promptId: "response-letter",
            promptVersion: "12",
            promptHash: "a".repeat(64),
            inputTokens: 12_000,
            outputTokens: 4_000,
            latencyMs: 30_000,
            fallbackReason: source === "template" ? "llm_timeout_after_retries_exhausted" : null,
            checks: [],
            issues: [],
            createdAt: at(-3),
          },
  } as LetterView;
}
const LETTER_TEXT = long(LETTER_LIMITS.maxCharacters, "We are sorry for the wait you had in our emergency department.\n\n");
const HOSTILE_LETTER = hostile(LETTER_LIMITS.maxCharacters);

function worstEscalation(perGroup: number): EscalationDigest {
  const groups = (Object.keys(ESCALATION_GROUPS) as EscalationGroup[]).map((group) => ({
    group,
    items: Array.from({ length: perGroup }, (_, n) => ({
      caseId: `case-${group}-${n}`,
      caseNumber: `PR-2026-${String(10_000_000 + n)}`,
      department: DEPARTMENTS[n % 100] as string,
      ownerId: n % 2 ? user(n) : null,
      at: at(-n),
      ...CARD,
    })),
  }));
  return { groups, total: groups.reduce((sum, group) => sum + group.items.length, 0) };
}

// Every rule firing, in both directions where they can, with the longest numbers a week can show.
const WORST_SIGNALS = (label: string): TrendSignal[] =>
  (["beyond_limit", "shift", "close_to_limit", "trend"] as const).flatMap((rule) =>
    (["up", "down"] as const).map((direction) => ({ rule, direction, sentence: `${label}: ${"123,456.7 per 1,000 patient days (123,456 in 99,999 patient days) ".repeat(3)}this week.` })),
  );
const WEEKS = Array.from({ length: MAX_BASELINE_WEEKS + 1 }, (_, n) => at(-24 * 7 * (MAX_BASELINE_WEEKS + 1 - n)));
const row = (label: string, n: number): TrendRow => ({
  key: label,
  label,
  count: 100_000 + n,
  previous: 99_999,
  baselineMean: 123_456.7,
  weekly: WEEKS.map((_, week) => 100_000 + week),
  process:
    n % 3 === 2
      ? { kind: "not_enough_history", baselineWeeks: 20, baselineCases: 9 }
      : n % 3 === 1
        ? { kind: "u", baselineWeeks: 20, measure: "patient days", mean: 123_456.78, rate: 123_456.78, upper: 123_456.78, lower: 0, exposure: 99_999, signals: WORST_SIGNALS(label) }
        : { kind: "xmr", baselineWeeks: 20, mean: 123_456.78, averageMovingRange: 12_345.6, upper: 123_456.78, lower: 0, signals: WORST_SIGNALS(label) },
});
const WORST_TRENDS: TrendDigest = {
  periodStart: at(-24 * 7),
  periodEnd: NOW,
  weekStarts: WEEKS,
  baselineWeeks: MAX_BASELINE_WEEKS,
  history: DEFAULT_HISTORY_RULE,
  total: 123_456,
  previousTotal: 120_000,
  baselineWeeklyMean: 119_999.9,
  byCategory: CATEGORIES.map((category, n) => row(category.label, n)),
  byDepartment: MANY_DEPARTMENTS.map(row),
  medianHoursToAcknowledge: 1234.5,
  medianHoursToResolve: 12_345.6,
  grievancesAnsweredWithin7Days: { answered: 99_999, due: 100_000, share: 0.99999 },
  firstDraftsPassingAllChecks: { passed: 99_999, total: 100_000, share: 0.99999 },
  // Comments on every category and 150 units, with the longest numbers.
  comments: {
    baselineWeeks: MAX_BASELINE_WEEKS,
    total: 123_456,
    baselineWeeklyMean: 119_999.9,
    candidates: 12_345,
    candidatesBaselineMean: 11_999.9,
    byCategory: CATEGORIES.map((category, n) => ({ key: category.id, label: category.label, count: 100_000 + n, baselineMean: 123_456.7 })),
    byUnit: MANY_DEPARTMENTS.map((unit, n) => ({ key: unit, label: unit, count: 100_000 + n, baselineMean: 123_456.7 })),
  },
};

const manyCases = (count: number, status: CaseStatus = "investigating") =>
  Array.from({ length: count }, (_, n) => worstCase(status, n % 2 ? "grievance" : "complaint", { id: `case-${n}`, number: `PR-2026-${10_000_000 + n}`, department: DEPARTMENTS[n % 100] as string }));
const WORST_HOME = (role: HomeData["role"]): HomeData => ({
  role,
  mine: manyCases(40),
  awaitingApproval: Array.from({ length: 40 }, (_, n) => ({ caseNumber: `PR-2026-${10_000_000 + n}`, kind: n % 2 ? "interim" : "response", since: at(-n), ...CARD })),
  unassigned: manyCases(40, "new").map((summary) => ({ ...summary, ownerId: null })),
  counts: { open: 123_456, unassigned: 12_345, overdue: 1_234, grievances: 99_999, byStatus: { new: 1, acknowledged: 2, investigating: 3, awaiting_response: 4, resolved: 5, closed: 6 } },
});

const UPDATE_KINDS = ["routed", "assigned", "reassigned", "status_changed", "note_added", "escalated", "closed", "reopened", "reclassified", "qio_referral", "alert_harm_or_critical", "letter_awaiting_approval"];
const REMINDERS = ["acknowledge_due_soon", "acknowledge_overdue", "response_due_soon", "response_overdue", "unassigned"];
const updatePayload = (kind: string, extra: Record<string, string> = {}) =>
  ({
    caseId: "case-1",
    kind,
    actorId: user(7),
    ownerId: user(8),
    teamId: upTo(50, "patient-relations-"),
    rule: RULE_ID,
    from: "awaiting_response",
    to: "awaiting_response",
    noteKind: "result",
    outcome: "dissatisfied",
    reasons: "alleges abuse, neglect or patient harm; severity 4 – Critical",
    letterKind: "interim",
    version: "9999",
    dueAt: at(5).toISOString(),
    timeZone: TZ,
    caseType: "grievance",
    ...extra,
  }) as CaseUpdatePayload;

const YAML_LINE = "  - id: emergency-night\n    when: { departments: [\"Cardiothoracic & Vascular Surgery <North Tower>\"] }\n";

// ── The gallery ───────────────────────────────────────────────────────────────────────────────

type Output = { message: unknown } | { messages: unknown[] } | { view: unknown } | { text: string } | { block: unknown };
interface Entry {
  builder: string;
  name: string;
  build: () => Output;
}

const gallery: Entry[] = [];
const add = (builder: string, name: string, build: () => Output) => gallery.push({ builder, name, build });
const message = (value: unknown): Output => ({ message: value });
const view = (value: unknown): Output => ({ view: value });

// admin.ts
add("admin.ts#adminHelp", "usage only", () => message(admin.adminHelp()));
// The parser's message for an unknown verb quotes the verb as typed (one word of any length).
add("admin.ts#adminHelp", "an unknown 100-character verb", () => message(admin.adminHelp(`I don't know "admin ${hostile(100)}". Try /case admin help.`)));
add("admin.ts#adminHelp", "an unknown 2,500-character verb", () => message(admin.adminHelp(`I don't know "admin ${hostile(2500)}". Try /case admin help.`)));
add("admin.ts#rolesMessage", "nobody has a role", () => message(admin.rolesMessage([])));
add("admin.ts#rolesMessage", "500 people with roles", () => message(admin.rolesMessage(Array.from({ length: 500 }, (_, n) => ({ slackUserId: user(n), role: "coordinator" as const })))));
add("admin.ts#rulesMessage", "rules that fit the edit form (3,000 characters)", () => message(admin.rulesMessage(upTo(3000, YAML_LINE))));
add("admin.ts#rulesMessage", "a rule file of 13,000 characters", () => message(admin.rulesMessage(upTo(13_000, YAML_LINE))));
add("admin.ts#rulesMessage", "a large rule file (60,000 characters)", () => message(admin.rulesMessage(upTo(60_000, YAML_LINE))));
add("admin.ts#rulesMessage", "a rule file with one 10,000-character line", () => message(admin.rulesMessage(`version: 1\n${hostile(10_000)}\n`)));
const PURGE_BEFORE = new Date("2020-12-01T05:00:00Z");
add("admin.ts#auditPurgeMessage", "nothing older than the retention", () => message(admin.auditPurgeMessage({ caseEvents: 0, adminEvents: 0, total: 0, before: PURGE_BEFORE, years: 6 }, TZ)));
add("admin.ts#auditPurgeMessage", "a billion events older than 100 years", () => message(admin.auditPurgeMessage({ caseEvents: 999_999_999, adminEvents: 999_999_999, total: 1_999_999_998, before: PURGE_BEFORE, years: 100 }, TZ)));
add("admin.ts#auditPurgedMessage", "already purged", () => message(admin.auditPurgedMessage({ caseEvents: 0, adminEvents: 0, total: 0, before: PURGE_BEFORE }, TZ)));
add("admin.ts#auditPurgedMessage", "a billion events purged", () => message(admin.auditPurgedMessage({ caseEvents: 999_999_999, adminEvents: 1, total: 1_000_000_000, before: PURGE_BEFORE }, TZ)));
add("admin.ts#rulesEditModal", "rules of 3,000 characters", () => view(admin.rulesEditModal(upTo(3000, YAML_LINE))));

// case-card.ts
for (const { state, type, open, summary } of CASES) {
  add("case-card.ts#caseCard", `${type}, ${state}`, () => message(caseCard.caseCard(summary, TZ, TEAM)));
  add("case-card.ts#caseActions", `${type}, ${state}`, () => ({ block: caseCard.caseActions(summary) }));
  if (open) add("case-card.ts#filedConfirmation", `${type}, ${state}`, () => message(caseCard.filedConfirmation(summary, TZ, false)));
  add("case-card.ts#caseStatusMessage", `${type}, ${state}`, () => message(caseCard.caseStatusMessage(summary, TZ)));
}
add("case-card.ts#filedConfirmation", "already filed", () => message(caseCard.filedConfirmation(worstCase("new", "grievance"), TZ, true)));
add("case-card.ts#filedConfirmation", "resolved at the point of service", () =>
  message(caseCard.filedConfirmation(worstCase("resolved", "complaint", { classificationRule: "resolved_at_point_of_service", acknowledgeDueAt: null, responseDueAt: null }), TZ, false)),
);

// The plain-text stand-in: posted with no blocks (chat.postMessage) or with `blocks: []` (chat.update).
for (const { state, type, summary } of CASES) {
  add("case-card.ts#caseCardFallback", `${type}, ${state}, as text only`, () => ({ text: caseCard.caseCardFallback(summary, TZ).text }));
  add("case-card.ts#caseCardFallback", `${type}, ${state}, with blocks: []`, () => message(caseCard.caseCardFallback(summary, TZ)));
}
add("case-card.ts#caseCardFallback", "unit named with & < > throughout, with blocks: []", () =>
  message(caseCard.caseCardFallback(worstCase("investigating", "grievance", { department: dense(75) }), TZ)),
);

// case-action.modals.ts: each form in the states where the card offers it
for (const { state, type, open, summary } of CASES) {
  const label = `${type}, ${state}`;
  if (open) {
    add("case-action.modals.ts#changeStatusModal", label, () => view(caseActionModals.changeStatusModal(summary)));
    add("case-action.modals.ts#reassignModal", label, () => view(caseActionModals.reassignModal(summary)));
    add("case-action.modals.ts#closeModal", label, () => view(caseActionModals.closeModal(summary)));
    add("case-action.modals.ts#reclassifyModal", label, () => view(caseActionModals.reclassifyModal(summary)));
    add("case-action.modals.ts#confirmModal", `escalate: ${label}`, () =>
      view(caseActionModals.confirmModal(VIEWS.escalate, "Escalate case", summary, `Escalate *${summary.number}* to the managers? They are alerted now.`, "Escalate")),
    );
  } else {
    add("case-action.modals.ts#confirmModal", `reopen: ${label}`, () => view(caseActionModals.confirmModal(VIEWS.reopen, "Reopen case", summary, `Reopen *${summary.number}*? It goes back to investigating.`, "Reopen")));
  }
  add("case-action.modals.ts#addNoteModal", label, () => view(caseActionModals.addNoteModal(summary)));
  // Eight issues of the longest length, plain and full of & < >: the note's "Which issue?" and Edit issues.
  const issues = (text: (length: number) => string) => Array.from({ length: 8 }, (_, index) => ({ id: String(index + 1), text: text(200) }));
  add("case-action.modals.ts#addNoteModal", `${label}, eight longest issues`, () => view(caseActionModals.addNoteModal(summary, issues(hostile))));
  add("case-action.modals.ts#editIssuesModal", `${label}, eight longest issues`, () => view(caseActionModals.editIssuesModal(summary, issues(long))));
  add("case-action.modals.ts#editIssuesModal", `${label}, one issue and room for more`, () => view(caseActionModals.editIssuesModal(summary, issues(hostile).slice(0, 1))));
  add("case-action.modals.ts#detailsModal", `${label}, longest plain text`, () => view(caseActionModals.detailsModal(worstDetails(summary, long), TZ)));
}
add("case-action.modals.ts#detailsModal", "text full of & < > (escaped)", () => view(caseActionModals.detailsModal(worstDetails(worstCase("closed", "grievance"), hostile), TZ)));

// guidance.ts: the longest cards and directory entries the guidance and resource files allow
const worstCard = (n: number, text: (length: number) => string) => ({
  id: `card-${n}`,
  title: text(70),
  urgent: n === 0,
  body: Array.from({ length: 8 }, () => text(300 + 150)),
  sources: Array.from({ length: 6 }, () => text(200)),
});
const worstResource = (n: number, text: (length: number) => string) => ({
  id: upTo(50, `resource-${n}-`),
  name: text(100),
  example: n % 2 === 0,
  helpsWith: [...RESOURCE_TAGS],
  eligibility: text(300),
  languages: Array.from({ length: 12 }, () => text(40)),
  phone: "+1 (555) 010-0199 ext. 123456",
  hours: text(120),
  address: text(200),
  website: `https://example.org/${upTo(180, "community-resource/")}`,
});
const worstHelp = (text: (length: number) => string, cards = 20, resources = 8): CaseHelp => ({
  caseId: "00000000-0000-4000-8000-000000000001",
  caseNumber: NUMBER,
  cards: Array.from({ length: cards }, (_, n) => worstCard(n, text)),
  resources: Array.from({ length: resources }, (_, n) => ({ resource: worstResource(n, text), needs: [...RESOURCE_TAGS], speaksLanguage: true, offered: n % 2 === 1 })),
  offered: Array.from({ length: 40 }, () => ({ name: text(100), offeredAt: at(-1) })),
});
const DIRECTORY = Array.from({ length: 300 }, (_, n) => worstResource(n, long));
for (const [label, text] of [["longest plain text", long], ["text full of & < >", hostile], ["text made of & < >", dense]] as const) {
  add("guidance.ts#guidanceThreadMessage", `12 cards, ${label}`, () => message(guidance.guidanceThreadMessage("00000000-0000-4000-8000-000000000001", OWNER, Array.from({ length: 12 }, (_, n) => worstCard(n, text)))));
  add("guidance.ts#caseHelpBlocks", `${label}`, () => message({ text: "help", blocks: guidance.caseHelpBlocks(worstHelp(text)) }));
  add("guidance.ts#caseGuidanceModal", `20 cards and 8 resources, ${label}`, () => view(guidance.caseGuidanceModal(NUMBER, worstHelp(text))));
  add("guidance.ts#guideCardMessage", `${label}`, () => message(guidance.guideCardMessage(worstCard(0, text))));
  add("guidance.ts#guideTopicsMessage", `60 topics, ${label}`, () => message(guidance.guideTopicsMessage(Array.from({ length: 60 }, (_, n) => ({ id: upTo(50, `topic-${n}-`), title: text(70) })), text(5000))));
  add("guidance.ts#recordResourcesModal", `8 suggested, 300 in the directory, ${label}`, () =>
    view(guidance.recordResourcesModal(NUMBER, "00000000-0000-4000-8000-000000000001", worstHelp(text).resources, Array.from({ length: 300 }, (_, n) => worstResource(n, text)))),
  );
  add("guidance.ts#resourceReportMessage", `every kind, 300 resources, ${label}`, () =>
    message(guidance.resourceReportMessage({ month: "2026-11", offers: 99_999, cases: 9_999, byTag: RESOURCE_TAGS.map((tag) => ({ tag, count: 9_999 })), byResource: Array.from({ length: 300 }, () => ({ name: text(100), count: 999 })) })),
  );
  add("guidance.ts#settingsFileMessage", `300 lines and warnings, ${label}`, () => message(guidance.settingsFileMessage(text(200), Array.from({ length: 300 }, () => text(160)), [text(900)], "How to change it.")));
  add("guidance.ts#offersRecordedText", `${label}`, () => ({ text: guidance.offersRecordedText(Array.from({ length: 100 }, () => text(100)), NOW, TZ) }));
  add("case-action.modals.ts#detailsModal", `with guidance and resources, ${label}`, () => view(caseActionModals.detailsModal(worstDetails(worstCase("investigating", "grievance"), text), TZ, 0, worstHelp(text))));
}
add("guidance.ts#caseHelpBlocks", "nothing fits", () => message({ text: "help", blocks: guidance.caseHelpBlocks({ ...worstHelp(long, 0, 0), offered: [] }) }));
add("guidance.ts#caseGuidanceModal", "nothing fits", () => view(guidance.caseGuidanceModal(NUMBER, worstHelp(long, 0, 0))));
add("guidance.ts#recordResourcesModal", "nothing suggested, whole directory", () => view(guidance.recordResourcesModal(NUMBER, "00000000-0000-4000-8000-000000000001", [], DIRECTORY)));
add("guidance.ts#recordResourcesModal", "an empty directory", () => view(guidance.recordResourcesModal(NUMBER, "00000000-0000-4000-8000-000000000001", [], [])));
add("guidance.ts#resourceReportMessage", "none this month", () => message(guidance.resourceReportMessage({ month: "2026-11", offers: 0, cases: 0, byTag: [], byResource: [] })));
add("guidance.ts#settingsFileMessage", "nothing to warn of", () => message(guidance.settingsFileMessage("10 guidance cards in force", ["a: A"], [], "How to change it.")));

// settings-entries.ts: one card or resource in a form. Ids at their longest (50), what an admin may
// type as an id (any length), titles and names at their longest, YAML filling the input (3,000).
const ENTRY_ID = upTo(50, "medicare-discharge-");
const TYPED_ID = hostile(2500);
for (const file of ["guidance", "resources"] as const) {
  add("settings-entries.ts#settingsEntryModal", `${file}: an entry of 3,000 characters of YAML`, () => view(settingsEntries.settingsEntryModal({ file, id: ENTRY_ID, stamp: "0123456789abcdef" }, upTo(3000, YAML_LINE))));
  add("settings-entries.ts#settingsEntryModal", `${file}: a new entry`, () => view(settingsEntries.settingsEntryModal({ file })));
  add("settings-entries.ts#entryTooLongMessage", `${file}: a 2,500-character id, 100,000 characters`, () => message(settingsEntries.entryTooLongMessage(file, TYPED_ID, 100_000)));
  add("settings-entries.ts#entryNotFoundMessage", `${file}: a 2,500-character id typed`, () => message(settingsEntries.entryNotFoundMessage(file, TYPED_ID)));
  add("settings-entries.ts#removeEntryMessage", `${file}: longest id and label`, () => message(settingsEntries.removeEntryMessage(file, { id: ENTRY_ID, label: hostile(100) })));
  // Only an entry found is offered for removal, so its id is a valid one (50 characters at most).
  add("settings-entries.ts#removeEntryMessage", `${file}: a label past any limit`, () => message(settingsEntries.removeEntryMessage(file, { id: ENTRY_ID, label: dense(3000) })));
  for (const action of ["added", "edited", "removed"] as const) {
    add("settings-entries.ts#entrySavedMessage", `${file}: ${action}, renamed from a 2,500-character id, version 2^31`, () =>
      message(settingsEntries.entrySavedMessage(file, { id: TYPED_ID, action, version: 2_147_483_647, was: dense(2500) })),
    );
  }
}

// survey-import.ts: units and categories at their longest, 1,000 candidates, problems past Slack's section limit.
const worstOffers = (count: number, unitText: (length: number) => string) =>
  Array.from({ length: count }, (_, n) => ({ commentId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, unit: unitText(100), category: CATEGORIES[n % CATEGORIES.length]!.id, date: "2026-11-20" }));
add("survey-import.ts#surveyImportModal", "the form", () => view(surveyImport.surveyImportModal()));
add("survey-import.ts#surveyImportingView", "while importing", () => view(surveyImport.surveyImportingView()));
for (const [label, text] of [["longest plain text", long], ["text full of & < >", hostile], ["text made of & < >", dense]] as const) {
  add("survey-import.ts#surveyImportResultView", `200 units offered to 50 people each, ${label}`, () =>
    view(surveyImport.surveyImportResultView({ imported: 999_999, duplicates: 999_999, candidates: 99_999, anonymous: 999_999, identifiedNoRequest: 999_999, offered: Array.from({ length: 200 }, () => ({ unit: text(100), count: 9_999, recipients: Array.from({ length: 50 }, (_, n) => `U0COORD${String(n).padStart(4, "0")}`) })) })),
  );
  add("survey-import.ts#surveyImportProblemView", `21 problems, ${label}`, () => view(surveyImport.surveyImportProblemView(Array.from({ length: 21 }, () => text(400)).join("\n"))));
  add("survey-import.ts#candidateOfferMessage", `20 offers, and a note of more, ${label}`, () => message(surveyImport.candidateOfferMessage(worstOffers(25, text))));
  add("survey-import.ts#candidateOfferMessages", `1,000 offers in 50 messages, ${label}`, () => ({ messages: surveyImport.candidateOfferMessages(worstOffers(1_000, text)) }));
}
add("survey-import.ts#candidateOfferMessage", "one offer", () => message(surveyImport.candidateOfferMessage(worstOffers(1, (length) => "x".repeat(Math.min(length, 3))))));
add("survey-import.ts#surveyImportResultView", "nothing new", () => view(surveyImport.surveyImportResultView({ imported: 0, duplicates: 3, candidates: 0, anonymous: 0, identifiedNoRequest: 0, offered: [] })));

// case-intake.modal.ts
const WORST_VALUES = {
  patientName: long(200),
  raisedBy: "representative",
  raiserName: long(200),
  contact: `${upTo(242, "patient.relations")}@example.org`,
  preferredLanguage: long(50),
  department: DEPARTMENTS[99],
  category: LONGEST_CATEGORY,
  severity: 4,
  receivedVia: RECEIVED_VIA.at(-1)?.id,
  receivedAt: at(-24 * 365),
  description: hostile(3000),
  desiredOutcome: hostile(3000),
  flags: ["resolved_on_spot", "written_response_requested", "medicare_beneficiary", "alleges_harm"],
} as const;
const intake = (departments: readonly string[], values?: object, notice?: string) =>
  view(caseIntake.caseIntakeModal({ departments, now: NOW, privateMetadata: JSON.stringify({ v: 1, originChannelId: "C0CASES00001", sourceMessageTs: CARD.cardMessageTs }), ...(values ? { values } : {}), ...(notice ? { notice } : {}) }));
add("case-intake.modal.ts#caseIntakeModal", "empty, 100 departments", () => intake(DEPARTMENTS));
add("case-intake.modal.ts#caseIntakeModal", "150 departments configured", () => intake(MANY_DEPARTMENTS));
add("case-intake.modal.ts#caseIntakeModal", "every field at its longest, with a notice", () =>
  intake(DEPARTMENTS, WORST_VALUES, "The message is longer than the form can hold (12,345 characters; the limit is 3,000): the start is copied below. Add the rest as a case note after filing."),
);
add("case-intake.modal.ts#caseIntakeModal", "asking the harm question, every field at its longest, with a notice", () =>
  view(
    caseIntake.caseIntakeModal({
      departments: DEPARTMENTS,
      now: NOW,
      privateMetadata: JSON.stringify({ v: 1 }),
      values: { ...WORST_VALUES, harmAnswer: "yes" } as never,
      notice: `:warning: ${long(2000)}`,
      askHarm: true,
    }),
  ),
);
add("case-intake.modal.ts#caseIntakeModal", "values longer than the fields (a message shortcut's text)", () =>
  intake(DEPARTMENTS, { ...WORST_VALUES, patientName: long(5000), description: long(40_000), desiredOutcome: long(40_000) }),
);

// case-list.ts
add("case-list.ts#caseListMessage", "no cases", () => message(caseList.caseListMessage("Your open cases", [], NOW, "You own no open cases.", WORKSPACE)));
add("case-list.ts#caseListMessage", "40 cases with the longest units (25 shown)", () => message(caseList.caseListMessage("Search results", manyCases(40), NOW, "No case matches those words.", WORKSPACE)));
add("case-list.ts#caseListMessage", "a long search title", () => message(caseList.caseListMessage(`Open cases: ${hostile(300)}`, manyCases(25), NOW, "No open cases.", WORKSPACE)));
for (const role of ["staff", "coordinator", "manager", "admin"] as const) {
  add("case-list.ts#homeView", `${role}, every list full`, () => view(caseList.homeView(WORST_HOME(role), NOW, { timeZone: TZ, workspaceUrl: WORKSPACE })));
}
add("case-list.ts#homeView", "empty", () => view(caseList.homeView({ role: "staff", mine: [], awaitingApproval: [], unassigned: [], counts: null }, NOW, { timeZone: TZ, workspaceUrl: WORKSPACE })));

// case-updates.ts: posted as text-only messages (thread updates and direct messages)
for (const kind of UPDATE_KINDS) {
  add("case-updates.ts#threadUpdateText", kind, () => ({ text: caseUpdates.threadUpdateText(updatePayload(kind)) }));
  add("case-updates.ts#directMessageText", kind, () => ({ text: caseUpdates.directMessageText(updatePayload(kind), worstCase("investigating", "grievance"), `${WORKSPACE}archives/C0CASES00001/p1764590400123456`) }));
}
for (const reminder of REMINDERS) add("case-updates.ts#threadUpdateText", `reminder ${reminder}`, () => ({ text: caseUpdates.threadUpdateText(updatePayload("reminder", { reminder })) }));

// delivery-alert.ts: Slack's reason as refusalReason writes it, at its cap of 1,000 characters.
const refusal = (code: string, detail = "must be less than 3001 characters [json-pointer:/blocks/12/elements/4/options/0/text/text]; ") =>
  `${code}: ${upTo(1000 - code.length - 2, detail)}`;
const ALERT_WHAT = ["case_card", "case_card_refresh", "case_thread_update", "direct_message", "channel_message", "letter_message", "letter_draft", "route_case"];
const alert = (what: string, reason: string, fellBack: string) =>
  deliveryAlert.deliveryAlertMessage({ what, reason, channelId: "C0CASES00001", caseNumber: what === "channel_message" ? "" : NUMBER, fellBack });
for (const what of ALERT_WHAT) {
  for (const code of ["not_in_channel", "channel_not_found", "is_archived", "invalid_blocks"]) {
    for (const fellBack of ["yes", ""]) {
      add("delivery-alert.ts#deliveryAlertMessage", `${what}, ${code}${fellBack ? ", fell back to plain text" : ""}`, () => message(alert(what, refusal(code), fellBack)));
    }
  }
}
add("delivery-alert.ts#deliveryAlertMessage", "a reason made of & < > throughout", () => message(alert("case_card", refusal("invalid_blocks", "&<>"), "yes")));
add("delivery-alert.ts#deliveryAlertMessage", "a reason with no code: 1,000 characters of & < >", () => message(alert("letter_draft", dense(1000), "")));
add("delivery-alert.ts#deliveryAlertMessage", "a channel that is not an id", () =>
  message(deliveryAlert.deliveryAlertMessage({ what: "channel_message", reason: refusal("not_in_channel"), channelId: "", caseNumber: "", fellBack: "" })),
);

// digests.ts
const DIGEST_OPTIONS = { timeZone: TZ, workspaceUrl: WORKSPACE, late: true };
add("digests.ts#escalationMessages", "nothing at risk", () => ({ messages: digests.escalationMessages({ groups: [], total: 0 }, NOW, DIGEST_OPTIONS) }));
add("digests.ts#escalationMessages", "one case in every group", () => ({ messages: digests.escalationMessages(worstEscalation(1), NOW, DIGEST_OPTIONS) }));
add("digests.ts#escalationMessages", "10 cases in every group", () => ({ messages: digests.escalationMessages(worstEscalation(10), NOW, DIGEST_OPTIONS) }));
add("digests.ts#escalationMessages", "the longest digest: 300 cases in every group", () => ({ messages: digests.escalationMessages(worstEscalation(300), NOW, DIGEST_OPTIONS) }));
add("digests.ts#escalationMessages", "300 cases in every group, units named with & < > throughout", () => {
  const digest = worstEscalation(300);
  const groups = digest.groups.map((group) => ({ ...group, items: group.items.map((item) => ({ ...item, department: dense(75) })) }));
  return { messages: digests.escalationMessages({ ...digest, groups }, NOW, DIGEST_OPTIONS) };
});
add("trend-digest.ts#trendMessages", "every category and 150 units signalling every rule", () => ({ messages: trendDigest.trendMessages(WORST_TRENDS, DIGEST_OPTIONS) }));
add("trend-digest.ts#trendMessages", "every category and 150 units named with & < > signalling every rule", () => ({
  messages: trendDigest.trendMessages({ ...WORST_TRENDS, byDepartment: MANY_DEPARTMENTS.map((_, n) => row(`${n} ${dense(70)}`, n)) }, DIGEST_OPTIONS),
}));
add("trend-digest.ts#trendMessages", "a quiet week, no history yet", () => ({
  messages: trendDigest.trendMessages(
    { ...WORST_TRENDS, weekStarts: [WORST_TRENDS.periodStart], baselineWeeks: 0, baselineWeeklyMean: null, byCategory: [], byDepartment: [], medianHoursToAcknowledge: null, medianHoursToResolve: null },
    { ...DIGEST_OPTIONS, late: false },
  ),
}));

// data-blocks.ts: the longest inputs each builder takes.
const SIX_SERIES = Array.from({ length: dataBlocks.CHART_LIMITS.series }, (_, n) => ({ name: department(n), values: WEEKS.slice(-20).map(() => 123_456.78) }));
const TWENTY_WEEKS = WEEKS.slice(-20).map((week) => `Week starting ${week.toISOString()}`);
add("data-blocks.ts#seriesChart", "six series of 20 points, long names", () => ({
  message: { text: "Chart", blocks: [dataBlocks.seriesChart({ type: "line", title: long(200), categories: TWENTY_WEEKS, series: SIX_SERIES, xLabel: long(200), yLabel: long(200) })] },
}));
add("data-blocks.ts#seriesChart", "one bar", () => ({ message: { text: "Chart", blocks: [dataBlocks.seriesChart({ type: "bar", title: "Cases", categories: ["30 Nov"], series: [{ name: "Safety", values: [1] }] })] } }));
add("data-blocks.ts#pieChart", "six segments, long labels", () => ({
  message: { text: "Chart", blocks: [dataBlocks.pieChart(long(200), SIX_SERIES.map((series, n) => ({ label: series.name, value: n + 1 })))!] },
}));
add("data-blocks.ts#dataTables", "150 rows of 20 long cells, one table per message", () => ({
  messages: dataBlocks
    .dataTables({ caption: long(500), header: Array.from({ length: 20 }, (_, n) => `${n} ${long(70)}`), rows: MANY_DEPARTMENTS.map((name) => Array.from({ length: 20 }, (_, n) => (n % 2 ? { value: n, text: String(n) } : name))) })
    .map((table) => ({ text: "Table", blocks: [table] })),
}));

// help.ts
add("help.ts#helpMessage", "usage", () => message(help.helpMessage()));
add("help.ts#helpMessage", "an unknown command of 3,000 characters", () => message(help.helpMessage(hostile(3000))));
// Its callers pass the app's own sentences; this is the longest of them.
add("help.ts#problemMessage", "the longest problem", () =>
  message(help.problemMessage("Your patient concern could not be saved (the case database did not answer), and the form had been closed. Please file it again with /case; if it keeps failing, tell your patient-relations manager.")),
);

// intake-progress.ts
add("intake-progress.ts#filingModal", "saving", () => view(intakeProgress.filingModal()));
for (const { state, type, summary } of CASES.filter((entry) => entry.open)) {
  add("intake-progress.ts#filedModal", `${type}, ${state}`, () => view(intakeProgress.filedModal(caseCard.filedConfirmation(summary, TZ, false))));
}

// letter-download.ts
for (const format of ["pdf", "txt"] as const) {
  add("letter-download.ts#downloadSending", format, () => message(letterDownload.downloadSending({ format, caseNumber: NUMBER, version: 9999 })));
  add("letter-download.ts#downloadFailed", format, () => message(letterDownload.downloadFailed({ format, caseNumber: NUMBER, version: 9999 })));
}

// letter.ts: every status, source and kind
for (const kind of ["response", "interim"]) add("letter.ts#letterPlaceholder", kind, () => message(letter.letterPlaceholder(NUMBER, kind)));
for (const status of ["drafting", "draft", "approved", "sent", "rejected"]) {
  for (const source of ["llm", "template", "edit"]) {
    add("letter.ts#letterMessage", `${status}, ${source}`, () => message(letter.letterMessage(letterView(status, source, "interim", LETTER_TEXT), TZ)));
  }
}
add("letter.ts#letterViewModal", "the longest letter", () => view(letter.letterViewModal(letterView("draft", "llm", "response", LETTER_TEXT))));
add("letter.ts#letterViewModal", "a letter full of & < > (escaped)", () => view(letter.letterViewModal(letterView("draft", "llm", "response", HOSTILE_LETTER))));
add("letter.ts#letterViewModal", "rejected, with the longest reason", () => view(letter.letterViewModal(letterView("rejected", "edit", "response", LETTER_TEXT))));
add("letter.ts#letterViewModal", "rejected, with the longest reason made of & < >", () => {
  const rejected = letterView("rejected", "edit", "response", LETTER_TEXT);
  return view(letter.letterViewModal({ ...rejected, letter: { ...rejected.letter, rejectedReason: dense(LETTER_REVIEW_LIMITS.rejectReason) } }));
});
add("letter.ts#letterViewModal", "approved over failing checks, with the longest override reason made of & < >", () => {
  const approved = letterView("approved", "llm", "response", LETTER_TEXT);
  return view(letter.letterViewModal({ ...approved, letter: { ...approved.letter, overrideReason: dense(LETTER_REVIEW_LIMITS.overrideReason) } }));
});
add("letter.ts#approveModal", "every required check failing", () => view(letter.approveModal(letterView("draft", "llm", "interim", LETTER_TEXT), TZ)));
add("letter.ts#approveModal", "every check passing", () => view(letter.approveModal(letterView("draft", "template", "response", LETTER_TEXT, EVERY_CHECK_PASSING), TZ)));
add("letter.ts#approveModal", "an interim letter with its promised date", () =>
  view(letter.approveModal({ ...letterView("draft", "llm", "interim", LETTER_TEXT), promisedResponseBy: new Date("2026-12-31T14:30:00Z") }, TZ)),
);
add("letter.ts#editModal", "the longest letter", () => view(letter.editModal(letterView("draft", "edit", "response", LETTER_TEXT))));
add("letter.ts#editModal", "a letter of one unbroken 20,000-character paragraph", () => view(letter.editModal(letterView("draft", "edit", "response", "x".repeat(LETTER_LIMITS.maxCharacters)))));
add("letter.ts#regenerateModal", "draft", () => view(letter.regenerateModal(letterView("draft", "llm", "response", LETTER_TEXT))));
add("letter.ts#rejectModal", "draft", () => view(letter.rejectModal(letterView("draft", "llm", "response", LETTER_TEXT))));

// listeners/respond.ts
add("listeners/respond.ts#notice", "the longest notice", () => message(respond.notice(long(2900), ":arrows_counterclockwise:")));
add("listeners/respond.ts#notDoneView", "the longest reason", () => view(respond.notDoneView(long(2900))));

// Unit and team names made of & < > throughout (75 and 100 characters, escaping to 375 and 500).
const DENSE_UNIT = { department: dense(75) };
add("case-card.ts#caseCard", "unit and team named with & < > throughout", () => message(caseCard.caseCard(worstCase("investigating", "grievance", DENSE_UNIT), TZ, dense(100))));
add("case-list.ts#caseListMessage", "25 cases in units named with & < > throughout", () =>
  message(caseList.caseListMessage("Open cases", manyCases(25).map((summary) => ({ ...summary, ...DENSE_UNIT })), NOW, "No open cases.", WORKSPACE)),
);
add("case-list.ts#homeView", "manager, units named with & < > throughout", () => {
  const home = WORST_HOME("manager");
  const inDenseUnits = (cases: CaseSummary[]) => cases.map((summary) => ({ ...summary, ...DENSE_UNIT }));
  return view(caseList.homeView({ ...home, mine: inDenseUnits(home.mine), unassigned: inDenseUnits(home.unassigned) }, NOW, { timeZone: TZ, workspaceUrl: WORKSPACE }));
});
add("case-action.modals.ts#detailsModal", "text made of & < > throughout", () => view(caseActionModals.detailsModal(worstDetails(worstCase("closed", "grievance", DENSE_UNIT), dense), TZ)));
// Every note is shown in full, paged: the worst case is many long notes made of & < > (each escapes to five times its length), or of emoji (four bytes each).
function manyNotes(count: number, length: number, text: (length: number) => string): CaseDetails {
  const details = worstDetails(worstCase("closed", "grievance", DENSE_UNIT), dense);
  return { ...details, notes: Array.from({ length: count }, (_, n) => ({ kind: ["step", "result", "note"][n % 3] as string, body: text(length), authorId: user(n), createdAt: at(-n) })) };
}
for (const [label, details] of [
  ["200 notes of 2,000 characters of & < >", manyNotes(200, 2000, dense)],
  ["120 notes of 3,000 characters of & < >", manyNotes(120, 3000, dense)],
  ["100 notes of 3,000 characters of emoji", manyNotes(100, 3000, (length) => upTo(length, "😀"))],
] as const) {
  const pages = caseActionModals.detailsPages(details, TZ).length;
  for (const page of [...new Set([0, 1, Math.floor(pages / 2), pages - 1])]) {
    add("case-action.modals.ts#detailsModal", `${label}: page ${page + 1} of ${pages}`, () => view(caseActionModals.detailsModal(details, TZ, page)));
  }
}

// team-glance.ts: the team at a glance. Worst case: 40 coordinators and 500 open cases, all at
// risk this week, most of them one coordinator's; every count at six digits.
const riskCase = (n: number): AtRiskCase => ({
  caseId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  number: `PR-2026-${10_000_000 + n}`,
  kind: n % 2 ? "acknowledge" : "response",
  overdue: n % 3 === 0,
  dueAt: at(n % 3 === 0 ? -2_000 - n : 150),
  ...CARD,
});
const coordinatorRow = (n: number, risks: AtRiskCase[]): CoordinatorMetrics => ({
  userId: user(100 + n),
  open: 123_456,
  overdue: 123_456,
  acknowledge: { medianHours: 47.99, acknowledged: 123_456, waiting: 123_456 },
  resolve: { medianHours: 123_456.78, resolved: 123_456 },
  grievancesInTime: { count: 123_455, of: 123_456, share: 123_455 / 123_456 },
  firstDraftsPassing: { count: 1, of: 123_456, share: 1 / 123_456 },
  reopened: 123_456,
  atRisk: risks,
});
const teamGlanceOf = (coordinators: CoordinatorMetrics[], complete = false): TeamGlance => ({
  month: "2026-11",
  complete,
  period: { from: new Date("2026-11-01T04:00:00Z"), to: new Date("2026-12-01T05:00:00Z") },
  now: NOW,
  coordinators,
  team: { ...coordinatorRow(0, []), unassignedOpen: 123_456 },
});
const RISKS = Array.from({ length: 500 }, (_, n) => riskCase(n));
// Coordinator 0 has 461 of the 500 at-risk cases; the other 39 one each.
const WORST_TEAM = teamGlanceOf(Array.from({ length: 40 }, (_, n) => coordinatorRow(n, n === 0 ? RISKS.slice(0, 461) : [RISKS[460 + n] as AtRiskCase])));
const HUGE_TEAM = teamGlanceOf(Array.from({ length: 300 }, (_, n) => coordinatorRow(n, RISKS.slice(n, n + 30))));
const TEAM_OPTIONS = { workspaceUrl: WORKSPACE };
add("team-glance.ts#teamHomeBlocks", "40 coordinators, 500 open cases at risk", () => view({ type: "home", blocks: teamGlance.teamHomeBlocks(WORST_TEAM, TEAM_OPTIONS, 99) }));
add("team-glance.ts#teamHomeBlocks", "300 coordinators, 30 at risk each (paged)", () => view({ type: "home", blocks: teamGlance.teamHomeBlocks(HUGE_TEAM, TEAM_OPTIONS, 99) }));
add("team-glance.ts#teamHomeBlocks", "no coordinators yet", () => view({ type: "home", blocks: teamGlance.teamHomeBlocks(teamGlanceOf([]), TEAM_OPTIONS, 99) }));
add("team-glance.ts#teamHomeBlocks", "two blocks left", () => view({ type: "home", blocks: [{ type: "divider" }, ...teamGlance.teamHomeBlocks(WORST_TEAM, TEAM_OPTIONS, 2)] }));
for (const role of ["manager", "admin"] as const) {
  add("case-list.ts#homeView", `${role}, every list full, with the team at a glance (40 coordinators, 500 at risk)`, () =>
    view(caseList.homeView(WORST_HOME(role), NOW, { timeZone: TZ, workspaceUrl: WORKSPACE, team: WORST_TEAM })),
  );
}
add("team-glance.ts#teamMessages", "/case team: 40 coordinators, 500 open cases at risk", () => ({
  messages: teamGlance.teamMessages(WORST_TEAM, { ...TEAM_OPTIONS, title: "Team at a glance", maxMessages: teamGlance.TEAM_REPLY_MESSAGES }),
}));
add("team-glance.ts#teamMessages", "/case team: 300 coordinators, cut to 5 messages", () => ({
  messages: teamGlance.teamMessages(HUGE_TEAM, { ...TEAM_OPTIONS, title: "Team at a glance", maxMessages: teamGlance.TEAM_REPLY_MESSAGES }),
}));
add("team-glance.ts#teamMessages", "monthly digest: 300 coordinators, every one", () => ({ messages: teamGlance.teamMessages(teamGlanceOf(HUGE_TEAM.coordinators, true), { ...TEAM_OPTIONS, title: "Monthly team digest" }) }));
add("team-glance.ts#teamMessages", "monthly digest: no coordinators", () => ({ messages: teamGlance.teamMessages(teamGlanceOf([], true), { ...TEAM_OPTIONS, title: "Monthly team digest" }) }));

// ── Checking ──────────────────────────────────────────────────────────────────────────────────

/** Slack's answer to each message or view the entry builds; empty when Slack would accept them all. */
function refusals(output: Output): { part: number; refusal: SlackRefusal }[] {
  const results: (SlackRefusal | null)[] =
    "view" in output
      ? [checkView(output.view)]
      : "messages" in output
        ? output.messages.map((part) => checkMessage(part as { text?: unknown; blocks?: unknown }))
        : "text" in output
          ? [checkMessage({ text: output.text })]
          : "block" in output
            ? [checkMessage({ text: "Case card", blocks: [output.block] })]
            : [checkMessage(output.message as { text?: unknown; blocks?: unknown })];
  return results.flatMap((refusal, part) => (refusal ? [{ part, refusal }] : []));
}

describe("Block Kit gallery: every builder with the worst data is accepted by Slack", () => {
  for (const entry of gallery) {
    it(`${entry.builder}: ${entry.name}`, () => {
      expect(refusals(entry.build())).toEqual([]);
    });
  }
});

describe("the gallery covers every builder", () => {
  const covered = new Set(gallery.map((entry) => entry.builder));
  const exported = Object.entries(MODULES).flatMap(([file, module]) => Object.keys(module).map((name) => `${file}#${name}`));

  it("imports every module in src/slack/blocks", () => {
    const files = readdirSync(new URL("../../../src/slack/blocks/", import.meta.url)).filter((file) => file.endsWith(".ts"));
    expect(files.sort()).toEqual(Object.keys(BLOCK_MODULES).sort());
  });

  it("lists every export as a builder with gallery entries or as a helper", () => {
    expect(exported.filter((name) => !covered.has(name) && !NOT_BUILDERS.includes(name))).toEqual([]);
  });

  it("lists nothing that is no longer exported", () => {
    expect([...covered, ...NOT_BUILDERS].filter((name) => !exported.includes(name))).toEqual([]);
  });
});
