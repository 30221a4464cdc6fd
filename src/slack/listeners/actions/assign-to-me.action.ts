import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { decodeCaseRef } from "../../forms/case-ref.ts";
import { ACTIONS } from "../../ids.ts";
import { answerError } from "../error-net.ts";
import { notice, tellPrivately } from "../respond.ts";

/** "Assign to me" on a card: one owner even when two people press it at once. */
export function registerAssignToMe(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTIONS.assignToMe, async ({ ack, action, body, client }) => {
    await ack();
    const caseId = decodeCaseRef(action.value);
    if (!caseId) return;
    try {
      const summary = await deps.caseActions.assignToMe(caseId, body.user.id);
      deps.logger.info({ caseId, user: body.user.id }, "case assigned");
      void deps.outbox.kick();
      await tellPrivately(client, body.user.id, body.channel?.id, notice(`You now own *${summary.number}*.`, ":white_check_mark:"));
    } catch (error) {
      await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { caseId, action: "assign" });
    }
  });
}
