import type { Clock } from "../lib/clock.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { createCaseAccess } from "../users/case-access.ts";
import { type Actor, type CaseAction, canOwnCases } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";
import type { CaseChange, CaseDetails, CaseRepository, CaseStatus, CaseSummary } from "./case.ts";
import { cleanText, TEXT_LIMITS } from "./case.schema.ts";
import { type CaseType, overrideClassification } from "./classify.ts";
import { type ClockPolicy, dueDatesFor } from "./clocks.ts";
import { announceInThread, type CaseUpdatePayload, directMessages, OUTBOX_KINDS } from "./case-updates.ts";
import { RAISED_BY } from "./taxonomy.ts";
import { editedIssues, recordedIssues } from "./case-issues.ts";
import { canClose, canReopen, CLOSE_OUTCOMES, type CloseOutcome, isOpen, NOTE_KINDS, type NoteKind, nextStatuses, STATUS_LABELS } from "./lifecycle.ts";

export interface CaseActionsDeps {
  cases: CaseRepository;
  roleOf(userId: string): Promise<Role>;
  /** Whether the user belongs to the routing team (teamId null: the whole patient-relations team). */
  isOnTeam(teamId: string | null, userId: string, role: Role): Promise<boolean>;
  /** Managers and admins: escalations and breach alerts go to them. */
  approvers(): Promise<string[]>;
  /** Whether the case has an approved (or sent) written response letter. */
  hasWrittenResponse(caseId: string): Promise<boolean>;
  clock: Clock;
  policy: ClockPolicy;
}

/** Ownership, status, notes, escalation and closure: every action checked, audited and announced. */
export function createCaseActions(deps: CaseActionsDeps) {
  const { cases, clock } = deps;
  const access = createCaseAccess(deps);

  /**
   * Loads the case and the actor's current role, and refuses (audited) what they may not do: every
   * action first needs permission to view the case (its team or a manager), then its own rule.
   */
  async function authorize(action: CaseAction, caseId: string, userId: string): Promise<{ summary: CaseSummary; actor: Actor }> {
    const summary = await cases.findSummary(caseId);
    if (!summary) throw new AppError(ErrorCode.notFound, "That case no longer exists.");
    const { decision, actor } = await access.decide(action, summary, userId);
    if (!decision.allowed) {
      await cases.recordDenied(caseId, userId, action);
      throw new AppError(ErrorCode.forbidden, `${decision.reason} Nothing was changed.`);
    }
    return { summary, actor };
  }

  async function apply(caseId: string, change: CaseChange, conflict: (current: CaseSummary) => string): Promise<CaseSummary> {
    const result = await cases.applyChange(caseId, change);
    if (result.applied) return result.summary;
    if (!result.current) throw new AppError(ErrorCode.notFound, "That case no longer exists.");
    throw new AppError(ErrorCode.conflict, conflict(result.current));
  }

  const update = (summary: CaseSummary, kind: CaseUpdatePayload["kind"], fields: Record<string, string>): CaseUpdatePayload => ({
    caseId: summary.id,
    kind,
    ...fields,
  });

  /** CMS A-0123: a grievance is answered in writing, even when the patient was updated verbally. */
  async function requireWrittenResponse(summary: CaseSummary) {
    if (summary.type === "grievance" && !(await deps.hasWrittenResponse(summary.id))) {
      throw new AppError(
        ErrorCode.conflict,
        `${summary.number} is a grievance: it needs an approved written response before it is resolved or closed. Draft one from the card's ⋯ menu.`,
      );
    }
  }

  function requireOpen(summary: CaseSummary) {
    if (!isOpen(summary.status)) {
      throw new AppError(ErrorCode.conflict, `${summary.number} is ${STATUS_LABELS[summary.status].toLowerCase()}. Reopen it first.`);
    }
  }

  return {
    /** Refuses (and audits) an action the user may not take; returns the case when allowed. */
    async ensureAllowed(action: CaseAction, caseId: string, userId: string): Promise<CaseSummary> {
      return (await authorize(action, caseId, userId)).summary;
    },

    /** Takes ownership of an unassigned case; of simultaneous claims exactly one wins. */
    async assignToMe(caseId: string, userId: string): Promise<CaseSummary> {
      const { summary } = await authorize("assign_self", caseId, userId);
      if (summary.ownerId === userId) throw new AppError(ErrorCode.conflict, `You already own ${summary.number}.`);
      if (summary.ownerId) throw new AppError(ErrorCode.conflict, `${summary.number} is already assigned to <@${summary.ownerId}>.`);
      requireOpen(summary);
      const payload = update(summary, "assigned", { actorId: userId, ownerId: userId });
      return apply(
        caseId,
        {
          expect: { ownerId: null },
          data: { ownerId: userId },
          event: { type: "assigned", actorId: userId, data: { ownerId: userId } },
          notify: (eventId) => announceInThread(eventId, payload),
        },
        (current) => (current.ownerId ? `${current.number} was just assigned to <@${current.ownerId}>.` : "The case changed; try again."),
      );
    },

    /** Hands the case to someone else and tells them. */
    async reassign(caseId: string, userId: string, newOwnerId: string): Promise<CaseSummary> {
      const { summary } = await authorize("reassign", caseId, userId);
      requireOpen(summary);
      // Owning a case opens its patient details: only the patient-relations team may own one.
      if (!canOwnCases(await deps.roleOf(newOwnerId))) {
        throw new AppError(ErrorCode.invalidInput, `<@${newOwnerId}> is not a patient-relations coordinator. An admin can grant the role with /case admin grant.`);
      }
      if (summary.ownerId === newOwnerId) throw new AppError(ErrorCode.conflict, `<@${newOwnerId}> already owns ${summary.number}.`);
      const payload = update(summary, "reassigned", { actorId: userId, ownerId: newOwnerId, previousOwnerId: summary.ownerId ?? "" });
      return apply(
        caseId,
        {
          expect: { ownerId: summary.ownerId },
          data: { ownerId: newOwnerId },
          event: { type: "reassigned", actorId: userId, data: { from: summary.ownerId ?? "", to: newOwnerId } },
          notify: (eventId) => [...announceInThread(eventId, payload), ...directMessages(eventId, newOwnerId === userId ? [] : [newOwnerId], payload)],
        },
        () => `${summary.number} changed hands while you were choosing; look at the card and try again.`,
      );
    },

    /** Moves along the workflow; refused when someone else moved it first. */
    async changeStatus(caseId: string, userId: string, to: CaseStatus, expectedFrom?: CaseStatus): Promise<CaseSummary> {
      const { summary } = await authorize("change_status", caseId, userId);
      if (expectedFrom && expectedFrom !== summary.status) {
        throw new AppError(ErrorCode.conflict, `${summary.number} is now ${STATUS_LABELS[summary.status].toLowerCase()}; someone changed it first.`);
      }
      const from = summary.status;
      if (!nextStatuses(from).includes(to)) {
        throw new AppError(ErrorCode.invalidInput, `A case that is ${STATUS_LABELS[from].toLowerCase()} cannot move to ${STATUS_LABELS[to].toLowerCase()}.`);
      }
      if (to === "resolved") await requireWrittenResponse(summary);
      const payload = update(summary, "status_changed", { actorId: userId, from, to });
      const now = clock.now();
      return apply(
        caseId,
        {
          expect: { statusIn: [from], ownerId: summary.ownerId },
          data: { status: to, ...(from === "new" ? { acknowledgedAt: now } : {}) },
          event: { type: "status_changed", actorId: userId, data: { from, to } },
          notify: (eventId) => announceInThread(eventId, payload),
        },
        (current) => `${current.number} is now ${STATUS_LABELS[current.status].toLowerCase()}; someone changed it first.`,
      );
    },

    /** Records an investigation step, a result or a note (they feed the response letter). */
    async addNote(caseId: string, userId: string, kind: NoteKind, text: string, issueId?: string | null): Promise<CaseSummary> {
      const { summary } = await authorize("add_note", caseId, userId);
      const body = cleanText(text);
      if (!(kind in NOTE_KINDS)) throw new AppError(ErrorCode.invalidInput, "Choose what kind of note this is.");
      if (body.length === 0) throw new AppError(ErrorCode.invalidInput, "Write the note.");
      if (body.length > TEXT_LIMITS.narrative) throw new AppError(ErrorCode.invalidInput, `A note holds ${TEXT_LIMITS.narrative.toLocaleString("en-US")} characters; split it in two.`);
      if (issueId) {
        const details = await cases.loadDetailsForProcessing(caseId);
        if (!details || !recordedIssues(details).some((issue) => issue.id === issueId)) {
          throw new AppError(ErrorCode.conflict, "That issue is no longer on the case (someone edited the issues). Choose the issue again.");
        }
      }
      const payload = update(summary, "note_added", { actorId: userId, noteKind: kind });
      return apply(
        caseId,
        {
          data: {},
          note: { kind, body, issueId: issueId ?? null },
          event: { type: "note_added", actorId: userId, data: { kind } },
          notify: (eventId) => announceInThread(eventId, payload),
        },
        () => "The case changed; try again.",
      );
    },

    /** Flags the case to the managers at once. */
    async escalate(caseId: string, userId: string): Promise<CaseSummary> {
      const { summary } = await authorize("escalate", caseId, userId);
      requireOpen(summary);
      const approvers = (await deps.approvers()).filter((id) => id !== userId);
      const payload = update(summary, "escalated", { actorId: userId });
      return apply(
        caseId,
        {
          data: { escalatedAt: clock.now() },
          event: { type: "escalated", actorId: userId, data: { notified: String(approvers.length) } },
          notify: (eventId) => [...announceInThread(eventId, payload), ...directMessages(eventId, approvers, payload)],
        },
        () => "The case changed; try again.",
      );
    },

    /** Closes with an outcome and a resolution summary. */
    async close(caseId: string, userId: string, outcome: CloseOutcome, summaryText: string, withdrawal?: { by: string; at: Date }): Promise<CaseSummary> {
      const { summary } = await authorize("close", caseId, userId);
      if (!canClose(summary.status)) throw new AppError(ErrorCode.conflict, `${summary.number} is already closed.`);
      if (!(outcome in CLOSE_OUTCOMES)) throw new AppError(ErrorCode.invalidInput, "Choose the outcome.");
      const withdrawn = outcome === "withdrawn";
      if (withdrawn) {
        if (!withdrawal || !RAISED_BY.some((entry) => entry.id === withdrawal.by)) throw new AppError(ErrorCode.invalidInput, "Say who withdrew it (the patient, a family member or a representative).");
        if (withdrawal.at.getTime() > clock.now().getTime() + 5 * 60_000 || withdrawal.at.getTime() < summary.receivedAt.getTime()) {
          throw new AppError(ErrorCode.invalidInput, "Enter when it was withdrawn: after it was received, and not in the future.");
        }
      } else {
        // A withdrawn concern is closed without the response letter; any other close needs it for a grievance.
        await requireWrittenResponse(summary);
      }
      const resolution = cleanText(summaryText);
      if (resolution.length < 5) throw new AppError(ErrorCode.invalidInput, "Summarize how the concern was resolved (a sentence is enough).");
      if (resolution.length > TEXT_LIMITS.narrative) throw new AppError(ErrorCode.invalidInput, `The summary holds ${TEXT_LIMITS.narrative.toLocaleString("en-US")} characters.`);
      const payload = update(summary, "closed", { actorId: userId, outcome });
      return apply(
        caseId,
        {
          expect: { statusIn: [summary.status], ownerId: summary.ownerId },
          data: { status: "closed", closedAt: clock.now(), outcome, resolutionSummary: resolution, withdrawnBy: withdrawn ? withdrawal!.by : null, withdrawnAt: withdrawn ? withdrawal!.at : null },
          event: { type: "closed", actorId: userId, data: { outcome, from: summary.status, ...(withdrawn ? { withdrawnBy: withdrawal!.by, withdrawnAt: withdrawal!.at.toISOString() } : {}) } },
          notify: (eventId) => announceInThread(eventId, payload),
        },
        (current) => `${current.number} is now ${STATUS_LABELS[current.status].toLowerCase()}; someone changed it first.`,
      );
    },

    /** Takes a resolved or closed case back to investigating. */
    async reopen(caseId: string, userId: string): Promise<CaseSummary> {
      const { summary } = await authorize("reopen", caseId, userId);
      if (!canReopen(summary.status)) throw new AppError(ErrorCode.conflict, `${summary.number} is still open.`);
      const payload = update(summary, "reopened", { actorId: userId });
      return apply(
        caseId,
        {
          expect: { statusIn: [summary.status], ownerId: summary.ownerId },
          data: { status: "investigating", closedAt: null, outcome: null, withdrawnBy: null, withdrawnAt: null },
          event: { type: "reopened", actorId: userId, data: { from: summary.status } },
          notify: (eventId) => announceInThread(eventId, payload),
        },
        () => `${summary.number} changed while you were looking; try again.`,
      );
    },

    /** A coordinator's reclassification, with the required reason; the clocks restart for the new type. */
    async reclassify(caseId: string, userId: string, type: CaseType, reason: string): Promise<CaseSummary> {
      const { summary } = await authorize("override_classification", caseId, userId);
      requireOpen(summary);
      if (summary.type === type) throw new AppError(ErrorCode.invalidInput, `${summary.number} is already a ${type}.`);
      const classification = overrideClassification(type, reason);
      const due = dueDatesFor(type, summary.receivedAt, false, deps.policy);
      const payload = update(summary, "reclassified", { actorId: userId, to: type });
      return apply(
        caseId,
        {
          expect: { statusIn: [summary.status], ownerId: summary.ownerId },
          data: { type, classificationRule: classification.rule, classificationOverridden: true, ...due },
          // The reason is the coordinator's own words about the classification, kept with the audit record.
          event: { type: "reclassified", actorId: userId, data: { from: summary.type, fromRule: summary.classificationRule, to: type, reason: classification.overrideReason ?? "" } },
          notify: (eventId) => announceInThread(eventId, payload),
        },
        () => `${summary.number} changed while you were looking; try again.`,
      );
    },

    /** Replaces the list of issues the patient raised (see editedIssues); the audit event holds counts only. */
    async editIssues(caseId: string, userId: string, entries: readonly { id: string | null; text: string }[]): Promise<CaseSummary> {
      const { summary } = await authorize("add_note", caseId, userId);
      const details = await cases.loadDetailsForProcessing(caseId);
      if (!details) throw new AppError(ErrorCode.notFound, "That case no longer exists.");
      const current = recordedIssues(details);
      const result = editedIssues(current, entries);
      if ("problem" in result) throw new AppError(ErrorCode.invalidInput, result.problem);
      const kept = result.issues.filter((issue) => current.some((before) => before.id === issue.id)).length;
      return apply(
        caseId,
        {
          data: { issues: result.issues },
          event: { type: "issues_edited", actorId: userId, data: { count: String(result.issues.length), kept: String(kept), removed: String(current.length - kept) } },
          notify: (eventId) => [{ kind: OUTBOX_KINDS.caseCardRefresh, dedupeKey: `card-refresh:${summary.id}:${eventId}`, payload: { caseId: summary.id } }],
        },
        () => `${summary.number} changed while you were editing; open Edit issues again.`,
      );
    },

    /** The protected details, for authorized users only; every view is audited. */
    async viewDetails(caseId: string, userId: string): Promise<CaseDetails> {
      await authorize("view_details", caseId, userId);
      const details = await cases.readDetails(caseId, userId);
      if (!details) throw new AppError(ErrorCode.notFound, "That case no longer exists.");
      return details;
    },
  };
}

export type CaseActions = ReturnType<typeof createCaseActions>;
