import type { ActionsBlock, KnownBlock } from "@slack/types";
import type { CaseSummary } from "../../cases/case.ts";
import { ruleReason } from "../../cases/classify.ts";
import { runningDeadlines } from "../../cases/clocks.ts";
import { canReopen, canWriteLetter, CLOSE_OUTCOMES, isOpen, STATUS_LABELS } from "../../cases/lifecycle.ts";
import { categoryLabel, isCriticalOrHarm, receivedViaLabel, severityLabel } from "../../cases/taxonomy.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { encodeCaseRef } from "../forms/case-ref.ts";
import { ACTIONS, MORE_OPTIONS } from "../ids.ts";
import { escapeText } from "./escape.ts";

// The team-channel card. Minimum necessary: number, unit, category, severity, type and why, clocks,
// owner, status. Never the patient's name, contact details or the narrative.

const typeLabel = (type: string) => (type === "grievance" ? "Grievance" : type === "compliment" ? "Compliment" : "Complaint");

const TASK_LABELS: Record<string, string> = {
  qio_referral: "Tell the patient of the right to contact the QIO (Medicare quality-of-care or discharge concern)",
};

export interface CaseMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The deadlines still running, one per line. */
function dueLine(summary: CaseSummary, timeZone: string): string {
  if (!isOpen(summary.status)) return summary.closedAt ? `Closed ${formatLocal(summary.closedAt, timeZone)}` : "No deadline running";
  if (!summary.responseDueAt) return "No deadline: resolved at point of service";
  const respond = summary.type === "grievance" ? "Respond (or send the interim letter) by" : "Respond by";
  return runningDeadlines(summary)
    .map((deadline) => `${deadline.kind === "acknowledge" ? "Acknowledge by" : respond} ${formatLocal(deadline.dueAt, timeZone)}`)
    .join("\n");
}

const button = (text: string, actionId: string, value: string, style?: "primary" | "danger") => ({
  type: "button" as const,
  text: { type: "plain_text" as const, text, emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/**
 * The card's controls. Slack's overflow menu holds at most five options
 * (https://docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element), so what
 * people use most are buttons (claim, status, note, the letters) and the rarer actions, each of
 * which opens a form or a confirmation first, sit in the menu: at most five in every state.
 */
export function caseActions(summary: CaseSummary): ActionsBlock {
  const ref = encodeCaseRef(summary.id);
  const open = isOpen(summary.status);
  const grievance = summary.type === "grievance";
  const elements: ActionsBlock["elements"] = [];
  if (open && !summary.ownerId) elements.push(button("Assign to me", ACTIONS.assignToMe, ref, "primary"));
  if (open) elements.push(button("Change status", ACTIONS.changeStatus, ref));
  elements.push(button("Add note", ACTIONS.addNote, ref));
  if (open) elements.push(button("Edit issues", ACTIONS.editIssues, ref));
  if (canWriteLetter(summary.status)) elements.push(button(grievance && open ? "Draft response" : "Draft response letter", ACTIONS.draftLetter, ref));
  if (open && grievance) elements.push(button("Draft interim letter", ACTIONS.draftInterim, ref));
  const option = (text: string, value: string) => ({ text: { type: "plain_text" as const, text }, value: JSON.stringify({ c: summary.id, o: value }) });
  const options = [
    ...(open
      ? [
          option("Reassign…", MORE_OPTIONS.reassign),
          ...(summary.escalatedAt ? [] : [option("Escalate to managers", MORE_OPTIONS.escalate)]),
          option(grievance ? "Change to complaint…" : "Change to grievance…", MORE_OPTIONS.reclassify),
          option("Close…", MORE_OPTIONS.close),
        ]
      : []),
    ...(canReopen(summary.status) ? [option("Reopen", MORE_OPTIONS.reopen)] : []),
    option("View details (private)", MORE_OPTIONS.details),
  ];
  elements.push({ type: "overflow", action_id: ACTIONS.more, options });
  return { type: "actions", block_id: "case_actions", elements };
}

/** The case card posted to the team channel and re-rendered in place as the case changes. */
export function caseCard(summary: CaseSummary, timeZone: string, teamName?: string): CaseMessage {
  const type = typeLabel(summary.type);
  const unit = escapeText(summary.department);
  const category = escapeText(categoryLabel(summary.category));
  const severity = severityLabel(summary.severity);
  const owner = summary.ownerId ? `<@${summary.ownerId}>` : "Unassigned";
  const status = STATUS_LABELS[summary.status] ?? summary.status;
  const alert = isCriticalOrHarm(summary) ? ":rotating_light: " : "";
  const override = summary.classificationOverridden ? " (set by a coordinator)" : "";
  const outcome = summary.outcome ? ` · ${CLOSE_OUTCOMES[summary.outcome as keyof typeof CLOSE_OUTCOMES] ?? summary.outcome}` : "";
  const verb = summary.status === "new" ? "New" : status;

  const text = `${alert}${verb} ${type.toLowerCase()} ${summary.number}: ${unit}, ${category}, severity ${summary.severity}, ${summary.ownerId ? "owner assigned" : "unassigned"}.`;
  const flags = [
    summary.escalatedAt ? ":arrow_double_up: Escalated to managers" : null,
    ...summary.openTasks.map((task) => `:ballot_box_with_check: ${TASK_LABELS[task] ?? task}`),
  ].filter(Boolean);

  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `${summary.number} · ${type}`, emoji: true } },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Unit*\n${unit}` },
        { type: "mrkdwn", text: `*Category*\n${category}` },
        { type: "mrkdwn", text: `*Severity*\n${alert}${severity}` },
        { type: "mrkdwn", text: `*Status*\n${status}${outcome}` },
        { type: "mrkdwn", text: `*Owner*\n${owner}${teamName ? ` · ${escapeText(teamName)}` : ""}` },
        { type: "mrkdwn", text: `*Due*\n${dueLine(summary, timeZone)}` },
      ],
    },
    ...(flags.length > 0 ? [{ type: "section", text: { type: "mrkdwn", text: flags.join("\n") } } as KnownBlock] : []),
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `*${type}*${override}: ${escapeText(ruleReason(summary.classificationRule))}` }],
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `Received via ${escapeText(receivedViaLabel(summary.receivedVia).toLowerCase())} · ${formatLocal(summary.receivedAt, timeZone)} · filed by <@${summary.filedBy}>${summary.routingRule ? ` · routed by rule \`${escapeText(summary.routingRule)}\`` : ""}`,
        },
      ],
    },
    caseActions(summary),
  ];
  return { text, blocks };
}

/**
 * A case's status for whoever filed it (private): number, type, status and the deadlines still
 * running. No unit, owner, notes or letters, and no actions: the filer follows the case, its team works it.
 */
export function caseStatusMessage(summary: CaseSummary, timeZone: string): CaseMessage {
  const type = typeLabel(summary.type);
  const status = STATUS_LABELS[summary.status] ?? summary.status;
  const outcome = summary.outcome ? ` (${(CLOSE_OUTCOMES[summary.outcome as keyof typeof CLOSE_OUTCOMES] ?? summary.outcome).toLowerCase()})` : "";
  const lead = `*${summary.number} · ${type}* · ${status}${outcome}`;
  return {
    text: `${summary.number}: ${type.toLowerCase()}, ${status.toLowerCase()}.`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${lead}\n${dueLine(summary, timeZone)}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: "You filed this case; its patient-relations team is working on it. Its notes and letters stay with the team." }] },
    ],
  };
}

/** The filer's private confirmation. */
export function filedConfirmation(summary: CaseSummary, timeZone: string, duplicate: boolean): CaseMessage {
  const type = typeLabel(summary.type).toLowerCase();
  const lead = duplicate
    ? `:information_source: This concern was already filed as *${summary.number}*; nothing new was created.`
    : `:white_check_mark: Filed *${summary.number}* as a ${type}.`;
  const detail = `${escapeText(ruleReason(summary.classificationRule))}\n${dueLine(summary, timeZone)}`;
  return {
    text: duplicate ? `Already filed as ${summary.number}` : `Filed ${summary.number} as a ${type}.`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: lead } },
      { type: "context", elements: [{ type: "mrkdwn", text: detail }] },
    ],
  };
}

/**
 * The card as plain text, for when Slack refuses the rich card: the case must never be invisible.
 * No mentions or links (nothing that could itself be refused), only the minimum necessary.
 */
export function caseCardFallback(summary: CaseSummary, timeZone: string): CaseMessage {
  const status = STATUS_LABELS[summary.status] ?? summary.status;
  const lines = [
    `${summary.number} · ${typeLabel(summary.type)} · ${status}`,
    `Unit: ${escapeText(summary.department)} · Category: ${escapeText(categoryLabel(summary.category))} · ${severityLabel(summary.severity)}`,
    `Owner: ${summary.ownerId ? "assigned" : "unassigned"} · ${dueLine(summary, timeZone).replaceAll("\n", " · ")}`,
    `(Shown as plain text because Slack refused the full card; type /case ${summary.number} for its actions.)`,
  ];
  return { text: lines.join("\n"), blocks: [] };
}
