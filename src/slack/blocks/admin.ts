import type { KnownBlock, ModalView } from "@slack/types";
import type { Role } from "../../users/user-role.repository.ts";
import { ACTION_FIELDS, ACTIONS, VIEWS } from "../ids.ts";
import type { CaseMessage } from "./case-card.ts";
import { escapeText } from "./escape.ts";
import { ADMIN_USAGE } from "./help.ts";

/** Slack's limit for a text input's value; longer rule sets are edited in the file and reloaded. */
export const RULES_EDIT_LIMIT = 3000;

export function adminHelp(message?: string): CaseMessage {
  const text = `${message ? `${escapeText(message)}\n\n` : ""}${ADMIN_USAGE}`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

export function rolesMessage(rows: { slackUserId: string; role: Role }[]): CaseMessage {
  const lines = rows.map((row) => `<@${row.slackUserId}>: ${row.role}`);
  const text = rows.length > 0 ? `*Roles* (everyone else is staff)\n${lines.join("\n")}` : "Nobody has a role beyond staff yet.";
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } }] };
}

/** The rules in force, as YAML, with an Edit button when they fit Slack's form. */
export function rulesMessage(yaml: string): CaseMessage {
  const chunks: string[] = [];
  for (let start = 0; start < yaml.length && chunks.length < 10; start += 2800) chunks.push(yaml.slice(start, start + 2800));
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: "*Routing rules in force* (first matching rule wins)" } },
    ...chunks.map((chunk) => ({ type: "section", text: { type: "mrkdwn", text: `\`\`\`${escapeText(chunk)}\`\`\`` } }) as KnownBlock),
    yaml.length <= RULES_EDIT_LIMIT
      ? { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Edit rules" }, action_id: ACTIONS.editRules, value: "edit" }] }
      : { type: "context", elements: [{ type: "mrkdwn", text: "These rules are too long to edit in Slack: edit the rules file and use /case admin rules reload." }] },
  ];
  return { text: "Routing rules in force", blocks };
}

export function rulesEditModal(yaml: string): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.editRules,
    title: { type: "plain_text", text: "Routing rules" },
    submit: { type: "plain_text", text: "Check and save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: "YAML. Rules are checked before saving; if anything is wrong the rules in force stay as they are." }] },
      {
        type: "input",
        block_id: ACTION_FIELDS.rulesText,
        label: { type: "plain_text", text: "Rules" },
        element: { type: "plain_text_input", action_id: ACTION_FIELDS.rulesText, multiline: true, max_length: RULES_EDIT_LIMIT, initial_value: yaml.slice(0, RULES_EDIT_LIMIT) },
      },
    ],
  };
}
