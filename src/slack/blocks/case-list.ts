import type { HomeView, KnownBlock } from "@slack/types";
import type { CaseSummary } from "../../cases/case.ts";
import type { HomeData } from "../../cases/work-queue.service.ts";
import { STATUS_LABELS } from "../../cases/lifecycle.ts";
import { categoryLabel } from "../../cases/taxonomy.ts";
import { isOverdue, nextDeadline } from "../../cases/clocks.ts";
import type { CaseMessage } from "./case-card.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { canSeeApprovals } from "../../users/permissions.ts";
import { linkedCaseNumber } from "./case-link.ts";
import { escapeText } from "./escape.ts";
import { blocksTextLength, escapeWithin, MESSAGE_TEXT_BUDGET, packLines } from "./fit.ts";
import type { TeamGlance } from "../../digests/team-reports.service.ts";
import { teamHomeBlocks } from "./team-glance.ts";

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
  if (isOverdue(deadline.dueAt, now)) return `:red_circle: ${what} overdue ${span}`;
  return `${remainingMs <= 24 * 3_600_000 ? ":large_orange_circle:" : ":white_circle:"} ${what} due in ${span}`;
}

/** One line per case; the number links to the card once it is posted. */
export function caseLine(summary: CaseSummary, now: Date, workspaceUrl: string): string {
  const owner = summary.ownerId ? `<@${summary.ownerId}>` : "_unassigned_";
  const type = summary.type === "grievance" ? "Grievance" : summary.type === "compliment" ? "Compliment" : "Complaint";
  return `${linkedCaseNumber(summary.number, summary, workspaceUrl)} · ${type} · ${escapeText(summary.department)} · ${escapeText(categoryLabel(summary.category))} · sev ${summary.severity} · ${owner} · ${dueIn(summary, now)}`;
}

/** Lines in as few sections as hold them, measured as escaped: a cut would break a link's markup. */
function sections(shown: readonly string[]): KnownBlock[] {
  return packLines(shown).map((text) => ({ type: "section", text: { type: "mrkdwn", text } }));
}

const more = (count: number): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${count} more. Narrow it down, e.g. /case open Emergency.` }] });

/** Up to 25 cases, as many of them as `budget` characters of text hold, then how many more there are. */
function lines(cases: readonly CaseSummary[], now: Date, empty: string, workspaceUrl: string, budget = Number.POSITIVE_INFINITY): KnownBlock[] {
  if (cases.length === 0) return [{ type: "context", elements: [{ type: "mrkdwn", text: empty }] }];
  // Unit names escape to up to 375 characters, so what fits is measured, not counted.
  const shown: string[] = [];
  let used = blocksTextLength(more(cases.length));
  for (const summary of cases.slice(0, SHOWN)) {
    const line = caseLine(summary, now, workspaceUrl);
    if (used + line.length + 1 > budget) break;
    shown.push(line);
    used += line.length + 1;
  }
  const blocks = sections(shown);
  if (cases.length > shown.length) blocks.push(more(cases.length - shown.length));
  return blocks;
}

/** A titled list for an ephemeral reply. */
export function caseListMessage(title: string, cases: readonly CaseSummary[], now: Date, empty: string, workspaceUrl: string): CaseMessage {
  // The title can quote a search of any length.
  const heading: KnownBlock = { type: "section", text: { type: "mrkdwn", text: `*${escapeWithin(title, 2900)}* (${cases.length})` } };
  return {
    text: `${escapeText(title)}: ${cases.length} case${cases.length === 1 ? "" : "s"}`,
    // One message holds about 11,000 characters of text in all (see fit.ts); the tab has no such cap.
    blocks: [heading, ...lines(cases, now, empty, workspaceUrl, MESSAGE_TEXT_BUDGET - blocksTextLength(heading))],
  };
}

const header = (text: string): KnownBlock => ({ type: "header", text: { type: "plain_text", text, emoji: true } });

/** The App Home tab: my cases (worst first), approvals, unassigned, team counts. */
export function homeView(data: HomeData, now: Date, options: { timeZone: string; workspaceUrl: string; team?: TeamGlance | null }): HomeView {
  const { timeZone, workspaceUrl } = options;
  const blocks: KnownBlock[] = [header("My cases"), ...lines(data.mine, now, "You own no open cases.", workspaceUrl)];
  if (canSeeApprovals(data.role)) {
    const waiting = data.awaitingApproval
      .slice(0, SHOWN)
      .map(
        (letter) =>
          `${linkedCaseNumber(letter.caseNumber, letter, workspaceUrl)} · ${letter.kind === "interim" ? "interim letter" : "response letter"} · waiting since ${formatLocal(letter.since, timeZone)}`,
      );
    blocks.push(
      { type: "divider" },
      header("Awaiting my approval"),
      ...(waiting.length > 0 ? sections(waiting) : [{ type: "context", elements: [{ type: "mrkdwn", text: "No response letters are waiting for approval." }] } as KnownBlock]),
    );
  }
  if (data.counts) {
    blocks.push({ type: "divider" }, header("Unassigned"), ...lines(data.unassigned, now, "Every open case has an owner.", workspaceUrl));
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
  // Managers: the team at a glance, in the blocks the tab has left (one is kept for the line below).
  if (options.team) blocks.push(...teamHomeBlocks(options.team, { workspaceUrl }, 99 - blocks.length, 240_000 - new TextEncoder().encode(JSON.stringify(blocks)).length));
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: "File a concern with /case · /case help for everything else." }] });
  return { type: "home", blocks: blocks.slice(0, 100) };
}
