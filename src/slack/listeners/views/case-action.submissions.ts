import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseStatus, CaseSummary } from "../../../cases/case.ts";
import { CASE_STATUSES } from "../../../cases/case.ts";
import { CLOSE_OUTCOMES, type CloseOutcome, NOTE_KINDS, type NoteKind } from "../../../cases/lifecycle.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import { readCaseRef } from "../../forms/case-ref.ts";
import { chosen, type FormState, formField as field, readFormState } from "../../forms/view-state.ts";
import { ACTION_FIELDS as F, VIEWS } from "../../ids.ts";
import { answerError, submissionSurface } from "../error-net.ts";

// Submissions of the case-action modals. Each validates, calls one service method before
// acknowledging (so a refusal or a lost race shows in the form itself), then lets the outbox
// refresh the card and post the thread line.

const NOTE_KIND_IDS = Object.keys(NOTE_KINDS) as NoteKind[];
const OUTCOME_IDS = Object.keys(CLOSE_OUTCOMES) as CloseOutcome[];

interface Submission {
  callbackId: string;
  /** The block that shows errors not tied to one field. */
  errorBlock: string;
  run(deps: SlackDeps, caseId: string, userId: string, values: FormState, openedOnStatus?: CaseStatus): Promise<CaseSummary>;
}

const invalid = (message: string) => new AppError(ErrorCode.invalidInput, message);

const SUBMISSIONS: Submission[] = [
  {
    callbackId: VIEWS.changeStatus,
    errorBlock: F.status,
    run: (deps, caseId, userId, values, openedOnStatus) => {
      const status = chosen(values, F.status, CASE_STATUSES);
      if (!status) throw invalid("Choose the new status.");
      return deps.caseActions.changeStatus(caseId, userId, status, openedOnStatus);
    },
  },
  {
    callbackId: VIEWS.addNote,
    errorBlock: F.noteBody,
    run: (deps, caseId, userId, values) => {
      // No choice made is a plain note.
      const kind = field(values, F.noteKind)?.selected_option ? chosen(values, F.noteKind, NOTE_KIND_IDS) : "note";
      if (!kind) throw invalid("Choose what kind of note this is.");
      return deps.caseActions.addNote(caseId, userId, kind, field(values, F.noteBody)?.value ?? "", field(values, F.noteIssue)?.selected_option?.value ?? null);
    },
  },
  {
    callbackId: VIEWS.editIssues,
    errorBlock: "",
    run: (deps, caseId, userId, values) => {
      // issue_<id> keeps an issue, issue_new_<n> adds one; Slack keeps the blocks in the order shown.
      const entries = Object.keys(values)
        .filter((blockId) => blockId.startsWith(F.issuePrefix))
        .map((blockId) => {
          const id = blockId.slice(F.issuePrefix.length);
          return { id: id.startsWith("new_") ? null : id, text: field(values, blockId)?.value ?? "" };
        });
      return deps.caseActions.editIssues(caseId, userId, entries);
    },
  },
  {
    callbackId: VIEWS.reassign,
    errorBlock: F.newOwner,
    run: (deps, caseId, userId, values) => {
      const owner = field(values, F.newOwner)?.selected_user;
      if (!owner) throw invalid("Choose the new owner.");
      return deps.caseActions.reassign(caseId, userId, owner);
    },
  },
  {
    callbackId: VIEWS.close,
    errorBlock: F.resolution,
    run: (deps, caseId, userId, values) => {
      const outcome = chosen(values, F.outcome, OUTCOME_IDS);
      if (!outcome) throw invalid("Choose the outcome.");
      const by = field(values, F.withdrawnBy)?.selected_option?.value;
      const at = field(values, F.withdrawnAt)?.selected_date_time;
      const withdrawal = by ? { by, at: typeof at === "number" ? new Date(at * 1000) : deps.clock.now() } : undefined;
      return deps.caseActions.close(caseId, userId, outcome, field(values, F.resolution)?.value ?? "", withdrawal);
    },
  },
  {
    callbackId: VIEWS.reclassify,
    errorBlock: F.overrideReason,
    run: (deps, caseId, userId, values) => {
      const type = chosen(values, F.caseType, ["complaint", "grievance"]);
      if (!type) throw invalid("Choose the new type.");
      return deps.caseActions.reclassify(caseId, userId, type, field(values, F.overrideReason)?.value ?? "");
    },
  },
  { callbackId: VIEWS.escalate, errorBlock: "", run: (deps, caseId, userId) => deps.caseActions.escalate(caseId, userId) },
  { callbackId: VIEWS.reopen, errorBlock: "", run: (deps, caseId, userId) => deps.caseActions.reopen(caseId, userId) },
];

/** Registers every case-action modal submission. */
export function registerCaseActionSubmissions(app: App, deps: SlackDeps): void {
  for (const submission of SUBMISSIONS) {
    app.view<ViewSubmitAction>(submission.callbackId, async ({ ack, body, view }) => {
      const ref = readCaseRef(view.private_metadata);
      if (!ref) {
        await ack();
        return;
      }
      const { caseId } = ref;
      try {
        const summary = await submission.run(deps, caseId, body.user.id, readFormState(view.state.values), ref.openedOnStatus);
        await ack();
        deps.logger.info({ caseId, number: summary.number, user: body.user.id, action: submission.callbackId }, "case updated");
        void deps.outbox.kick();
      } catch (error) {
        // Confirmation modals have no input to hang the error on: the net replaces them with the explanation.
        await answerError(submissionSurface(ack, submission.errorBlock), error, deps.logger, { caseId, action: submission.callbackId });
      }
    });
  }
}
