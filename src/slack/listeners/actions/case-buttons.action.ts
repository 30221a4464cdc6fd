import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseSummary } from "../../../cases/case.ts";
import { recordedIssues } from "../../../cases/case-issues.ts";
import { addNoteModal, changeStatusModal, editIssuesModal } from "../../blocks/case-action.modals.ts";
import { decodeCaseRef } from "../../forms/case-ref.ts";
import { ACTIONS } from "../../ids.ts";
import { openCaseModal } from "./open-case-modal.ts";
import { requestDraft } from "./request-draft.ts";

/** "Change status" and "Add note" on a card open their forms; the draft buttons start a letter. */
export function registerCaseButtons(app: App, deps: SlackDeps): void {
  const buttons = [
    { actionId: ACTIONS.changeStatus, permission: "change_status", build: (summary: CaseSummary, _userId: string) => changeStatusModal(summary) },
    {
      actionId: ACTIONS.addNote,
      permission: "add_note",
      // "Which issue?" shows the issues' text: only to someone who may see the case's details (that read is audited).
      build: (summary: CaseSummary, userId: string) =>
        deps.caseActions.viewDetails(summary.id, userId).then(
          (details) => addNoteModal(summary, recordedIssues(details)),
          () => addNoteModal(summary),
        ),
    },
    {
      actionId: ACTIONS.editIssues,
      permission: "add_note",
      // The issues' text is patient data: read with the audited details view, shown in a private form.
      build: async (summary: CaseSummary, userId: string) => editIssuesModal(summary, recordedIssues(await deps.caseActions.viewDetails(summary.id, userId))),
    },
  ] as const;
  for (const button of buttons) {
    app.action<BlockButtonAction>(button.actionId, async ({ ack, action, body, client }) => {
      await ack();
      const caseId = decodeCaseRef(action.value);
      if (!caseId) return;
      const request = { caseId, userId: body.user.id, channelId: body.channel?.id, triggerId: body.trigger_id };
      await openCaseModal(deps, client, request, button.permission, (summary) => button.build(summary, request.userId));
    });
  }
  const drafts = [
    { actionId: ACTIONS.draftLetter, kind: "response" },
    { actionId: ACTIONS.draftInterim, kind: "interim" },
  ] as const;
  for (const draft of drafts) {
    app.action<BlockButtonAction>(draft.actionId, async ({ ack, action, body, client }) => {
      await ack();
      const caseId = decodeCaseRef(action.value);
      if (!caseId) return;
      await requestDraft(deps, client, { caseId, userId: body.user.id, channelId: body.channel?.id, actionTs: action.action_ts }, draft.kind);
    });
  }
}
