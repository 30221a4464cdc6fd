import type { App, BlockButtonAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../slack-deps.ts";
import { caseGuidanceModal, recordResourcesModal } from "../../blocks/guidance.ts";
import { decodeCaseRef } from "../../forms/case-ref.ts";
import { ACTIONS } from "../../ids.ts";
import { answerError } from "../error-net.ts";

/** Opens `view` over the modal the button is in (pushed, so Back returns to it), or on its own from a message. */
async function show(client: WebClient, body: BlockButtonAction, view: ModalView): Promise<void> {
  if (body.view?.id) await client.views.push({ trigger_id: body.trigger_id, view });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}

/** "Open guidance" (case thread, details) and "Record resources offered…": private views of one case. */
export function registerGuidanceActions(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTIONS.openGuidance, async ({ ack, action, body, client }) => {
    await ack();
    const caseId = decodeCaseRef(action.value);
    if (!caseId) return;
    try {
      const help = await deps.caseHelp.helpForCase(caseId, body.user.id);
      await show(client, body, caseGuidanceModal(help.caseNumber, help));
    } catch (error) {
      await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { caseId, action: "open_guidance" });
    }
  });

  app.action<BlockButtonAction>(ACTIONS.recordResources, async ({ ack, action, body, client }) => {
    await ack();
    const caseId = decodeCaseRef(action.value);
    if (!caseId) return;
    try {
      await deps.caseActions.ensureAllowed("record_resource", caseId, body.user.id);
      const help = await deps.caseHelp.helpForCase(caseId, body.user.id);
      await show(client, body, recordResourcesModal(help.caseNumber, caseId, help.resources, await deps.caseHelp.directory()));
    } catch (error) {
      await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { caseId, action: "record_resources" });
    }
  });
}
