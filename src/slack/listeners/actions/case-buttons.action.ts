import type { App, BlockButtonAction } from "@slack/bolt";
import type { AppDeps } from "../../../app.ts";
import { addNoteModal, changeStatusModal } from "../../blocks/case-action.modals.ts";
import { decodeCaseRef } from "../../forms/case-ref.ts";
import { ACTIONS } from "../../ids.ts";
import { openCaseModal } from "./open-case-modal.ts";

/** "Change status" and "Add note" on a card: each opens its form. */
export function registerCaseButtons(app: App, deps: AppDeps): void {
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
}
