import type { KnownBlock } from "@slack/types";
import { ESCALATION_GROUPS, type EscalationDigest } from "../../digests/escalation.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import type { CaseMessage } from "./case-card.ts";
import { linkedCaseNumber } from "./case-link.ts";
import { escapeText, truncate } from "./escape.ts";
import { messagePacker } from "./fit.ts";

// Digests for the team channel; the weekly trends are in trend-digest.ts. Minimum necessary: case
// numbers (linked to their cards), units, owners, deadlines and counts; never patient details.
// Long digests are split into several messages (the outbox posts each), each within Slack's
// limits: 50 blocks, 3,000 characters per text, and the total text Slack accepts in one message's
// blocks (see fit.ts).

export interface DigestRenderOptions {
  timeZone: string;
  /** Workspace base URL (from auth.test), for links to case cards. */
  workspaceUrl: string;
  late?: boolean;
}

/** A date as "Mon 30 Nov 2026" in the hospital's time zone. */
export const dateOnly = (date: Date, timeZone: string) =>
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
