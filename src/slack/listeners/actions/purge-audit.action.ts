import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { auditPurgedMessage } from "../../blocks/admin.ts";
import { ACTIONS } from "../../ids.ts";
import { answerError } from "../error-net.ts";
import { tellPrivately } from "../respond.ts";

/** "Purge …" under /case admin purge-audit, pressed after Slack's confirmation dialog: admins only, audited. */
export function registerPurgeAudit(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTIONS.purgeAudit, async ({ ack, body, action, client }) => {
    await ack();
    const surface = { kind: "private" as const, client, userId: body.user.id, channelId: body.channel?.id };
    try {
      const result = await deps.admin.purgeAudit(body.user.id, action.value ?? "");
      deps.logger.info({ action: "purge_audit", userId: body.user.id, caseEvents: result.caseEvents, adminEvents: result.adminEvents }, "audit events purged");
      await tellPrivately(client, body.user.id, body.channel?.id, auditPurgedMessage(result, deps.timeZone));
    } catch (error) {
      await answerError(surface, error, deps.logger, { action: "purge_audit" });
    }
  });
}
