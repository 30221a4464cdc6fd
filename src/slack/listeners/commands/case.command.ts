import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { errorSummary } from "../../../lib/errors.ts";
import { caseCard, caseStatusMessage } from "../../blocks/case-card.ts";
import { caseIntakeModal } from "../../blocks/case-intake.modal.ts";
import { caseListMessage } from "../../blocks/case-list.ts";
import { helpMessage, problemMessage } from "../../blocks/help.ts";
import { encodeIntakeMetadata } from "../../forms/case-intake.form.ts";
import { COMMANDS } from "../../ids.ts";
import { answerError } from "../error-net.ts";
import { runAdminCommand } from "./case-admin.ts";
import { runDigestCommand } from "./case-digest.ts";
import { runGuideCommand } from "./case-guide.ts";
import { runImportCommand } from "./case-import.ts";
import { runReportCommand } from "./case-report.ts";
import { runTeamCommand } from "./case-team.ts";
import { parseCaseCommand } from "./parse-case-command.ts";

export { parseCaseCommand };

/** /case: the intake form, finding work, one case, admin, or usage. */
export function registerCaseCommand(app: App, deps: SlackDeps): void {
  app.command(COMMANDS.case, async ({ command, ack, client, respond }) => {
    const parsed = parseCaseCommand(command.text);
    if (parsed.kind === "help" || parsed.kind === "unknown") {
      await ack({ response_type: "ephemeral", ...helpMessage(parsed.kind === "unknown" ? parsed.text : undefined) });
      return;
    }
    await ack();
    const userId = command.user_id;
    const reply = (message: { text: string; blocks: unknown[] }) => respond({ response_type: "ephemeral", ...(message as { text: string }) });
    const now = deps.clock.now();
    try {
      switch (parsed.kind) {
        case "new":
          await client.views.open({
            trigger_id: command.trigger_id,
            view: caseIntakeModal({ departments: deps.departments, now, privateMetadata: encodeIntakeMetadata({ originChannelId: command.channel_id }) }),
          });
          return;
        case "mine":
          await reply(caseListMessage("Your open cases", await deps.workQueue.mine(userId), now, "You own no open cases.", deps.workspace.url));
          return;
        case "open": {
          const { cases, scope } = await deps.workQueue.open(userId, parsed.filter);
          const title = scope === "filed" ? "Open cases you filed" : parsed.filter ? `Open cases matching “${parsed.filter}”` : "Open cases";
          await reply(caseListMessage(title, cases, now, "No open cases.", deps.workspace.url));
          return;
        }
        case "search":
          await reply(caseListMessage("Search results", await deps.workQueue.search(userId, parsed.text), now, "No case matches those words.", deps.workspace.url));
          return;
        case "lookup": {
          // The filer gets the case's status; its team and the managers get the card with its actions.
          const { summary, sight } = await deps.workQueue.lookup(userId, parsed.number);
          await reply(sight === "case" ? caseCard(summary, deps.timeZone, await deps.teamName(summary.teamId)) : caseStatusMessage(summary, deps.timeZone));
          return;
        }
        case "committee_report":
        case "export_case":
        case "export_period":
          await runReportCommand(deps, parsed, userId, reply);
          return;
        case "import_comments":
          await runImportCommand(deps, { userId, triggerId: command.trigger_id, client, reply });
          return;
        case "admin":
          await runAdminCommand(deps, parsed.command, { userId, triggerId: command.trigger_id, client, respond });
          return;
        case "digest":
          await runDigestCommand(deps, parsed.digest, parsed.preview, userId, reply);
          return;
        case "guide":
        case "resources_report":
          await runGuideCommand(deps, parsed, userId, reply);
          return;
        case "team":
          await runTeamCommand(deps, parsed.month, userId, reply);
          return;
      }
    } catch (error) {
      if (parsed.kind === "new") {
        deps.logger.error({ user: userId, error: errorSummary(error) }, "could not open intake form");
        await reply(problemMessage("Slack did not open the form in time. Type /case again."));
        return;
      }
      await answerError({ kind: "reply", reply }, error, deps.logger, { action: parsed.kind });
    }
  });
}
