import type { KnownBlock } from "@slack/types";
import { ESCALATION_GROUPS, type EscalationDigest } from "../../digests/escalation.ts";
import type { TrendDigest, TrendRow } from "../../digests/trends.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import type { CaseMessage } from "./case-card.ts";
import { linkedCaseNumber } from "./case-link.ts";
import { escapeText, truncate } from "./escape.ts";
import { messagePacker } from "./fit.ts";

// Digests for the team channel. Minimum necessary: case numbers (linked to their cards), units,
// owners, deadlines and counts; never patient details. Long digests are split into several
// messages (the outbox posts each), each within Slack's limits: 50 blocks, 3,000 characters per
// text, and the total text Slack accepts in one message's blocks (see fit.ts).

export interface DigestRenderOptions {
  timeZone: string;
  /** Workspace base URL (from auth.test), for links to case cards. */
  workspaceUrl: string;
  late?: boolean;
}

const dateOnly = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(date).replace(",", "");

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: truncate(text, 3000) } });
const header = (text: string): KnownBlock => ({ type: "header", text: { type: "plain_text", text: truncate(text, 150), emoji: true } });

/** The morning escalation digest as one or more messages. */
export function escalationMessages(digest: EscalationDigest, now: Date, options: DigestRenderOptions): CaseMessage[] {
  const title = `Escalations · ${dateOnly(now, options.timeZone)}${options.late ? " (posted late: the bot was down at the scheduled time)" : ""}`;
  if (digest.total === 0) {
    const text = `${title}: nothing is at risk. No case is overdue, due today or tomorrow, unassigned too long or waiting for approval.`;
    return [{ text, blocks: [section(`:white_check_mark: *${title}*: nothing is at risk. No case is overdue, due today or tomorrow, unassigned too long or waiting for approval.`)] }];
  }
  const pack = messagePacker();
  pack.add(header(title));
  const summary: string[] = [];
  for (const { group, items } of digest.groups) {
    const label = ESCALATION_GROUPS[group];
    summary.push(`${label}: ${items.length}`);
    const lines = items.map((item) => {
      const owner = item.ownerId ? `<@${item.ownerId}>` : "_unassigned_";
      const when = item.at ? ` · ${group === "overdue" ? "due" : group === "unassigned" ? "filed" : group === "drafts_waiting" ? "waiting since" : group === "critical_or_harm" ? "received" : "due"} ${formatLocal(item.at, options.timeZone)}` : "";
      return `${linkedCaseNumber(item.caseNumber, item, options.workspaceUrl)} · ${escapeText(item.department)} · ${owner}${when}`;
    });
    pack.addLines({ heading: `*${label}* (${items.length})`, continued: `*${label}* (${items.length}, continued)`, lines });
  }
  return pack.messages(`${title}: ${summary.join("; ")}.`);
}

const percent = (share: number | null) => (share === null ? "n/a" : `${Math.round(share * 100)}%`);
const hours = (value: number | null) => (value === null ? "n/a" : value >= 48 ? `${(value / 24).toFixed(1)} days` : `${value} h`);

/** A text bar chart (monospace), with the numbers on every bar so it reads without the bars. */
function barChart(rows: TrendRow[], width = 20): string {
  const top = rows.slice(0, 12);
  const max = Math.max(1, ...top.map((row) => row.count));
  const labelWidth = Math.min(28, Math.max(...top.map((row) => row.label.length), 5));
  return top
    .map((row) => {
      const label = truncate(row.label, labelWidth).padEnd(labelWidth);
      const bar = "█".repeat(Math.round((row.count / max) * width)) || "▏";
      return `${escapeText(label)} ${bar} ${row.count} (prev ${row.previous}, avg ${row.baselineMean.toFixed(1)})${row.spike ? " ▲" : ""}`;
    })
    .join("\n");
}

/** The weekly trend digest as one or more messages. */
export function trendMessages(digest: TrendDigest, options: DigestRenderOptions): CaseMessage[] {
  const end = new Date(digest.periodEnd.getTime() - 1);
  const title = `Trends · ${dateOnly(digest.periodStart, options.timeZone)} to ${dateOnly(end, options.timeZone)}${options.late ? " (posted late)" : ""}`;
  const spikes = [...digest.byCategory, ...digest.byDepartment].filter((row) => row.spike);
  const pack = messagePacker();
  pack.add(header(title));
  pack.add({
    type: "section",
    fields: [
      { type: "mrkdwn", text: `*New cases*\n${digest.total} (previous week ${digest.previousTotal}; 8-week average ${digest.baselineWeeklyMean.toFixed(1)})` },
      { type: "mrkdwn", text: `*Median time to acknowledge*\n${hours(digest.medianHoursToAcknowledge)}` },
      { type: "mrkdwn", text: `*Median time to resolve*\n${hours(digest.medianHoursToResolve)}` },
      { type: "mrkdwn", text: `*Grievances answered within 7 days*\n${percent(digest.grievancesAnsweredWithin7Days.share)} (${digest.grievancesAnsweredWithin7Days.answered} of ${digest.grievancesAnsweredWithin7Days.due})` },
      { type: "mrkdwn", text: `*Letters passing every check on the first draft*\n${percent(digest.firstDraftsPassingAllChecks.share)} (${digest.firstDraftsPassingAllChecks.passed} of ${digest.firstDraftsPassingAllChecks.total})` },
    ],
  });
  // Every spike is listed, however many: each is a unit or category someone has to look at.
  if (spikes.length > 0) {
    const lines = spikes.map((row) => `• *${escapeText(row.label)}*: ${escapeText(row.spike!.reason)}`);
    pack.addLines({ heading: "*:chart_with_upwards_trend: Rising*", continued: "*:chart_with_upwards_trend: Rising* (continued)", lines });
  } else {
    pack.add(section("*No spikes* this week: no category or unit rose beyond its usual range."));
  }
  if (digest.byCategory.length > 0) {
    pack.add(section(`*By category* (▲ = spike)\n\`\`\`${barChart(digest.byCategory)}\`\`\``));
    pack.add({ type: "context", elements: [{ type: "mrkdwn", text: `Chart in words: ${digest.byCategory.slice(0, 12).map((row) => `${escapeText(row.label)} ${row.count}`).join(", ")}.` }] });
  }
  if (digest.byDepartment.length > 0) {
    pack.add(section(`*By unit*\n\`\`\`${barChart(digest.byDepartment)}\`\`\``));
  }
  const text = `${title}: ${digest.total} new cases (previous week ${digest.previousTotal}); ${spikes.length} spike${spikes.length === 1 ? "" : "s"}.`;
  return pack.messages(text);
}
