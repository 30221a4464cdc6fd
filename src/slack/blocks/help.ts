import type { KnownBlock } from "@slack/types";
import { COMMANDS } from "../ids.ts";
import { escapeText, truncate } from "./escape.ts";
import type { CaseMessage } from "./case-card.ts";

const USAGE = [
  `*${COMMANDS.case}* or *${COMMANDS.case} new*: file a patient or family concern (opens a form).`,
  `*${COMMANDS.case} help*: show this help.`,
  "From any message: *⋯ → Create case from message* opens the same form with the message text filled in.",
].join("\n");

/** Usage, optionally explaining that `unknown` was not understood. */
export function helpMessage(unknown?: string): CaseMessage {
  const lead = unknown
    ? `I don't know \`${escapeText(truncate(unknown, 60)).replace(/`/g, "'")}\`. Here is what ${COMMANDS.case} can do:`
    : `Here is what ${COMMANDS.case} can do:`;
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: lead } },
    { type: "section", text: { type: "mrkdwn", text: USAGE } },
  ];
  return { text: `${lead}\n${USAGE}`, blocks };
}

/** A short private message for something that went wrong, with what to do next. */
export function problemMessage(message: string): CaseMessage {
  return {
    text: message,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${escapeText(message)}` } }],
  };
}
