import type { KnownBlock, ModalView } from "@slack/types";
import type { Role } from "../../users/roles.ts";
import { ACTION_FIELDS, ACTIONS, VIEWS } from "../ids.ts";
import type { CaseMessage } from "./case-card.ts";
import { escapeText, truncate } from "./escape.ts";
import { blocksTextLength, cutEscaped, MESSAGE_TEXT_BUDGET, packLines } from "./fit.ts";
import { ADMIN_USAGE } from "./help.ts";

/** Slack's limit for a text input's value; longer rule sets are edited in the file and reloaded. */
export const RULES_EDIT_LIMIT = 3000;

/**
 * The parser's message quotes the verb as typed, which can be any length: the quoted part is cut
 * as helpMessage cuts an unknown command, and the whole message capped in case another quotes nothing.
 */
function shortened(message: string): string {
  return truncate(message.replace(/"(.*)"/s, (_quoted, verb: string) => `"${truncate(verb, 60)}"`), 300);
}

/** The admin commands, after what was wrong with the last one when there is something. */
export function adminHelp(message?: string): CaseMessage {
  const text = `${message ? `${escapeText(shortened(message))}\n\n` : ""}${ADMIN_USAGE}`;
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

const EDIT_BUTTON: KnownBlock = { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Edit rules" }, action_id: ACTIONS.editRules, value: "edit" }] };
const TOO_LONG_TO_EDIT = "These rules are too long to edit in Slack: edit the rules file and use /case admin rules reload.";
const note = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });
const FENCES = "``````";
// A section's 3,000 characters, less the fences and a margin.
const CODE_MAX = 2794;
const codeBlock = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: `\`\`\`${text}\`\`\`` } });

/**
 * The rules in force, as YAML, with an Edit button when they fit Slack's form. One message holds
 * about 11,000 characters of text (see fit.ts): longer rules show their first lines and say where
 * the rest is (the rules file, or the edit form when they fit it).
 */
export function rulesMessage(yaml: string): CaseMessage {
  const editable = yaml.length <= RULES_EDIT_LIMIT;
  const heading: KnownBlock = { type: "section", text: { type: "mrkdwn", text: "*Routing rules in force* (first matching rule wins)" } };
  const lines = yaml.split("\n");
  // Escaped line by line, so a long line is cut without cutting an entity.
  const escaped = lines.map((line) => cutEscaped(escapeText(line), CODE_MAX));
  // A final newline ends the last line; it is not a line of its own.
  const total = yaml.endsWith("\n") ? lines.length - 1 : lines.length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  // Says what is not shown in full and where it is.
  const missing = (rest: number, cut: number) =>
    note(
      [
        rest > 0 ? `…and ${plural(rest, "more line")}, not shown: a Slack message holds no more.` : "",
        cut > 0 ? `${plural(cut, "long line")} shortened.` : "",
        editable ? "Edit rules shows them in full." : `The full rules are in the rules file. ${TOO_LONG_TO_EDIT}`,
      ]
        .filter(Boolean)
        .join(" "),
    );
  // Whole lines while they fit the room left by the heading, the button and the longest closing note.
  const room = MESSAGE_TEXT_BUDGET - blocksTextLength([heading, EDIT_BUTTON, missing(total, total)]);
  let used = 0;
  let chunk = -1; // the open section's length; -1 before the first
  let shownLines = 0;
  for (const line of escaped) {
    const joins = chunk >= 0 && chunk + 1 + line.length <= CODE_MAX;
    const cost = joins ? line.length + 1 : line.length + FENCES.length;
    if (used + cost > room) break;
    used += cost;
    chunk = joins ? chunk + 1 + line.length : line.length;
    shownLines += 1;
  }
  // Packed the same greedy way as counted, so the sections hold exactly the lines counted.
  const shown = packLines(escaped.slice(0, shownLines), CODE_MAX).map(codeBlock);
  const rest = Math.max(0, total - shownLines);
  const cut = lines.slice(0, shownLines).filter((line, index) => escaped[index] !== escapeText(line)).length;
  const closing = rest > 0 || cut > 0 ? missing(rest, cut) : editable ? undefined : note(TOO_LONG_TO_EDIT);
  return { text: "Routing rules in force", blocks: [heading, ...shown, ...(closing ? [closing] : []), ...(editable ? [EDIT_BUTTON] : [])] };
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

/** A date with its year in the hospital's zone, e.g. "3 Dec 2020" (a cutoff years back needs the year). */
function dayWithYear(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }).format(instant);
}

/**
 * /case admin purge-audit: how many audit events are past the retention period, and a button that
 * asks Slack's confirmation dialog before deleting them. The button carries only the cutoff.
 */
export function auditPurgeMessage(preview: { caseEvents: number; adminEvents: number; total: number; before: Date; years: number }, timeZone: string): CaseMessage {
  const day = dayWithYear(preview.before, timeZone);
  const plural = (count: number, word: string) => `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
  if (preview.total === 0) {
    const text = `No audit events are older than the ${preview.years}-year retention (recorded before ${day}). Nothing to purge.`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:white_check_mark: ${text}` } }] };
  }
  const text = `${plural(preview.total, "audit event")} ${preview.total === 1 ? "is" : "are"} older than the ${preview.years}-year retention (recorded before ${day}): ${plural(preview.caseEvents, "case event")} and ${plural(preview.adminEvents, "administrative event")}.`;
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*Audit retention*\n${text}` } },
    note("Purging deletes them for good. The purge itself is recorded in the audit trail (who, how many, up to which date) and is never purged. Records of purges are not counted."),
    {
      type: "actions",
      elements: [
        {
          type: "button",
          style: "danger",
          text: { type: "plain_text", text: `Purge ${plural(preview.total, "event")}` },
          action_id: ACTIONS.purgeAudit,
          value: preview.before.toISOString(),
          confirm: {
            title: { type: "plain_text", text: "Purge audit events?" },
            text: { type: "plain_text", text: `Delete ${plural(preview.total, "audit event")} recorded before ${day}? This cannot be undone.` },
            confirm: { type: "plain_text", text: "Purge" },
            deny: { type: "plain_text", text: "Cancel" },
            style: "danger",
          },
        },
      ],
    },
  ];
  return { text, blocks };
}

/** What a purge did. */
export function auditPurgedMessage(result: { caseEvents: number; adminEvents: number; total: number; before: Date }, timeZone: string): CaseMessage {
  const day = dayWithYear(result.before, timeZone);
  const text =
    result.total === 0
      ? `No audit events recorded before ${day} were left to purge (already purged). Nothing was deleted.`
      : `Purged ${result.total.toLocaleString("en-US")} audit event${result.total === 1 ? "" : "s"} recorded before ${day} (${result.caseEvents.toLocaleString("en-US")} case, ${result.adminEvents.toLocaleString("en-US")} administrative). The purge is recorded in the audit trail.`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `${result.total === 0 ? ":information_source:" : ":white_check_mark:"} ${text}` } }] };
}
