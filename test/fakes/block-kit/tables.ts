import { LIMITS } from "./limits.ts";
import { arrayField, enumField, integerField, isRecord, type Json, type Problems, say, stringField, WORDS } from "./report.ts";
import { richTextElements, richTextLength } from "./rich-text.ts";

// The table, data_table and data_visualization blocks (the data blocks are 2026 additions), and
// their caps that count across a whole message. Messages only: their pages describe message use,
// and Slack documents no other surface for them (the stricter reading).

/** One cell; returns the characters it shows. raw_number is a data_table cell type only. */
function cell(value: unknown, pointer: string, out: Problems, types: readonly string[]): number {
  if (!isRecord(value)) {
    say(out, "must provide an object", pointer);
    return 0;
  }
  if (typeof value.type !== "string" || !types.includes(value.type)) {
    say(out, WORDS.unsupported(value.type), `${pointer}/type`);
    return 0;
  }
  if (value.type === "rich_text") {
    richTextElements(value, pointer, out);
    return richTextLength(value);
  }
  // Both pages' schemas: "text": {"type": "string", "minLength": 1}; raw_number also carries a number "value".
  if (value.type === "raw_number" && typeof value.value !== "number") say(out, value.value === undefined ? WORDS.missing("value") : "must provide a number", pointer);
  return stringField(value, "text", pointer, out, { required: true, min: 1 })?.length ?? 0;
}

/** https://docs.slack.dev/reference/block-kit/blocks/table-block: ≤ 100 rows of ≤ 20 cells (raw_text or rich_text). */
function table(block: Json, pointer: string, out: Problems): void {
  const rows = arrayField(block, "rows", pointer, out, { required: true, min: 1, max: LIMITS.table.rows }) ?? [];
  let characters = 0;
  rows.forEach((row, rowIndex) => {
    const at = `${pointer}/rows/${rowIndex}`;
    if (!Array.isArray(row)) {
      say(out, "must provide an array", at);
      return;
    }
    if (row.length > LIMITS.table.cells) say(out, WORDS.tooMany(LIMITS.table.cells), at);
    row.forEach((value, index) => {
      characters += cell(value, `${at}/${index}`, out, ["raw_text", "rich_text"]);
    });
  });
  if (characters > LIMITS.dataTable.cellCharacters) say(out, `cells must hold no more than ${LIMITS.dataTable.cellCharacters} characters in total`, `${pointer}/rows`);
  const settings = arrayField(block, "column_settings", pointer, out, { max: LIMITS.table.columnSettings }) ?? [];
  settings.forEach((setting, index) => {
    const at = `${pointer}/column_settings/${index}`;
    if (setting === null) return; // a gap: that column keeps the default behaviour
    if (!isRecord(setting)) {
      say(out, "must provide an object", at);
      return;
    }
    for (const key of Object.keys(setting)) if (key !== "align" && key !== "is_wrapped") say(out, WORDS.extra(key), at);
    enumField(setting, "align", at, out, ["left", "center", "right"]);
    if (setting.is_wrapped !== undefined && typeof setting.is_wrapped !== "boolean") say(out, "must provide a boolean", `${at}/is_wrapped`);
  });
}

/** https://docs.slack.dev/reference/block-kit/blocks/data-table-block: header + 1–100 rows, 1–20 columns, equal row lengths. */
function dataTable(block: Json, pointer: string, out: Problems): void {
  stringField(block, "caption", pointer, out, { required: true, min: 1 });
  integerField(block, "page_size", pointer, out, { min: 1, max: LIMITS.dataTable.pageSize });
  const rows = arrayField(block, "rows", pointer, out, { required: true, min: LIMITS.dataTable.minRows, max: LIMITS.dataTable.maxRows }) ?? [];
  const width = Array.isArray(rows[0]) ? rows[0].length : 0;
  if (Array.isArray(rows[0]) && (width < 1 || width > LIMITS.dataTable.columns)) say(out, width < 1 ? WORDS.tooFew(1) : WORDS.tooMany(LIMITS.dataTable.columns), `${pointer}/rows/0`);
  integerField(block, "row_header_column_index", pointer, out, { min: 0, max: Math.max(0, width - 1) });
  let characters = 0;
  rows.forEach((row, rowIndex) => {
    const at = `${pointer}/rows/${rowIndex}`;
    if (!Array.isArray(row)) {
      say(out, "must provide an array", at);
      return;
    }
    if (row.length !== width) say(out, `must have ${width} items, as the header row does`, at);
    // "rich_text cannot be used for header cells."
    const types = rowIndex === 0 ? ["raw_text", "raw_number"] : ["raw_text", "raw_number", "rich_text"];
    row.forEach((value, index) => {
      characters += cell(value, `${at}/${index}`, out, types);
    });
  });
  if (characters > LIMITS.dataTable.cellCharacters) say(out, `cells must hold no more than ${LIMITS.dataTable.cellCharacters} characters in total`, `${pointer}/rows`);
}

const label = (value: Json, key: string, pointer: string, out: Problems, max: number) => stringField(value, key, pointer, out, { required: true, min: 1, max });

function seriesChart(chart: Json, pointer: string, out: Problems): void {
  const axis = chart.axis_config;
  let categories: string[] = [];
  if (axis === undefined) say(out, WORDS.missing("axis_config"), pointer);
  else if (!isRecord(axis)) say(out, "must provide an object", `${pointer}/axis_config`);
  else {
    const at = `${pointer}/axis_config`;
    const listed = arrayField(axis, "categories", at, out, { required: true, min: 1, max: LIMITS.dataVisualization.points }) ?? [];
    listed.forEach((category, index) => {
      if (typeof category !== "string") say(out, "must provide a string", `${at}/categories/${index}`);
      else if (category.length > LIMITS.dataVisualization.label) say(out, WORDS.tooLong(LIMITS.dataVisualization.label), `${at}/categories/${index}`);
    });
    categories = listed.filter((category): category is string => typeof category === "string");
    stringField(axis, "x_label", at, out, { max: LIMITS.dataVisualization.axisLabel });
    stringField(axis, "y_label", at, out, { max: LIMITS.dataVisualization.axisLabel });
  }
  const names = new Set<string>();
  const series = arrayField(chart, "series", pointer, out, { required: true, min: 1, max: LIMITS.dataVisualization.series }) ?? [];
  series.forEach((entry, index) => {
    const at = `${pointer}/series/${index}`;
    if (!isRecord(entry)) {
      say(out, "must provide an object", at);
      return;
    }
    const name = label(entry, "name", at, out, LIMITS.dataVisualization.label);
    if (name !== undefined && names.has(name)) say(out, "series names must be unique", `${at}/name`);
    if (name !== undefined) names.add(name);
    const points = arrayField(entry, "data", at, out, { required: true, min: 1, max: LIMITS.dataVisualization.points }) ?? [];
    const labels = points.map((point, pointIndex) => {
      const pointAt = `${at}/data/${pointIndex}`;
      if (!isRecord(point)) {
        say(out, "must provide an object", pointAt);
        return undefined;
      }
      if (typeof point.value !== "number") say(out, point.value === undefined ? WORDS.missing("value") : "must provide a number", pointAt);
      return label(point, "label", pointAt, out, LIMITS.dataVisualization.label);
    });
    // Each series gives one point per category, labelled as the category.
    if (categories.length > 0 && labels.join("\u0000") !== categories.join("\u0000")) say(out, "data labels must match axis_config categories", `${at}/data`);
  });
}

/** https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block: title ≤ 50; pie, bar, area or line. */
function dataVisualization(block: Json, pointer: string, out: Problems): void {
  label(block, "title", pointer, out, LIMITS.dataVisualization.title);
  const chart = block.chart;
  if (chart === undefined) {
    say(out, WORDS.missing("chart"), pointer);
    return;
  }
  const at = `${pointer}/chart`;
  if (!isRecord(chart)) {
    say(out, "must provide an object", at);
    return;
  }
  if (chart.type === "pie") {
    const segments = arrayField(chart, "segments", at, out, { required: true, min: 1, max: LIMITS.dataVisualization.series }) ?? [];
    segments.forEach((segment, index) => {
      const segmentAt = `${at}/segments/${index}`;
      if (!isRecord(segment)) {
        say(out, "must provide an object", segmentAt);
        return;
      }
      label(segment, "label", segmentAt, out, LIMITS.dataVisualization.label);
      // "Must be greater than 0."
      if (typeof segment.value !== "number" || !(segment.value > 0)) say(out, "must be a number greater than 0", `${segmentAt}/value`);
    });
  } else if (chart.type === "bar" || chart.type === "area" || chart.type === "line") seriesChart(chart, at, out);
  else say(out, WORDS.unsupported(chart.type), `${at}/type`);
}

export const TABLE_BLOCKS = {
  table: { props: ["rows", "column_settings"], check: table },
  data_table: { props: ["rows", "caption", "page_size", "row_header_column_index"], check: dataTable },
  data_visualization: { props: ["title", "chart"], check: dataVisualization },
} as const;

/** Caps that count across one message's blocks: tables per message, charts per message, data table characters. */
export function messageWideLimits(blocks: readonly unknown[], pointer: string, out: Problems): void {
  const ofType = (type: string) => blocks.map((block, index) => [block, index] as const).filter(([block]) => isRecord(block) && block.type === type);
  const tables = ofType("table");
  if (tables.length > LIMITS.table.perMessage) say(out, `only ${LIMITS.table.perMessage} table block is allowed per message`, `${pointer}/${tables[LIMITS.table.perMessage]?.[1]}`);
  const charts = ofType("data_visualization");
  if (charts.length > LIMITS.dataVisualization.perMessage) say(out, `only ${LIMITS.dataVisualization.perMessage} data_visualization blocks are allowed per message`, `${pointer}/${charts[LIMITS.dataVisualization.perMessage]?.[1]}`);
  const dataTables = ofType("data_table");
  const characters = dataTables.reduce((sum, [block]) => sum + richTextLength((block as Json).rows), 0);
  if (dataTables.length > 1 && characters > LIMITS.dataTable.cellCharacters) say(out, `data_table cells must hold no more than ${LIMITS.dataTable.cellCharacters} characters per message`, pointer);
}
