import type { KnownBlock, ModalView } from "@slack/types";
import { ENTRY_TEXT_LIMIT } from "../../lib/settings-entries.ts";
import { ACTION_FIELDS, ACTIONS, COMMANDS, VIEWS } from "../ids.ts";
import type { CaseMessage } from "./case-card.ts";
import { escapeText, truncate } from "./escape.ts";

// One guidance card or community resource, edited by an admin in a form: its YAML in one text
// input (one entry fits where the whole file does not), checked before it is saved.

export type SettingsFileKind = "guidance" | "resources";

const WORDS: Record<SettingsFileKind, { entry: string; title: string; file: string; setting: string; command: string }> = {
  guidance: { entry: "card", title: "Guidance card", file: "guidance file", setting: "GUIDANCE_FILE", command: `${COMMANDS.case} admin guidance` },
  resources: { entry: "resource", title: "Community resource", file: "resource directory file", setting: "RESOURCES_FILE", command: `${COMMANDS.case} admin resources` },
};

/** What a new entry starts from: the settings every entry needs, to fill in. */
const STARTERS: Record<SettingsFileKind, string> = {
  guidance: "id: new-card\ntitle: \nwhen:\n  topics: [billing]\nbody:\n  - \nsources:\n  - \n",
  resources: "id: new-resource\nname: \nhelps_with: [transport]\nphone: \"\"\nwebsite: \n",
};

/** What travels with the form: which file, which entry (none when adding) and its stamp when it was opened. */
export interface SettingsEntryForm {
  file: SettingsFileKind;
  /** The id of the entry edited; absent when adding one. */
  id?: string | undefined;
  stamp?: string | undefined;
}

const code = (text: string) => `\`${escapeText(truncate(text, 60)).replace(/`/g, "'")}\``;
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/** The form for one entry's YAML; refuses (rather than cuts) YAML longer than a Slack text input holds. */
export function settingsEntryModal(form: SettingsEntryForm, yaml?: string): ModalView {
  const words = WORDS[form.file];
  const text = yaml ?? STARTERS[form.file];
  if (text.length > ENTRY_TEXT_LIMIT) throw new RangeError("entry too long to edit in Slack");
  const what = form.id ? `Editing the ${words.entry} ${code(form.id)}` : `A new ${words.entry}`;
  return {
    type: "modal",
    callback_id: VIEWS.editSettingsEntry,
    private_metadata: JSON.stringify({ f: form.file, ...(form.id ? { id: form.id, s: form.stamp } : {}) }),
    title: { type: "plain_text", text: words.title },
    submit: { type: "plain_text", text: "Check and save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      context(
        `${what}, as YAML written as in the ${words.file}. It is checked before saving; if anything is wrong, nothing changes and each problem is shown. ` +
          `Saved here, it applies at once; the file itself is not changed, so \`${words.command} reload\` would replace it with the file's version.`,
      ),
      {
        type: "input",
        block_id: ACTION_FIELDS.entryText,
        label: { type: "plain_text", text: `${words.title} (YAML)` },
        element: { type: "plain_text_input", action_id: ACTION_FIELDS.entryText, multiline: true, max_length: ENTRY_TEXT_LIMIT, initial_value: text },
      },
    ],
  };
}

/** An entry whose YAML does not fit a Slack form: where to edit it instead. */
export function entryTooLongMessage(file: SettingsFileKind, id: string, length: number): CaseMessage {
  const words = WORDS[file];
  const text = `The ${words.entry} ${code(id)} is ${length.toLocaleString("en-US")} characters of YAML, more than a Slack form holds (${ENTRY_TEXT_LIMIT.toLocaleString("en-US")}). Edit it in the ${words.file} (${words.setting}) and run \`${words.command} reload\`.`;
  return { text: `That ${words.entry} is too long to edit in Slack`, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }] };
}

/** No entry has the id typed. */
export function entryNotFoundMessage(file: SettingsFileKind, id: string): CaseMessage {
  const words = WORDS[file];
  const text = `No ${words.entry} has the id ${code(id)}. \`${words.command}\` lists them; \`${words.command} add\` adds one.`;
  return { text: `No ${words.entry} has that id`, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } }] };
}

/** The entry to remove, and a button that asks Slack's confirmation dialog first. The button carries only the file and the id. */
export function removeEntryMessage(file: SettingsFileKind, entry: { id: string; label: string }): CaseMessage {
  const words = WORDS[file];
  const named = `${code(entry.id)} (${escapeText(truncate(entry.label, 100))})`;
  return {
    text: `Remove the ${words.entry} ${entry.id}?`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `Remove the ${words.entry} ${named}? It stops being shown at once. The ${words.file} is not changed.` } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            style: "danger",
            text: { type: "plain_text", text: `Remove ${words.entry}` },
            action_id: ACTIONS.removeSettingsEntry,
            value: JSON.stringify({ f: file, id: entry.id }),
            confirm: {
              title: { type: "plain_text", text: `Remove this ${words.entry}?` },
              text: { type: "plain_text", text: `Remove ${truncate(entry.id, 50)} (${truncate(entry.label, 100)})? A reload from the file brings it back if the file still has it.` },
              confirm: { type: "plain_text", text: "Remove" },
              deny: { type: "plain_text", text: "Cancel" },
              style: "danger",
            },
          },
        ],
      },
    ],
  };
}

/** What a save or removal did. */
export function entrySavedMessage(file: SettingsFileKind, change: { id: string; action: "added" | "edited" | "removed"; version: number; was?: string | undefined }): CaseMessage {
  const words = WORDS[file];
  const renamed = change.was && change.was !== change.id ? ` (was ${code(change.was)})` : "";
  const effect = change.action === "removed" ? "it is no longer shown" : "it applies at once";
  const text = `${change.action === "added" ? "Added" : change.action === "edited" ? "Saved" : "Removed"} the ${words.entry} ${code(change.id)}${renamed}: version ${change.version}; ${effect}. The ${words.file} is not changed: \`${words.command} reload\` would replace this with the file's version.`;
  return { text: `${change.action === "removed" ? "Removed" : "Saved"} the ${words.entry} ${truncate(change.id, 60)}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:white_check_mark: ${text}` } }] };
}
