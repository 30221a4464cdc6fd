import type { App, BlockButtonAction } from "@slack/bolt";
import { z } from "zod";
import type { SlackDeps } from "../../slack-deps.ts";
import { escapeText } from "../../blocks/escape.ts";
import { entrySavedMessage } from "../../blocks/settings-entries.ts";
import { ACTIONS } from "../../ids.ts";
import { settingsFileOf } from "../commands/case-admin-entries.ts";
import { answerError } from "../error-net.ts";
import { notice, tellPrivately } from "../respond.ts";

const Removal = z.object({ f: z.enum(["guidance", "resources"]), id: z.string().min(1).max(100) });

function removal(value: string | undefined) {
  try {
    const parsed = Removal.safeParse(JSON.parse(value ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** "Remove …" under /case admin guidance|resources remove <id>, pressed after Slack's confirmation dialog: admins only, audited. */
export function registerRemoveSettingsEntry(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTIONS.removeSettingsEntry, async ({ ack, body, action, client }) => {
    await ack();
    const surface = { kind: "private" as const, client, userId: body.user.id, channelId: body.channel?.id };
    const target = removal(action.value);
    try {
      if (!target) return void (await tellPrivately(client, body.user.id, body.channel?.id, notice("This button is out of date; run the remove command again.")));
      const result = await settingsFileOf(deps, target.f).removeEntry(body.user.id, target.id);
      if (!result.ok) {
        return void (await tellPrivately(client, body.user.id, body.channel?.id, notice(`Not removed; what is in force is unchanged. ${escapeText(result.errors.slice(0, 6).join(" • "))}`.slice(0, 2800))));
      }
      deps.logger.info({ user: body.user.id, file: target.f, entry: target.id, version: result.value.version }, "settings entry removed");
      await tellPrivately(client, body.user.id, body.channel?.id, entrySavedMessage(target.f, { id: target.id, action: "removed", version: result.value.version }));
    } catch (error) {
      await answerError(surface, error, deps.logger, { action: "remove_settings_entry" });
    }
  });
}
