import type { App, MessageShortcut } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { TEXT_LIMITS } from "../../../cases/case.schema.ts";
import { errorSummary } from "../../../lib/errors.ts";
import { caseIntakeModal } from "../../blocks/case-intake.modal.ts";
import { encodeIntakeMetadata } from "../../forms/case-intake.form.ts";
import { slackMessageToPlainText } from "../../forms/message-text.ts";
import { SHORTCUTS } from "../../ids.ts";

/** "Create case from message": the intake form, prefilled with the message text. */
export function registerCreateCaseFromMessage(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(SHORTCUTS.createCaseFromMessage, async ({ shortcut, ack, client }) => {
    await ack();
    // The form shows what the person read, not Slack's markup (<@U…>, &amp; …).
    const text = slackMessageToPlainText(shortcut.message.text ?? "");
    const tooLong = text.length > TEXT_LIMITS.narrative;
    try {
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: caseIntakeModal({
          departments: deps.departments,
          now: deps.clock.now(),
          privateMetadata: encodeIntakeMetadata({
            originChannelId: shortcut.channel.id,
            sourceMessageTs: shortcut.message.ts,
          }),
          values: { description: text },
          ...(tooLong
            ? {
                notice: `:scissors: The message is ${text.length.toLocaleString("en-US")} characters and the form holds ${TEXT_LIMITS.narrative.toLocaleString("en-US")}, so it was shortened. The case links back to the original message; add anything missing as a note after filing.`,
              }
            : {}),
        }),
      });
    } catch (error) {
      deps.logger.error({ user: shortcut.user.id, error: errorSummary(error) }, "could not open intake form from message");
    }
  });
}
