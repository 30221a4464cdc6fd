import type { HomeView, KnownBlock } from "@slack/types";
import type { CaseSummary } from "../../cases/case.ts";
import type { HomeData } from "../../cases/work-queue.service.ts";
import { STATUS_LABELS } from "../../cases/lifecycle.ts";
import { categoryLabel } from "../../cases/taxonomy.ts";
import { nextDeadline } from "../../cases/work-queue.ts";
import type { CaseMessage } from "./case-card.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { escapeText } from "./escape.ts";

// Lists of cases (minimum necessary: number, type, unit, category, severity, owner, deadline).

const SHOWN = 25;

/** "overdue 2 d" or "due in 5 h", relative to now. */
export function dueIn(summary: CaseSummary, now: Date): string {
  const deadline = nextDeadline(summary);
  if (!deadline) return STATUS_LABELS[summary.status];
  // Overdue is decided on the exact difference (as reminders do); only the shown span is rounded.
  const remainingMs = deadline.dueAt.getTime() - now.getTime();
  const hours = Math.round(Math.abs(remainingMs) / 3_600_000);
  const span = hours >= 48 ? `${Math.round(hours / 24)} d` : `${hours} h`;
  const what = deadline.kind === "acknowledge" ? "acknowledgement" : "response";
  if (remainingMs <= 0) return `:red_circle: ${what} overdue ${span}`;
  return `${remainingMs <= 24 * 3_600_000 ? ":large_orange_circle:" : ":white_circle:"} ${what} due in ${span}`;
}

/** One line per case. */
export function caseLine(summary: CaseSummary, now: Date): string {
  const owner = summary.ownerId ? `<@${summary.ownerId}>` : "_unassigned_";
  const type = summary.type === "grievance" ? "Grievance" : "Complaint";
  return `*${summary.number}* · ${type} · ${escapeText(summary.department)} · ${escapeText(categoryLabel(summary.category))} · sev ${summary.severity} · ${owner} · ${dueIn(summary, now)}`;
}

function lines(cases: readonly CaseSummary[], now: Date, empty: string): KnownBlock[] {
  if (cases.length === 0) return [{ type: "context", elements: [{ type: "mrkdwn", text: empty }] }];
  const shown = cases.slice(0, SHOWN).map((summary) => caseLine(summary, now));
  const blocks: KnownBlock[] = [];
  // Sections hold 3,000 characters: five cases each keeps far below that.
  for (let start = 0; start < shown.length; start += 5) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: shown.slice(start, start + 5).join("\n") } });
  }
  if (cases.length > SHOWN) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${cases.length - SHOWN} more. Narrow it down, e.g. /case open Emergency.` }] });
  return blocks;
}

/** A titled list for an ephemeral reply. */
export function caseListMessage(title: string, cases: readonly CaseSummary[], now: Date, empty: string): CaseMessage {
  return {
    text: `${escapeText(title)}: ${cases.length} case${cases.length === 1 ? "" : "s"}`,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `*${escapeText(title)}* (${cases.length})` } }, ...lines(cases, now, empty)],
  };
}

const header = (text: string): KnownBlock => ({ type: "header", text: { type: "plain_text", text, emoji: true } });

/** The App Home tab: my cases (worst first), approvals, unassigned, team counts. */
export function homeView(data: HomeData, now: Date, timeZone = "UTC"): HomeView {
  const blocks: KnownBlock[] = [header("My cases"), ...lines(data.mine, now, "You own no open cases.")];
  if (data.role === "manager" || data.role === "admin") {
    const waiting = data.awaitingApproval
      .slice(0, SHOWN)
      .map((letter) => `*${letter.caseNumber}* · ${letter.kind === "interim" ? "interim letter" : "response letter"} · waiting since ${formatLocal(letter.since, timeZone)}`);
    blocks.push(
      { type: "divider" },
      header("Awaiting my approval"),
      waiting.length > 0
        ? { type: "section", text: { type: "mrkdwn", text: waiting.join("\n").slice(0, 3000) } }
        : { type: "context", elements: [{ type: "mrkdwn", text: "No response letters are waiting for approval." }] },
    );
  }
  if (data.counts) {
    blocks.push({ type: "divider" }, header("Unassigned"), ...lines(data.unassigned, now, "Every open case has an owner."));
    const byStatus = Object.entries(data.counts.byStatus)
      .map(([status, count]) => `${STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status}: ${count}`)
      .join(" · ");
    blocks.push(
      { type: "divider" },
      header("Team"),
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: `*Open*\n${data.counts.open}` },
          { type: "mrkdwn", text: `*Grievances open*\n${data.counts.grievances}` },
          { type: "mrkdwn", text: `*Past response deadline*\n${data.counts.overdue}` },
          { type: "mrkdwn", text: `*Unassigned*\n${data.counts.unassigned}` },
        ],
      },
      ...(byStatus ? [{ type: "context", elements: [{ type: "mrkdwn", text: byStatus }] } as KnownBlock] : []),
    );
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: "File a concern with /case · /case help for everything else." }] });
  return { type: "home", blocks: blocks.slice(0, 100) };
}
