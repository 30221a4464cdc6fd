import { randomUUID } from "node:crypto";
import type { CaseDetails, CaseRepository, CaseSummary, NewCase } from "../../src/cases/case.ts";
import { defaultIssue, numberIssues } from "../../src/cases/case-issues.ts";
import type { MemoryDatabase, StoredCase } from "./memory-database.ts";

// CaseRepository in memory, with the semantics of case.repository.ts: one case per intake key,
// numbers PR-<year>-<4+ digits> without gaps, and a change applied only when the case still looks
// as expected (the conditional UPDATE), with its audit event, note, task and posts together.

/** The patient, and whoever raised the concern when it was not the patient; contact details go with whoever gave them. */
function peopleOf(intake: NewCase["intake"]): CaseDetails["people"] {
  const contact = { phone: intake.contactPhone ?? null, email: intake.contactEmail ?? null, mailingAddress: intake.mailingAddress ?? null };
  const none = { phone: null, email: null, mailingAddress: null };
  const patient = { role: "patient", relationship: "patient", name: intake.patientName, preferredLanguage: intake.preferredLanguage ?? null, ...(intake.raisedBy === "patient" ? contact : none) };
  if (intake.raisedBy === "patient") return [patient];
  return [patient, { role: "raised_by", relationship: intake.raisedBy, name: intake.raiserName ?? "", preferredLanguage: null, ...contact }];
}

export function createMemoryCaseRepository(db: MemoryDatabase): CaseRepository {
  const summaryOf = (stored: StoredCase): CaseSummary => structuredClone(stored.summary);

  function detailsOf(stored: StoredCase): CaseDetails {
    const notes = db.notes
      .filter((note) => note.caseId === stored.summary.id)
      .map(({ kind, body, authorId, createdAt, issueId }) => ({ kind, body, authorId, createdAt, ...(issueId ? { issueId } : {}) }));
    return structuredClone({ summary: stored.summary, ...stored.details, notes });
  }

  return {
    async fileCase(newCase, outbox) {
      await db.beforeWrite();
      const existing = [...db.cases.values()].find((stored) => stored.intakeKey === newCase.context.intakeKey);
      if (existing) return { summary: summaryOf(existing), created: false };
      const { intake, context, classification, dueDates, year } = newCase;
      const sequence = (db.counters.get(year) ?? 0) + 1;
      db.counters.set(year, sequence);
      const id = randomUUID();
      const now = db.now();
      const summary: CaseSummary = {
        id,
        number: `PR-${year}-${String(sequence).padStart(4, "0")}`,
        status: newCase.status,
        type: classification.type,
        classificationRule: classification.rule,
        classificationOverridden: false,
        category: intake.category,
        department: intake.department,
        severity: intake.severity,
        allegesHarm: intake.allegesHarm,
        receivedVia: intake.receivedVia,
        receivedAt: intake.receivedAt,
        acknowledgeDueAt: dueDates.acknowledgeDueAt,
        responseDueAt: dueDates.responseDueAt,
        ownerId: null,
        filedBy: context.filedBy,
        cardChannelId: null,
        cardMessageTs: null,
        teamId: null,
        routingRule: null,
        escalatedAt: null,
        closedAt: null,
        outcome: null,
        openTasks: [],
        createdAt: now,
      };
      const details = {
        description: intake.description,
        desiredOutcome: intake.desiredOutcome,
        resolvedOnSpot: intake.resolvedOnSpot,
        writtenResponseRequested: intake.writtenResponseRequested,
        medicareBeneficiary: intake.medicareBeneficiary,
        resolutionSummary: null,
        people: peopleOf(intake),
        issues: numberIssues(intake.issues.length > 0 ? intake.issues : [defaultIssue(intake.category)]),
      };
      db.cases.set(id, { summary, details, intakeKey: context.intakeKey, acknowledgedAt: null, updatedAt: now });
      db.addEvent(id, "created", context.filedBy, { number: summary.number, type: summary.type, rule: summary.classificationRule, status: summary.status });
      db.queueOnce(outbox(id));
      return { summary: structuredClone(summary), created: true };
    },

    async findSummary(caseId) {
      const stored = db.cases.get(caseId);
      return stored ? summaryOf(stored) : null;
    },

    async recordCardPosted(caseId, channelId, messageTs) {
      await db.beforeWrite();
      const stored = db.cases.get(caseId);
      if (!stored) throw new Error(`no case ${caseId}`);
      stored.summary.cardChannelId = channelId;
      stored.summary.cardMessageTs = messageTs;
      db.addEvent(caseId, "card_posted", "system", { channelId, messageTs });
    },

    async findByNumber(number) {
      const stored = [...db.cases.values()].find((candidate) => candidate.summary.number === number);
      return stored ? summaryOf(stored) : null;
    },

    async applyChange(caseId, change) {
      await db.beforeWrite();
      const stored = db.cases.get(caseId);
      if (!stored) return { applied: false, current: null };
      const { expect } = change;
      const ownerMatches = !expect || !("ownerId" in expect) || stored.summary.ownerId === (expect.ownerId ?? null);
      const statusMatches = !expect?.statusIn || expect.statusIn.includes(stored.summary.status);
      if (!ownerMatches || !statusMatches) return { applied: false, current: summaryOf(stored) };

      const { acknowledgedAt, resolutionSummary, issues, ...columns } = change.data;
      // As Prisma does, a field given as undefined is left as it is.
      for (const [column, value] of Object.entries(columns)) if (value !== undefined) Object.assign(stored.summary, { [column]: value });
      if (acknowledgedAt !== undefined) stored.acknowledgedAt = acknowledgedAt;
      if (resolutionSummary !== undefined) stored.details.resolutionSummary = resolutionSummary;
      if (issues !== undefined) stored.details.issues = structuredClone(issues);
      stored.updatedAt = db.now();
      const event = db.addEvent(caseId, change.event.type, change.event.actorId, change.event.data);
      if (change.note) db.notes.push({ caseId, authorId: change.event.actorId, ...change.note, createdAt: db.now() });
      if (change.task && !stored.summary.openTasks.includes(change.task.kind)) {
        stored.summary.openTasks = [...stored.summary.openTasks, change.task.kind].sort();
      }
      db.queueOnce(change.notify(String(event.id)));
      return { applied: true, summary: summaryOf(stored) };
    },

    async readDetails(caseId, actorId) {
      const stored = db.cases.get(caseId);
      if (!stored) return null;
      db.addEvent(caseId, "details_viewed", actorId);
      return detailsOf(stored);
    },

    async loadDetailsForProcessing(caseId) {
      const stored = db.cases.get(caseId);
      return stored ? detailsOf(stored) : null;
    },

    async recordDenied(caseId, actorId, action) {
      db.addEvent(caseId, "permission_denied", actorId, { action });
    },
  };
}
