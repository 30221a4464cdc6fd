import type { App } from "@slack/bolt";
import type { AppDeps } from "../../../app.ts";
import { errorSummary } from "../../../lib/errors.ts";
import { caseIntakeModal } from "../../blocks/case-intake.modal.ts";
import { helpMessage, problemMessage } from "../../blocks/help.ts";
import { encodeIntakeMetadata } from "../../forms/case-intake.form.ts";
import { COMMANDS } from "../../ids.ts";

export type CaseCommand = { kind: "new" } | { kind: "help" } | { kind: "unknown"; text: string };

/** Reads the text after /case. */
export function parseCaseCommand(text: string): CaseCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const verb = words[0]?.toLowerCase();
  if (!verb || verb === "new") return words.length <= 1 ? { kind: "new" } : { kind: "unknown", text: text.trim() };
  if (verb === "help" || verb === "?") return { kind: "help" };
  return { kind: "unknown", text: text.trim() };
}

/** /case: opens the intake form, or shows usage. */
export function registerCaseCommand(app: App, deps: AppDeps): void {
  app.command(COMMANDS.case, async ({ command, ack, client, respond }) => {
    const parsed = parseCaseCommand(command.text);
    if (parsed.kind !== "new") {
      await ack({ response_type: "ephemeral", ...helpMessage(parsed.kind === "unknown" ? parsed.text : undefined) });
      return;
    }
    await ack();
    try {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: caseIntakeModal({
          departments: deps.departments,
          now: deps.clock.now(),
          privateMetadata: encodeIntakeMetadata({ originChannelId: command.channel_id }),
        }),
      });
    } catch (error) {
      deps.logger.error({ user: command.user_id, error: errorSummary(error) }, "could not open intake form");
      await respond({ response_type: "ephemeral", ...problemMessage("Slack did not open the form in time. Type /case again.") });
    }
  });
}
