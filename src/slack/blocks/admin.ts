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

/** Whole lines up to Slack's 3,000-character section limit, then how many did not fit. */
function fitLines(lines: readonly string[], limit = 2900): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > limit) break;
    kept.push(line);
    length += line.length + 1;
  }
  const rest = lines.length - kept.length;
  return rest > 0 ? `${kept.join("\n")}\n…and ${rest} more` : kept.join("\n");
}

export function rolesMessage(rows: { slackUserId: string; role: Role }[]): CaseMessage {
  const lines = rows.map((row) => `<@${row.slackUserId}>: ${row.role}`);
  const text = rows.length > 0 ? `*Roles* (everyone else is staff)\n${fitLines(lines)}` : "Nobody has a role beyond staff yet.";
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** The rules in force, as YAML, with an Edit button when they fit Slack's form. */
export function rulesMessage(yaml: string): CaseMessage {
  // Split the escaped text by whole lines so no section passes 3,000 characters and no entity is cut.
  const chunks: string[] = [];
  let current = "";
  for (const line of escapeText(yaml).split("\n")) {
    const piece = line.length > 2800 ? `${line.slice(0, 2790).replace(/&[a-z]*$/, "")}…` : line;
    if (current && current.length + piece.length + 1 > 2800) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: "*Routing rules in force* (first matching rule wins)" } },
    ...chunks.slice(0, 40).map((chunk) => ({ type: "section", text: { type: "mrkdwn", text: `\`\`\`${chunk}\`\`\`` } }) as KnownBlock),
    yaml.length <= RULES_EDIT_LIMIT
      ? { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Edit rules" }, action_id: ACTIONS.editRules, value: "edit" }] }
      : { type: "context", elements: [{ type: "mrkdwn", text: "These rules are too long to edit in Slack: edit the rules file and use /case admin rules reload." }] },
  ];
  return { text: "Routing rules in force", blocks };
}

/** The rules form; refuses (rather than cuts) rules longer than a Slack text input holds. */
export function rulesEditModal(yaml: string): ModalView {
  if (yaml.length > RULES_EDIT_LIMIT) throw new RangeError("rules too long to edit in Slack");
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
        element: { type: "plain_text_input", action_id: ACTION_FIELDS.rulesText, multiline: true, max_length: RULES_EDIT_LIMIT, initial_value: yaml },
      },
    ],
  };
}
