import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { RULES_EDIT_LIMIT, rulesEditModal, rulesMessage } from "../../blocks/admin.ts";
import { ACTIONS } from "../../ids.ts";
import { answerError } from "../error-net.ts";
import { tellPrivately } from "../respond.ts";

/** "Edit rules" under /case admin rules: opens the rules form for admins. */
export function registerEditRules(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTIONS.editRules, async ({ ack, body, client }) => {
    await ack();
    try {
      const yaml = await deps.admin.rulesText(body.user.id);
      // The rules may have grown since this button was posted.
      if (yaml.length > RULES_EDIT_LIMIT) {
        await tellPrivately(client, body.user.id, body.channel?.id, rulesMessage(yaml));
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: rulesEditModal(yaml) });
    } catch (error) {
      await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { action: "edit_rules" });
    }
  });
}
