import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../slack-deps.ts";
import { adminHelp, auditPurgeMessage, RULES_EDIT_LIMIT, rolesMessage, rulesEditModal, rulesMessage } from "../../blocks/admin.ts";
import { answerError } from "../error-net.ts";
import { notice } from "../respond.ts";
import type { AdminCommand } from "./parse-case-command.ts";
import { runSettingsFileCommand } from "./case-guide.ts";
import { runSettingsEntryCommand } from "./case-admin-entries.ts";

/** /case admin …: roles, routing rules, and posts Slack refused. */
export async function runAdminCommand(
  deps: SlackDeps,
  command: AdminCommand,
  request: { userId: string; triggerId: string; client: WebClient; respond: RespondFn },
): Promise<void> {
  const { userId, respond } = request;
  const reply = (message: { text: string; blocks: unknown[] }) => respond({ response_type: "ephemeral", ...(message as { text: string }) });
  try {
    switch (command.kind) {
      case "help":
        await deps.admin.ensureAdmin(userId, "admin_help");
        return void (await reply(adminHelp()));
      case "invalid":
        return void (await reply(adminHelp(command.message)));
      case "roles":
        return void (await reply(rolesMessage(await deps.admin.listRoles(userId))));
      case "grant": {
        const previous = await deps.admin.grant(userId, command.userId, command.role);
        return void (await reply(notice(`<@${command.userId}> is now ${command.role} (was ${previous}).`, ":white_check_mark:")));
      }
      case "rules":
        return void (await reply(rulesMessage(await deps.admin.rulesText(userId))));
      case "rules_reload": {
        const ruleSet = await deps.admin.reloadRules(userId);
        return void (await reply(notice(`Loaded ${ruleSet.rules.length} routing rules from the file; they apply to cases filed from now on.`, ":white_check_mark:")));
      }
      case "retry": {
        const { requeued, waiting } = await deps.admin.retryFailedPosts(userId);
        void deps.outbox.kick();
        const text = requeued > 0
          ? `Queued ${requeued} post${requeued === 1 ? "" : "s"} Slack had refused to be sent again (${waiting} waiting in all). If Slack refuses one again, you will be told.`
          : `No refused posts to send again (${waiting} waiting in the queue).`;
        return void (await reply(notice(text, ":arrows_counterclockwise:")));
      }
      case "purge_audit":
        return void (await reply(auditPurgeMessage(await deps.admin.auditPurgePreview(userId), deps.timeZone)));
      case "settings_file":
        return void (await reply(await runSettingsFileCommand(deps, command.file, command.reload, userId)));
      case "settings_entry":
        return void (await runSettingsEntryCommand(deps, command, { userId, triggerId: request.triggerId, client: request.client, reply }));
      case "rules_edit": {
        const yaml = await deps.admin.rulesText(userId);
        if (yaml.length > RULES_EDIT_LIMIT) return void (await reply(rulesMessage(yaml)));
        await request.client.views.open({ trigger_id: request.triggerId, view: rulesEditModal(yaml) });
        return;
      }
    }
  } catch (error) {
    await answerError({ kind: "reply", reply }, error, deps.logger, { action: `admin_${command.kind}` });
  }
}
