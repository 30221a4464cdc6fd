import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { addNoteModal, changeStatusModal } from "../../blocks/case-action.modals.ts";
import { decodeCaseRef } from "../../forms/case-ref.ts";
import { ACTIONS } from "../../ids.ts";
import { openCaseModal } from "./open-case-modal.ts";
import { requestDraft } from "./request-draft.ts";

/** "Change status" and "Add note" on a card open their forms; the draft buttons start a letter. */
export function registerCaseButtons(app: App, deps: SlackDeps): void {
  const buttons = [
    { actionId: ACTIONS.changeStatus, permission: "change_status", build: changeStatusModal },
    { actionId: ACTIONS.addNote, permission: "add_note", build: addNoteModal },
  ] as const;
  for (const button of buttons) {
    app.action<BlockButtonAction>(button.actionId, async ({ ack, action, body, client }) => {
      await ack();
      const caseId = decodeCaseRef(action.value);
      if (!caseId) return;
      const request = { caseId, userId: body.user.id, channelId: body.channel?.id, triggerId: body.trigger_id };
      await openCaseModal(deps, client, request, button.permission, button.build);
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
