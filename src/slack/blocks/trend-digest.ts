import type { KnownBlock } from "@slack/types";
import { limitText, oneDecimal, RULE_NAMES } from "../../digests/trend-sentences.ts";
import type { CommentThemeRow, CommentThemes } from "../../digests/comment-themes.ts";
import { RATE_PER, type TrendDigest, type TrendRow, type TrendSignal } from "../../digests/trends.ts";
import type { CaseMessage } from "./case-card.ts";
import { CHART_LIMITS, dataTables, pieChart, seriesChart, type TableCell } from "./data-blocks.ts";
import { type DigestRenderOptions, dateOnly } from "./digests.ts";
import { escapeText, truncate } from "./escape.ts";
import { escapeWithin, messagePacker } from "./fit.ts";

// The weekly trend digest: what changed, in sentences (process-control signals); Slack's native
// charts of cases per week by category and by unit, each with a summary in words beside it (screen
// readers, notifications and clients that cannot draw charts read that); grievances answered in
// time; the week's survey and feedback comments by category and unit against their weekly mean; and
// every category and unit in a sortable table. Counts by category and unit only: never a comment's text.

type Kind = "category" | "unit";
const PLURAL: Record<Kind, string> = { category: "categories", unit: "units" };
/** Escaped names are kept short in summaries, so six of them and their numbers fit one text (3,000). */
const NAME_IN_TEXT = 80;

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: truncate(text, 3000) } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: truncate(text, 3000) }] });
const header = (text: string): KnownBlock => ({ type: "header", text: { type: "plain_text", text: truncate(text, 150), emoji: true } });
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const percent = (share: number | null) => (share === null ? "n/a" : `${Math.round(share * 100)}%`);
const hours = (value: number | null) => (value === null ? "n/a" : value >= 48 ? `${(value / 24).toFixed(1)} days` : `${value} h`);
const weekLabel = (date: Date, timeZone: string) => new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" }).format(date);

const signalsOf = (row: TrendRow): TrendSignal[] => (row.process.kind === "not_enough_history" ? [] : row.process.signals);
const ruleName = (signal: TrendSignal) => RULE_NAMES[signal.rule][signal.direction];
const arrow = (signal: TrendSignal) => (signal.direction === "up" ? "▲" : "▼");

/** Rows with signals first (more signals first), then by this week's count: the order of the charts and the table. */
function ranked(rows: readonly TrendRow[]): TrendRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => signalsOf(b.row).length - signalsOf(a.row).length || a.index - b.index)
    .map(({ row }) => row);
}

/** A row's usual level and limits in words. */
function levelWords(row: TrendRow): string {
  const process = row.process;
  if (process.kind === "not_enough_history") return "not enough history yet for limits";
  if (process.kind === "u") {
    return `${oneDecimal(process.rate)} per ${RATE_PER.toLocaleString("en-US")} ${process.measure} (mean ${oneDecimal(process.mean)}, upper limit ${limitText.upper(process.upper)})`;
  }
  return `weekly mean ${oneDecimal(process.mean)}, upper limit ${limitText.upper(process.upper)}`;
}

function summaryFields(digest: TrendDigest): KnownBlock {
  const { grievancesAnsweredWithin7Days: grievances, firstDraftsPassingAllChecks: drafts } = digest;
  const usual = digest.baselineWeeklyMean === null ? "no earlier weeks on record yet" : `weekly mean ${oneDecimal(digest.baselineWeeklyMean)} over ${plural(digest.baselineWeeks, "week", "weeks")}`;
  return {
    type: "section",
    fields: [
      { type: "mrkdwn", text: `*New cases*\n${digest.total} (previous week ${digest.previousTotal}; ${usual})` },
      { type: "mrkdwn", text: `*Median time to acknowledge*\n${hours(digest.medianHoursToAcknowledge)}` },
      { type: "mrkdwn", text: `*Median time to resolve*\n${hours(digest.medianHoursToResolve)}` },
      { type: "mrkdwn", text: `*Grievances answered within 7 days*\n${percent(grievances.share)} (${grievances.answered} of ${grievances.due})` },
      { type: "mrkdwn", text: `*Letters passing every check on the first draft*\n${percent(drafts.share)} (${drafts.passed} of ${drafts.total})` },
    ],
  };
}

const HOW_TO_READ =
  "How to read this: each category and unit has process limits, the range its weekly count stays within when nothing has changed " +
  "(the mean ± 2.66 × the average change from one week to the next, over up to 20 weeks; for a unit with patient days configured, " +
  "limits on its rate per 1,000 that widen in quieter weeks). A signal is a week beyond a limit, " +
  "7 weeks in a row on one side of the mean (a shift), 2 of 3 weeks close to a limit, or 6 weeks in a row rising or falling (a trend). " +
  "Anything else is ordinary variation.";

function shortHistoryNote(digest: TrendDigest): string | null {
  const { minBaselineCases } = digest.history;
  const count = (rows: readonly TrendRow[]) => rows.filter((row) => row.process.kind === "not_enough_history").length;
  const [categories, units] = [count(digest.byCategory), count(digest.byDepartment)];
  if (categories + units === 0) return null;
  const which = [categories > 0 ? plural(categories, "category", "categories") : "", units > 0 ? plural(units, "unit", "units") : ""].filter(Boolean).join(" and ");
  return `Not enough history yet for ${which} (fewer than ${minBaselineCases} cases in ${plural(digest.baselineWeeks, "week", "weeks")}): they are in the table, without limits.`;
}

/** Signal sentences, or why there are none. */
function addSignals(digest: TrendDigest, pack: ReturnType<typeof messagePacker>): void {
  const { minBaselineWeeks } = digest.history;
  if (digest.baselineWeeks < minBaselineWeeks) {
    pack.add(
      section(
        `*Signals: not enough history yet.* Process limits need ${minBaselineWeeks} complete weeks on record; there ${digest.baselineWeeks === 1 ? "is" : "are"} ${digest.baselineWeeks}. ` +
          "Until then the digest shows the counts without calling anything a change.",
      ),
    );
    return;
  }
  const lines = [...ranked(digest.byCategory), ...ranked(digest.byDepartment)].flatMap((row) => signalsOf(row).map((signal) => `• ${arrow(signal)} ${escapeText(signal.sentence)}`));
  if (lines.length > 0) pack.addLines({ heading: "*:rotating_light: Signals this week*", continued: "*:rotating_light: Signals this week* (continued)", lines });
  else pack.add(section("*No signals this week*: every category and unit with enough history stayed within its process limits, with no shift, no run close to a limit and no trend."));
  const note = shortHistoryNote(digest);
  pack.add(context(note ? `${HOW_TO_READ} ${note}` : HOW_TO_READ));
}

/** Cases per week for the top rows as a chart, and the same in words beside it. */
function rowsChart(kind: Kind, rows: readonly TrendRow[], digest: TrendDigest, timeZone: string): KnownBlock[] {
  if (rows.length === 0) return [];
  const shown = ranked(rows).slice(0, CHART_LIMITS.series);
  const weeks = digest.weekStarts.slice(-CHART_LIMITS.points);
  const categories = weeks.map((start) => weekLabel(start, timeZone));
  const more = rows.length - shown.length;
  const chart = seriesChart({
    // A line needs a few points to show a shape; with less history, bars.
    type: weeks.length >= 4 ? "line" : "bar",
    title: `Cases per week by ${kind}${more > 0 ? ` (top ${shown.length} of ${rows.length})` : ""}`,
    categories,
    series: shown.map((row) => ({ name: row.label, values: row.weekly.slice(-weeks.length) })),
    xLabel: "Week starting",
    yLabel: "Cases",
  });
  const span = weeks.length > 1 ? `${plural(weeks.length, "week", "weeks")} from ${categories[0]} to ${categories.at(-1)}` : `the week of ${categories[0]}`;
  const chosen = more > 0 ? `the ${shown.length} ${PLURAL[kind]} with signals or the most cases this week` : `every ${kind}`;
  const lines = shown.map((row) => {
    const signals = signalsOf(row);
    return `${escapeWithin(row.label, NAME_IN_TEXT)}: ${row.count} this week, ${escapeText(levelWords(row))}; ${signals.length > 0 ? signals.map(ruleName).join(", ").toLowerCase() : "no signal"}.`;
  });
  const rest = more > 0 ? ` ${plural(more, `more ${kind} is`, `more ${PLURAL[kind]} are`)} in the table below.` : "";
  return [chart, context(`*Chart in words*: cases per week by ${kind}, ${span}, for ${chosen}. ${lines.join(" ")}${rest}`)];
}

/** Grievances due this week, answered within 7 days or not, as a pie and in words; nothing when none fell due. */
function grievanceChart(digest: TrendDigest): KnownBlock[] {
  const { answered, due, share } = digest.grievancesAnsweredWithin7Days;
  const chart = pieChart("Grievances due this week: answered within 7 days", [
    { label: "Answered in 7 days", value: answered },
    { label: "Not answered in time", value: due - answered },
  ]);
  if (!chart) return [];
  return [chart, context(`*Chart in words*: ${answered} of ${plural(due, "grievance", "grievances")} due this week (${percent(share)}) answered within 7 days; ${due - answered} not.`)];
}

/** Rows of each list in the comments part: eight names of at most 80 characters and their numbers stay well within a field's 2,000. */
const COMMENT_ROWS = 8;

function commentList(kind: Kind, rows: readonly CommentThemeRow[]): string {
  const shown = rows.slice(0, COMMENT_ROWS);
  const lines = shown.map((row) => `• ${escapeWithin(row.label, NAME_IN_TEXT)}: ${row.count}${row.baselineMean === null ? "" : ` (weekly mean ${oneDecimal(row.baselineMean)})`}`);
  const more = rows.length - shown.length;
  if (more > 0) lines.push(`… and ${plural(more, `more ${kind}`, `more ${PLURAL[kind]}`)}`);
  return `*By ${kind}*\n${lines.length > 0 ? lines.join("\n") : "none"}`;
}

const commentsUsual = (mean: number | null, weeks: number) => (mean === null ? "no earlier week of comments on record" : `weekly mean ${oneDecimal(mean)} over ${plural(weeks, "week", "weeks")}`);

/** The week's survey and feedback comments: counts by category and unit against their weekly mean, and the grievance candidates; nothing when none is on record. */
function commentsPart(comments: CommentThemes | null): KnownBlock[] {
  if (!comments) return [];
  const { total, candidates, baselineWeeks } = comments;
  return [
    section(
      `*:speech_balloon: Survey and feedback comments this week*\n${plural(total, "comment", "comments")} (${commentsUsual(comments.baselineWeeklyMean, baselineWeeks)}); ` +
        `${plural(candidates, "grievance candidate", "grievance candidates")}, an identified patient asking for resolution or follow-up, offered to the team to file (${commentsUsual(comments.candidatesBaselineMean, baselineWeeks)}).`,
    ),
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: commentList("category", comments.byCategory) },
        { type: "mrkdwn", text: commentList("unit", comments.byUnit) },
      ],
    },
    context("Counts only: no comment text or patient details in the channel. Anonymous comments are counted, not filed."),
  ];
}

/** The comments part in one sentence, for the fallback text. */
function commentsSummary(comments: CommentThemes | null): string[] {
  if (!comments) return [];
  const usual = comments.baselineWeeklyMean === null ? "" : ` (weekly mean ${oneDecimal(comments.baselineWeeklyMean)})`;
  const top = comments.byCategory.filter((row) => row.count > 0).slice(0, 3).map((row) => `${escapeWithin(row.label, 60)} ${row.count}`);
  return [`Survey and feedback comments: ${comments.total}${usual}${top.length > 0 ? `, most on ${top.join(", ")}` : ""}; ${plural(comments.candidates, "grievance candidate", "grievance candidates")}.`];
}

const numberCell = (value: number, text = String(value)): TableCell => ({ value, text });

function tableRow(row: TrendRow, kind: Kind, showMeasure: boolean): TableCell[] {
  const process = row.process;
  const signals = signalsOf(row);
  const signalText = process.kind === "not_enough_history" ? "Not enough history yet" : signals.length > 0 ? signals.map(ruleName).join("; ") : "None";
  const mean = process.kind === "not_enough_history" ? row.baselineMean : process.mean;
  const cells: TableCell[] = [
    row.label,
    kind === "category" ? "Category" : "Unit",
    numberCell(row.count),
    numberCell(row.previous),
    mean === null ? "–" : numberCell(Math.round(mean * 10) / 10, oneDecimal(mean)),
    process.kind === "not_enough_history" ? "–" : numberCell(Number(limitText.upper(process.upper)), limitText.upper(process.upper)),
    signalText,
  ];
  if (showMeasure) cells.splice(2, 0, process.kind === "u" ? `Mean and limit per ${RATE_PER.toLocaleString("en-US")} ${process.measure}` : "Cases");
  return cells;
}

/** Every category and unit, signals first, in sortable tables (each in a message of its own, as Slack allows one). */
function tables(digest: TrendDigest, timeZone: string): KnownBlock[][] {
  const rows = [...ranked(digest.byCategory).map((row) => ["category", row] as const), ...ranked(digest.byDepartment).map((row) => ["unit", row] as const)];
  if (rows.length === 0) return [];
  const showMeasure = digest.byDepartment.some((row) => row.process.kind === "u");
  const header = ["Category or unit", "Kind", ...(showMeasure ? ["Measured as"] : []), "This week", "Last week", "Weekly mean", "Upper limit", "Signal"];
  const blocks = dataTables({
    caption: `Every category and unit, week of ${dateOnly(digest.periodStart, timeZone)}`,
    header,
    rows: rows.map(([kind, row]) => tableRow(row, kind, showMeasure)),
  });
  const intro = `*Every category and unit* (${plural(digest.byCategory.length, "category", "categories")}, ${plural(digest.byDepartment.length, "unit", "units")}), signals first; sort by any column.`;
  return blocks.map((table, index) => [context(blocks.length > 1 ? `${intro} Table ${index + 1} of ${blocks.length}.` : intro), table]);
}

/** The top-level text: the fallback for notifications, screen readers and clients without blocks. */
function fallbackText(digest: TrendDigest, title: string): string {
  const usual = digest.baselineWeeklyMean === null ? "" : `; weekly mean ${oneDecimal(digest.baselineWeeklyMean)} over ${plural(digest.baselineWeeks, "week", "weeks")}`;
  const parts = [`${title}: ${plural(digest.total, "new case", "new cases")} (previous week ${digest.previousTotal}${usual}).`];
  if (digest.baselineWeeks < digest.history.minBaselineWeeks) {
    parts.push(`Not enough history yet for process limits (${digest.baselineWeeks} of ${digest.history.minBaselineWeeks} weeks).`);
  } else {
    const signalled = [...ranked(digest.byCategory), ...ranked(digest.byDepartment)].flatMap((row) => signalsOf(row).map((signal) => `${escapeWithin(row.label, 60)} (${ruleName(signal).toLowerCase()})`));
    const named = signalled.slice(0, 3).join("; ");
    parts.push(signalled.length === 0 ? "No signals: every category and unit within its usual range." : `${plural(signalled.length, "signal", "signals")}: ${named}${signalled.length > 3 ? `; and ${signalled.length - 3} more` : ""}.`);
  }
  const { answered, due, share } = digest.grievancesAnsweredWithin7Days;
  parts.push(`Grievances answered within 7 days: ${percent(share)} (${answered} of ${due}).`);
  parts.push(...commentsSummary(digest.comments));
  return parts.join(" ");
}

/** The weekly trend digest as one or more messages: signals in words, charts with their summaries, and the full table. */
export function trendMessages(digest: TrendDigest, options: DigestRenderOptions): CaseMessage[] {
  const end = new Date(digest.periodEnd.getTime() - 1);
  const title = `Trends · ${dateOnly(digest.periodStart, options.timeZone)} to ${dateOnly(end, options.timeZone)}${options.late ? " (posted late)" : ""}`;
  const pack = messagePacker();
  pack.add(header(title));
  pack.add(summaryFields(digest));
  addSignals(digest, pack);
  for (const group of [
    rowsChart("category", digest.byCategory, digest, options.timeZone),
    rowsChart("unit", digest.byDepartment, digest, options.timeZone),
    grievanceChart(digest),
    commentsPart(digest.comments),
    ...tables(digest, options.timeZone),
  ]) {
    if (group.length > 0) pack.addGroup(group);
  }
  return pack.messages(fallbackText(digest, title));
}
