import type { DataTableBlock, KnownBlock, RawNumberElement, RawTextElement } from "@slack/types";

// Slack's native charts and sortable tables, within their documented limits. Chart and cell text
// is plain (Slack renders it as is, not as mrkdwn), so it is not escaped; every chart goes out with
// a text summary beside it, which is escaped where it is built.

/**
 * https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block: title ≤ 50 characters;
 * pie segments and line/bar/area series 1–6; segment labels and series names ≤ 20. Data points per
 * series (≤ 20), category labels (≤ 20) and axis titles (≤ 50) are the limits the libraries quoting
 * the page give; two charts per message (see PER_MESSAGE_BLOCKS in fit.ts).
 */
export const CHART_LIMITS = { title: 50, series: 6, label: 20, points: 20, axisLabel: 50 } as const;

/**
 * https://docs.slack.dev/reference/block-kit/blocks/data-table-block: a header and 1–100 rows,
 * 1–20 columns, page_size 1–100, "character count across all cells cannot exceed 10,000". We stay
 * below that, since cell text also counts towards the text one message may hold (fit.ts).
 */
export const TABLE_LIMITS = { rows: 100, columns: 20, pageSize: 100, cellCharacters: 8_000 } as const;

interface DataPoint {
  label: string;
  value: number;
}

/** A chart block. @slack/types 3.2 has no type for it yet (Slack added the block in June 2026). */
export interface DataVisualizationBlock {
  type: "data_visualization";
  title: string;
  chart:
    | { type: "pie"; segments: DataPoint[] }
    | { type: "bar" | "line" | "area"; series: { name: string; data: DataPoint[] }[]; axis_config: { categories: string[]; x_label?: string; y_label?: string } };
}

/** The chart as a message block: the one place it is widened to @slack/types' union, which lacks it. */
const asBlock = (block: DataVisualizationBlock) => block as unknown as KnownBlock;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** A label within `max` characters: parentheses dropped first, then cut at a word where one is near. */
function shorten(label: string, max: number): string {
  const plain = label.replace(/\s*\([^)]*\)/g, "").trim() || label.trim();
  if (plain.length <= max) return plain;
  const room = plain.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  return `${(space >= max / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** Labels shortened to `max` characters, kept distinct (Slack refuses two series with one name) by a number where they meet. */
export function shortLabels(labels: readonly string[], max: number = CHART_LIMITS.label): string[] {
  const seen = new Set<string>();
  return labels.map((label) => {
    let short = shorten(label, max) || "–";
    for (let n = 2; seen.has(short); n++) short = `${cut(shorten(label, max - String(n).length - 1), max - String(n).length - 1)} ${n}`;
    seen.add(short);
    return short;
  });
}

/** A line or bar chart of up to six series over shared categories (weeks); longer inputs are refused, not cut. */
export function seriesChart(input: {
  type: "line" | "bar";
  title: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
  xLabel?: string;
  yLabel?: string;
}): KnownBlock {
  const { categories, series } = input;
  if (series.length < 1 || series.length > CHART_LIMITS.series) throw new RangeError(`A chart takes 1 to ${CHART_LIMITS.series} series, got ${series.length}`);
  if (categories.length < 1 || categories.length > CHART_LIMITS.points) throw new RangeError(`A chart takes 1 to ${CHART_LIMITS.points} points, got ${categories.length}`);
  const labels = categories.map((category) => cut(category, CHART_LIMITS.label));
  const names = shortLabels(series.map((entry) => entry.name));
  return asBlock({
    type: "data_visualization",
    title: cut(input.title, CHART_LIMITS.title),
    chart: {
      type: input.type,
      series: series.map((entry, index) => ({ name: names[index]!, data: labels.map((label, point) => ({ label, value: entry.values[point] ?? 0 })) })),
      axis_config: {
        categories: labels,
        ...(input.xLabel ? { x_label: cut(input.xLabel, CHART_LIMITS.axisLabel) } : {}),
        ...(input.yLabel ? { y_label: cut(input.yLabel, CHART_LIMITS.axisLabel) } : {}),
      },
    },
  });
}

/** A pie chart of the segments with a value above 0 ("Must be greater than 0"); null when none has one. */
export function pieChart(title: string, segments: readonly DataPoint[]): KnownBlock | null {
  const shown = segments.filter((segment) => segment.value > 0).slice(0, CHART_LIMITS.series);
  if (shown.length === 0) return null;
  const labels = shortLabels(shown.map((segment) => segment.label));
  return asBlock({ type: "data_visualization", title: cut(title, CHART_LIMITS.title), chart: { type: "pie", segments: shown.map((segment, index) => ({ label: labels[index]!, value: segment.value })) } });
}

/** A table cell: text, or a number Slack can sort by (shown as `text`). */
export type TableCell = string | { value: number; text: string };

const cell = (value: TableCell): RawTextElement | RawNumberElement =>
  // "minLength": 1 for every cell's text.
  typeof value === "string" ? { type: "raw_text", text: value || "–" } : { type: "raw_number", value: value.value, text: value.text || "–" };

const cellsLength = (row: readonly TableCell[]) => row.reduce((sum: number, value) => sum + Math.max(1, (typeof value === "string" ? value : value.text).length), 0);

/**
 * Sortable tables of `rows` under `header`, as many as the row and character caps need; the
 * caption of each names its part. Every row is shown: none is dropped to fit.
 */
export function dataTables(input: { caption: string; header: readonly string[]; rows: readonly (readonly TableCell[])[]; pageSize?: number }): DataTableBlock[] {
  const { header, rows } = input;
  if (header.length < 1 || header.length > TABLE_LIMITS.columns) throw new RangeError(`A table takes 1 to ${TABLE_LIMITS.columns} columns, got ${header.length}`);
  const headerLength = cellsLength(header);
  const parts: (readonly TableCell[])[][] = [];
  let part: (readonly TableCell[])[] = [];
  let characters = headerLength;
  for (const row of rows) {
    const length = cellsLength(row);
    if (part.length > 0 && (part.length === TABLE_LIMITS.rows || characters + length > TABLE_LIMITS.cellCharacters)) {
      parts.push(part);
      part = [];
      characters = headerLength;
    }
    part.push(row);
    characters += length;
  }
  if (part.length > 0) parts.push(part);
  return parts.map((chunk, index) => ({
    type: "data_table",
    caption: parts.length > 1 ? `${input.caption} (part ${index + 1} of ${parts.length})` : input.caption,
    page_size: Math.min(TABLE_LIMITS.pageSize, input.pageSize ?? 10),
    row_header_column_index: 0,
    rows: [header.map((title) => cell(title) as RawTextElement), ...chunk.map((row) => row.map(cell))],
  }));
}
