import type { KnownBlock, Overflow, SectionBlock, StaticSelect } from "@slack/types";
import type { TeamGlance } from "../../digests/team-reports.service.ts";
import type { AtRiskCase, CoordinatorMetrics, MetricsRow, Share } from "../../digests/team-metrics.ts";
import { ACTIONS, MORE_OPTIONS } from "../ids.ts";
import type { CaseMessage } from "./case-card.ts";
import { linkedCaseNumber } from "./case-link.ts";
import { MESSAGE_BLOCKS_MAX, messagePacker, TEXT_MAX } from "./fit.ts";

// The team at a glance, for managers only: on the App Home, in reply to /case team and in the
// monthly digest sent to each manager privately. Case numbers (linked to their cards) and the
// owner's mention only: no patient name, no narrative. Each coordinator's at-risk cases open
// their details from the row's menu, through the card's own "View details" action.

export interface TeamRenderOptions {
  workspaceUrl: string;
}

/**
 * How many of a coordinator's at-risk cases a row names (linked to their cards) and its menu opens:
 * more on the tab, fewer in messages, which Slack caps at about 11,000 characters each.
 */
const HOME_ROW = { listed: 10, menu: 10 };
const MESSAGE_ROW = { listed: 3, menu: 5 };
/** Slack's overflow menu holds 2 to 5 options; a select menu 1 to 100. */
const OVERFLOW = { min: 2, max: 5 };
/** What a home tab may weigh (Slack answers view_too_large past 250 kB), with room to spare. */
const HOME_VIEW_BYTES = 240_000;
/** Slack lets a command's response_url answer 5 times. */
export const TEAM_REPLY_MESSAGES = 5;

/** "November 2026" for "2026-11". */
function monthLabel(month: string): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, index - 1, 15)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** Hours as "5.5 h" below two days, else "3.2 d"; "–" when there is nothing to measure. */
function duration(hours: number | null): string {
  if (hours === null) return "–";
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} d`;
}

/** "4 of 5 (80%)", or "none yet" with nothing to count. */
function shareText(value: Share, none: string): string {
  return value.share === null ? none : `${value.count} of ${value.of} (${Math.round(value.share * 100)}%)`;
}

/** "response overdue 2 d" or "acknowledgement due in 5 h". */
function dueText(risk: AtRiskCase, now: Date): string {
  const ms = risk.dueAt.getTime() - now.getTime();
  const hours = Math.round(Math.abs(ms) / 3_600_000);
  const span = hours >= 48 ? `${Math.round(hours / 24)} d` : `${hours} h`;
  const what = risk.kind === "acknowledge" ? "acknowledgement" : "response";
  return risk.overdue ? `:red_circle: ${what} overdue ${span}` : `${what} due in ${span}`;
}

function rowNumbers(row: MetricsRow): string {
  const acknowledge = `ack median ${duration(row.acknowledge.medianHours)} (${row.acknowledge.acknowledged} acknowledged${row.acknowledge.waiting > 0 ? `, ${row.acknowledge.waiting} not yet` : ""})`;
  const resolve = `resolve median ${duration(row.resolve.medianHours)} (${row.resolve.resolved} resolved)`;
  return [
    acknowledge,
    resolve,
    `grievances in time ${shareText(row.grievancesInTime, "none due")}`,
    `first drafts passing ${shareText(row.firstDraftsPassing, "none drafted")}`,
    `reopened ${row.reopened}`,
  ].join(" · ");
}

/** The menu opening an at-risk case's details through the card's own "View details" action: an overflow for 2 to 5 cases, else a select. */
function detailsMenu(risks: readonly AtRiskCase[]): Overflow | StaticSelect {
  const options = risks.map((risk) => ({
    text: { type: "plain_text" as const, text: `Open ${risk.number} details` },
    value: JSON.stringify({ c: risk.caseId, o: MORE_OPTIONS.details }),
  }));
  if (options.length >= OVERFLOW.min && options.length <= OVERFLOW.max) return { type: "overflow", action_id: ACTIONS.more, options };
  return { type: "static_select", action_id: ACTIONS.more, placeholder: { type: "plain_text", text: "Open a case at risk" }, options };
}

/** One coordinator: now, the month, and the cases at risk this week (the first `limits.listed` named), with a menu opening the first `limits.menu`. */
function coordinatorSection(row: CoordinatorMetrics, glance: TeamGlance, options: TeamRenderOptions, limits: { listed: number; menu: number }): SectionBlock {
  const head = `*<@${row.userId}>* · open ${row.open} · overdue ${row.overdue}\n${rowNumbers(row)}`;
  let text = head;
  if (row.atRisk.length > 0) {
    const label = `\n*At risk this week (${row.atRisk.length}):* `;
    const items = row.atRisk.slice(0, limits.listed).map((risk) => `${linkedCaseNumber(risk.number, risk, options.workspaceUrl)} ${dueText(risk, glance.now)}`);
    const more = (left: number) => (left > 0 ? ` …and ${left} more: /case open lists every open case` : "");
    let shown = 0;
    let list = "";
    for (const item of items) {
      const next = list ? `${list}, ${item}` : item;
      if (head.length + label.length + next.length + more(row.atRisk.length - shown - 1).length > TEXT_MAX) break;
      list = next;
      shown += 1;
    }
    text = `${head}${label}${list}${more(row.atRisk.length - shown)}`;
  }
  const section: SectionBlock = { type: "section", text: { type: "mrkdwn", text } };
  if (row.atRisk.length > 0) section.accessory = detailsMenu(row.atRisk.slice(0, limits.menu));
  return section;
}

function totalsSection(glance: TeamGlance): SectionBlock {
  const { team } = glance;
  const field = (title: string, value: string) => ({ type: "mrkdwn" as const, text: `*${title}*\n${value}` });
  return {
    type: "section",
    fields: [
      field("Open now", `${team.open} (${team.unassignedOpen} unassigned)`),
      field("Overdue now", String(team.overdue)),
      field("Median time to acknowledge", `${duration(team.acknowledge.medianHours)} (${team.acknowledge.acknowledged} acknowledged, ${team.acknowledge.waiting} not yet)`),
      field("Median time to resolve", `${duration(team.resolve.medianHours)} (${team.resolve.resolved} resolved)`),
      field("Grievances answered in time", shareText(team.grievancesInTime, "none due")),
      field("First drafts passing every required check", shareText(team.firstDraftsPassing, "none drafted")),
      field("Reopened", String(team.reopened)),
    ],
  };
}

const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

function explanation(glance: TeamGlance): string {
  const period = glance.complete ? monthLabel(glance.month) : `${monthLabel(glance.month)} so far`;
  return `${period}. Open, overdue and at risk (a deadline within 7 days or past) are as of now; each case counts for its current owner. Grievances in time: answered (closed, or a letter approved) by the response deadline, 7 days by default.`;
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The team section of a manager's App Home, in at most `maxBlocks` blocks and `maxBytes` of JSON:
 * totals, then coordinators most urgent first, saying how many did not fit.
 */
export function teamHomeBlocks(glance: TeamGlance, options: TeamRenderOptions, maxBlocks: number, maxBytes = HOME_VIEW_BYTES): KnownBlock[] {
  const head: KnownBlock[] = [{ type: "divider" }, { type: "header", text: { type: "plain_text", text: "Team at a glance" } }, totalsSection(glance), context(explanation(glance))];
  if (maxBlocks < head.length + 1) return maxBlocks > 0 ? [context("The team's numbers do not fit here: /case team shows them.")] : [];
  const rows = glance.coordinators;
  if (rows.length === 0) return [...head, context("No coordinators yet: grant the role with /case admin grant @person coordinator.")];
  // Rows while both blocks and bytes last, keeping room for the line that counts the rest.
  const paged = (shown: number) => context(`Showing ${shown} of ${rows.length} coordinators, the most overdue and at risk first; /case team lists every one.`);
  const blocks = [...head];
  let used = bytes(head) + bytes(paged(rows.length));
  let shown = 0;
  for (const row of rows) {
    const section = coordinatorSection(row, glance, options, HOME_ROW);
    const last = shown === rows.length - 1;
    if (blocks.length + 1 + (last ? 0 : 1) > maxBlocks || used + bytes(section) + 1 > maxBytes) break;
    blocks.push(section);
    used += bytes(section) + 1;
    shown += 1;
  }
  if (shown < rows.length) blocks.push(paged(shown));
  return blocks;
}

/**
 * The team at a glance as messages (/case team, the monthly digest): every coordinator, most urgent
 * first, over as many messages as they need, at most `maxMessages`; rows that do not fit are
 * counted in the last message.
 */
export function teamMessages(glance: TeamGlance, options: TeamRenderOptions & { title: string; maxMessages?: number }): CaseMessage[] {
  const title = `${options.title}: ${monthLabel(glance.month)}${glance.complete ? "" : " so far"}`;
  const build = (shown: number) => {
    const packer = messagePacker();
    packer.add({ type: "header", text: { type: "plain_text", text: title.slice(0, 150) } });
    packer.add(totalsSection(glance));
    packer.add(context(explanation(glance)));
    if (glance.coordinators.length === 0) packer.add(context("No coordinators yet: grant the role with /case admin grant @person coordinator."));
    for (const row of glance.coordinators.slice(0, shown)) packer.add(coordinatorSection(row, glance, options, MESSAGE_ROW));
    const left = glance.coordinators.length - shown;
    if (left > 0) packer.add(context(`…and ${left} more coordinators with fewer overdue and at-risk cases, not shown: one answer holds ${options.maxMessages} messages.`));
    return packer.messages(title);
  };
  const max = options.maxMessages ?? Number.POSITIVE_INFINITY;
  // A message holds at most 50 blocks, one per row: start from what the messages could hold.
  let shown = Math.min(glance.coordinators.length, Number.isFinite(max) ? max * MESSAGE_BLOCKS_MAX : glance.coordinators.length);
  let messages = build(shown);
  while (messages.length > max && shown > 0) {
    shown -= 1;
    messages = build(shown);
  }
  return messages;
}
