import type { KnownBlock } from "@slack/types";
import type { CaseSummary } from "../../cases/case.ts";
import { ruleReason } from "../../cases/classify.ts";
import { categoryLabel, receivedViaLabel, severityLabel } from "../../cases/taxonomy.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { escapeText } from "./escape.ts";

// The team-channel card. Minimum necessary: number, unit, category, severity, type and why, clocks,
// owner, status. Never the patient's name, contact details or the narrative.

const STATUS_LABELS: Record<string, string> = {
  new: "New",
  acknowledged: "Acknowledged",
  investigating: "Investigating",
  awaiting_response: "Awaiting response",
  resolved: "Resolved",
  closed: "Closed",
};

const typeLabel = (type: string) => (type === "grievance" ? "Grievance" : "Complaint");

export interface CaseMessage {
  text: string;
  blocks: KnownBlock[];
}

function dueLine(summary: CaseSummary, timeZone: string): string {
  if (!summary.responseDueAt) return "No deadline: resolved at point of service";
  const parts = [];
  if (summary.acknowledgeDueAt) parts.push(`Acknowledge by ${formatLocal(summary.acknowledgeDueAt, timeZone)}`);
  parts.push(`Respond by ${formatLocal(summary.responseDueAt, timeZone)}`);
  return parts.join("\n");
}

/** The case card posted to the team channel (and re-rendered as the case changes). */
export function caseCard(summary: CaseSummary, timeZone: string): CaseMessage {
  const type = typeLabel(summary.type);
  const unit = escapeText(summary.department);
  const category = escapeText(categoryLabel(summary.category));
  const severity = severityLabel(summary.severity);
  const owner = summary.ownerId ? `<@${summary.ownerId}>` : "Unassigned";
  const status = STATUS_LABELS[summary.status] ?? summary.status;
  const alert = summary.allegesHarm || summary.severity >= 4 ? ":rotating_light: " : "";
  const override = summary.classificationOverridden ? " (set by a coordinator)" : "";

  const text = `${alert}New ${type.toLowerCase()} ${summary.number}: ${unit}, ${category}, severity ${summary.severity}. ${summary.responseDueAt ? `Respond by ${formatLocal(summary.responseDueAt, timeZone)}.` : "Resolved at point of service."}`;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `${summary.number} · ${type}`, emoji: true } },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Unit*\n${unit}` },
        { type: "mrkdwn", text: `*Category*\n${category}` },
        { type: "mrkdwn", text: `*Severity*\n${alert}${severity}` },
        { type: "mrkdwn", text: `*Status*\n${status}` },
        { type: "mrkdwn", text: `*Owner*\n${owner}` },
        { type: "mrkdwn", text: `*Due*\n${dueLine(summary, timeZone)}` },
      ],
    },
    {
      type: "context",
      elements: [
        { type: "mrkdwn", text: `*${type}*${override}: ${escapeText(ruleReason(summary.classificationRule))}` },
      ],
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `Received ${escapeText(receivedViaLabel(summary.receivedVia).toLowerCase())} · ${formatLocal(summary.receivedAt, timeZone)} · filed by <@${summary.filedBy}>`,
        },
      ],
    },
  ];
  return { text, blocks };
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
