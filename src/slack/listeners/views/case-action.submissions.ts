import type { App, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseStatus, CaseSummary } from "../../../cases/case.ts";
import { CASE_STATUSES } from "../../../cases/case.ts";
import { CLOSE_OUTCOMES, NOTE_KINDS } from "../../../cases/lifecycle.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import { readCaseRef } from "../../forms/case-ref.ts";
import { ACTION_FIELDS as F, VIEWS } from "../../ids.ts";
import { answerError, submissionSurface } from "../error-net.ts";

// Submissions of the case-action modals. Each validates, calls one service method before
// acknowledging (so a refusal or a lost race shows in the form itself), then lets the outbox
// refresh the card and post the thread line.

type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_user?: string | null }>>;

const field = (values: Values, id: string) => values[id]?.[id];

interface Submission {
  callbackId: string;
  /** The block that shows errors not tied to one field. */
  errorBlock: string;
  run(deps: SlackDeps, caseId: string, userId: string, values: Values, openedOnStatus?: CaseStatus): Promise<CaseSummary>;
}

const invalid = (message: string) => new AppError(ErrorCode.invalidInput, message);

const SUBMISSIONS: Submission[] = [
  {
    callbackId: VIEWS.changeStatus,
    errorBlock: F.status,
    run: (deps, caseId, userId, values, openedOnStatus) => {
      const status = z.enum(CASE_STATUSES).safeParse(field(values, F.status)?.selected_option?.value);
      if (!status.success) throw invalid("Choose the new status.");
      return deps.caseActions.changeStatus(caseId, userId, status.data, openedOnStatus);
    },
  },
  {
    callbackId: VIEWS.addNote,
    errorBlock: F.noteBody,
    run: (deps, caseId, userId, values) => {
      const kind = field(values, F.noteKind)?.selected_option?.value ?? "note";
      if (!(kind in NOTE_KINDS)) throw invalid("Choose what kind of note this is.");
      return deps.caseActions.addNote(caseId, userId, kind as keyof typeof NOTE_KINDS, field(values, F.noteBody)?.value ?? "");
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
      const outcome = field(values, F.outcome)?.selected_option?.value;
      if (!outcome || !(outcome in CLOSE_OUTCOMES)) throw invalid("Choose the outcome.");
      return deps.caseActions.close(caseId, userId, outcome as keyof typeof CLOSE_OUTCOMES, field(values, F.resolution)?.value ?? "");
    },
  },
  {
    callbackId: VIEWS.reclassify,
    errorBlock: F.overrideReason,
    run: (deps, caseId, userId, values) => {
      const type = field(values, F.caseType)?.selected_option?.value;
      if (type !== "complaint" && type !== "grievance") throw invalid("Choose the new type.");
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
        const summary = await submission.run(deps, caseId, body.user.id, view.state.values as Values, ref.openedOnStatus);
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
