import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { ENTRY_TEXT_LIMIT } from "../../../lib/settings-entries.ts";
import { entryNotFoundMessage, entryTooLongMessage, removeEntryMessage, type SettingsFileKind, settingsEntryModal } from "../../blocks/settings-entries.ts";
import type { AdminCommand } from "./parse-case-command.ts";

/** The settings document a /case admin guidance|resources command is about. */
export function settingsFileOf(deps: SlackDeps, file: SettingsFileKind) {
  return file === "guidance" ? deps.guidanceFiles.guidance : deps.guidanceFiles.directory;
}

/**
 * /case admin guidance|resources edit <id>, add, remove <id> (admins): the form with one entry's
 * YAML, or the removal to confirm. Errors reach the caller's error net.
 */
export async function runSettingsEntryCommand(
  deps: SlackDeps,
  command: Extract<AdminCommand, { kind: "settings_entry" }>,
  request: { userId: string; triggerId: string; client: WebClient; reply: (message: CaseMessage) => Promise<unknown> },
): Promise<void> {
  const settings = settingsFileOf(deps, command.file);
  if (command.action === "add") {
    await settings.ensureAdmin(request.userId, `add_${command.file}_entry`);
    await request.client.views.open({ trigger_id: request.triggerId, view: settingsEntryModal({ file: command.file }) });
    return;
  }
  if (command.action === "remove") {
    const entry = await settings.entryForRemoval(request.userId, command.id);
    await request.reply(entry ? removeEntryMessage(command.file, entry) : entryNotFoundMessage(command.file, command.id));
    return;
  }
  const found = await settings.entryForEdit(request.userId, command.id);
  if (!found) return void (await request.reply(entryNotFoundMessage(command.file, command.id)));
  if (found.text.length > ENTRY_TEXT_LIMIT) return void (await request.reply(entryTooLongMessage(command.file, found.entry.id, found.text.length)));
  await request.client.views.open({ trigger_id: request.triggerId, view: settingsEntryModal({ file: command.file, id: found.entry.id, stamp: found.stamp }, found.text) });
}
