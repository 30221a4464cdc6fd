import type { KnownBlock } from "@slack/types";
import { COMMANDS } from "../ids.ts";
import type { CaseMessage } from "./case-card.ts";
import { escapeText, truncate } from "./escape.ts";

const c = COMMANDS.case;

const USAGE = [
  `*${c}* or *${c} new*: file a patient or family concern (opens a form).`,
  `*${c} mine*: the open cases you own, most urgent first.`,
  `*${c} open* [unit or category]: open cases, e.g. \`${c} open Emergency\`.`,
  `*${c} PR-2026-0042*: one case, with its actions.`,
  `*${c} search* words: find cases by words in their description.`,
  `*${c} digest escalations* or *trends* [preview]: post a digest now, or see it privately first (managers).`,
  `*${c} guide* [topic]: short guidance (Medicare rights, Medicaid, billing help, interpreters, navigation, de-escalation), privately.`,
  `*${c} resources report* [YYYY-MM]: community resources offered this month, by kind (managers).`,
  `*${c} report committee* 2026-Q4 or 2026-11: the grievance committee report as PDF and CSV, aggregated only, by DM (managers).`,
  `*${c} export* PR-2026-0012: one case's whole record as a PDF, by DM (its team and managers; audited).`,
  `*${c} export cases* or *audit* 2026-11: a CSV of the period's cases or audit trail, by DM (managers; audited).`,
  `*${c} import*: import survey or feedback comments from a CSV file (managers).`,
  `*${c} team* [YYYY-MM]: the team at a glance for the month, per coordinator, privately (managers).`,
  `*${c} admin*: roles and routing rules (admins).`,
  "From any message: *⋯ → Create case from message* opens the form with the message text filled in.",
].join("\n");

export const ADMIN_USAGE = [
  `*${c} admin roles*: who has which role.`,
  `*${c} admin grant* @person staff|coordinator|manager|admin: set someone's role (staff removes it).`,
  `*${c} admin rules*: the routing rules in force.`,
  `*${c} admin rules edit*: change them in a form (checked before they take effect).`,
  `*${c} admin rules reload*: load them again from the rules file.`,
  `*${c} admin guidance* [reload]: the guidance cards in force, or load them again from the guidance file.`,
  `*${c} admin guidance edit* card-id | *add* | *remove* card-id: change one card in a form (checked before it takes effect).`,
  `*${c} admin resources* [reload]: the community-resource directory in force, or load it again from its file.`,
  `*${c} admin resources edit* resource-id | *add* | *remove* resource-id: change one resource in a form.`,
  `*${c} admin retry*: send again the posts Slack refused (after inviting the app to their channel).`,
  `*${c} admin purge-audit*: how many audit events are past the retention period, and a button to delete them (asks first; the purge is audited).`,
].join("\n");

/** Usage, optionally explaining that `unknown` was not understood. */
export function helpMessage(unknown?: string): CaseMessage {
  const lead = unknown
    ? `I don't know \`${escapeText(truncate(unknown, 60)).replace(/`/g, "'")}\`. Here is what ${c} can do:`
    : `Here is what ${c} can do:`;
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
