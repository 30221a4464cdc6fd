import { describe, expect, it } from "vitest";
import { categoryLabel } from "../../../src/cases/taxonomy.ts";
import { buildTrendDigest, type TrendAggregates, type WeeklyCount } from "../../../src/digests/trends.ts";
import { WEEK_MS } from "../../../src/digests/trend-weeks.ts";
import { dataTables, shortLabels } from "../../../src/slack/blocks/data-blocks.ts";
import { trendMessages } from "../../../src/slack/blocks/trend-digest.ts";
import { checkMessage } from "../../fakes/block-kit/index.ts";

// The weekly trend digest as Slack receives it: every message checked by the strict fake.

const periodEnd = new Date("2026-12-07T13:00:00Z"); // Monday 08:00 in New York
const OPTIONS = { timeZone: "America/New_York", workspaceUrl: "https://st-bartholomew-regional.enterprise.slack.com/" };
const BASELINE = [3, 2, 3, 4, 2, 4, 1, 3, 4, 2, 3, 2, 4, 3, 2, 3, 5, 3, 2, 3];
const series = (key: string, values: number[]): WeeklyCount[] => values.map((count, index) => ({ key, weeksAgo: values.length - 1 - index, count }));

type Block = { type: string; title?: string; chart?: { type: string; series?: { name: string; data: unknown[] }[]; segments?: { label: string; value: number }[] }; rows?: { text: string }[][]; elements?: { text: string }[]; text?: { text: string } };

function render(aggregates: Partial<TrendAggregates>) {
  const full: TrendAggregates = {
    receivedByCategory: [],
    receivedByDepartment: [],
    firstReceivedAt: new Date(periodEnd.getTime() - 30 * WEEK_MS),
    hoursToAcknowledge: null,
    hoursToResolve: null,
    grievanceClock: { due: 0, answered: 0 },
    firstDrafts: { total: 0, passed: 0 },
    ...aggregates,
  };
  const messages = trendMessages(buildTrendDigest({ aggregates: full, periodEnd, categoryLabel }), OPTIONS);
  for (const message of messages) expect(checkMessage(message)).toBeNull();
  const blocks = messages.flatMap((message) => message.blocks as unknown as Block[]);
  const charts = blocks.filter((block) => block.type === "data_visualization");
  const tables = blocks.filter((block) => block.type === "data_table");
  const words = blocks.map((block) => block.text?.text ?? block.elements?.map((element) => element.text).join(" ") ?? "").join("\n");
  return { messages, blocks, charts, tables, words };
}

describe("trendMessages", () => {
  it("names each signal in a sentence, and says it in the fallback text", () => {
    const { messages, words } = render({ receivedByCategory: series("safety", [...BASELINE, 9]), receivedByDepartment: series("4 West", [...BASELINE, 9]) });
    expect(words).toContain("• ▲ Safety (errors, falls, infection, medication): 9 this week, above the upper process limit of 6.8 (mean 2.9 over 20 weeks).");
    expect(words).toContain("• ▲ 4 West: 9 this week, above the upper process limit of 6.8 (mean 2.9 over 20 weeks).");
    expect(messages[0]!.text).toBe(
      "Trends · Mon 30 Nov 2026 to Mon 7 Dec 2026: 9 new cases (previous week 3; weekly mean 2.9 over 20 weeks). " +
        "2 signals: Safety (errors, falls, infection, medication) (above upper limit); 4 West (above upper limit). Grievances answered within 7 days: n/a (0 of 0).",
    );
  });

  it("draws cases per week by category and by unit, each chart with its words beside it", () => {
    const { blocks, charts } = render({ receivedByCategory: series("safety", [...BASELINE, 9]), receivedByDepartment: series("4 West", [...BASELINE, 9]) });
    expect(charts.map((chart) => [chart.title, chart.chart?.type, chart.chart?.series?.map((entry) => entry.name)])).toEqual([
      ["Cases per week by category", "line", ["Safety"]],
      ["Cases per week by unit", "line", ["4 West"]],
    ]);
    // 20 weeks shown: the chart's limit; the first baseline week is in the limits only.
    expect(charts[0]!.chart!.series![0]!.data).toHaveLength(20);
    for (const chart of charts) {
      const next = blocks[blocks.indexOf(chart) + 1]!;
      expect(next.type).toBe("context");
      expect(next.elements![0]!.text).toMatch(/^\*Chart in words\*: cases per week by (category|unit), 20 weeks from 20 Jul to 30 Nov, for every (category|unit)\. .+: 9 this week, weekly mean 2\.9, upper limit 6\.8; above upper limit\.$/);
    }
  });

  it("shows the top six series, signals first, and says how many more are in the table", () => {
    // Eight units: the quiet "Z Unit" has the signal, the others more cases and none.
    const units = ["A", "B", "C", "D", "E", "F", "G"].flatMap((name) => series(`${name} Unit`, [...BASELINE.map((n) => n + 10), 12]));
    const { charts, words, tables } = render({ receivedByDepartment: [...units, ...series("Z Unit", [...BASELINE, 9])] });
    const names = charts[0]!.chart!.series!.map((entry) => entry.name);
    expect(names).toHaveLength(6);
    expect(names[0]).toBe("Z Unit");
    expect(charts[0]!.title).toBe("Cases per week by unit (top 6 of 8)");
    expect(words).toContain("2 more units are in the table below.");
    // The table has every unit once, the signal first.
    const tableNames = tables.flatMap((table) => table.rows!.slice(1).map((row) => row[0]!.text));
    expect(tableNames).toEqual(["Z Unit", "A Unit", "B Unit", "C Unit", "D Unit", "E Unit", "F Unit", "G Unit"]);
    expect(tables[0]!.rows![1]!.map((cell) => cell.text)).toEqual(["Z Unit", "Unit", "9", "3", "2.9", "6.8", "Above upper limit"]);
  });

  it("says there is not enough history yet, in the blocks and the fallback text", () => {
    const { messages, words, tables } = render({ firstReceivedAt: new Date(periodEnd.getTime() - 6 * WEEK_MS), receivedByCategory: series("safety", [1, 2, 3, 9]) });
    expect(words).toContain("*Signals: not enough history yet.* Process limits need 12 complete weeks on record; there are 5.");
    expect(messages[0]!.text).toContain("Not enough history yet for process limits (5 of 12 weeks).");
    expect(tables[0]!.rows![1]!.map((cell) => cell.text)).toEqual(["Safety (errors, falls, infection, medication)", "Category", "9", "3", "1.2", "–", "Not enough history yet"]);
  });

  it("says when no row signalled, and which rows had too few cases", () => {
    const { words } = render({ receivedByCategory: [...series("safety", [...BASELINE, 3]), ...series("billing", [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0])] });
    expect(words).toContain("*No signals this week*");
    expect(words).toContain("Not enough history yet for 1 category (fewer than 10 cases in 20 weeks): they are in the table, without limits.");
  });

  it("charts grievances answered within 7 days as a pie of the parts above 0", () => {
    const some = render({ grievanceClock: { due: 10, answered: 9 } });
    expect(some.charts.map((chart) => chart.chart?.segments)).toEqual([
      [
        { label: "Answered in 7 days", value: 9 },
        { label: "Not answered in time", value: 1 },
      ],
    ]);
    expect(some.words).toContain("*Chart in words*: 9 of 10 grievances due this week (90%) answered within 7 days; 1 not.");
    expect(render({ grievanceClock: { due: 4, answered: 4 } }).charts[0]!.chart!.segments).toEqual([{ label: "Answered in 7 days", value: 4 }]);
    expect(render({ grievanceClock: { due: 0, answered: 0 } }).charts).toEqual([]);
  });

  it("keeps 150 units and every category within Slack's limits: two charts and one table a message, every unit in a table", () => {
    const units = Array.from({ length: 150 }, (_, n) => series(`${String(n).padStart(3, "0")} ${"&<>".repeat(24)}`, [...BASELINE, 9])).flat();
    const categories = ["safety", "quality", "communication", "billing", "access", "respect", "discharge", "environment"].flatMap((key) => series(key, [...BASELINE, 9]));
    const { messages, tables, words } = render({ receivedByDepartment: units, receivedByCategory: categories, grievanceClock: { due: 3, answered: 1 } });
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) {
      const types = (message.blocks as unknown as Block[]).map((block) => block.type);
      expect(types.filter((type) => type === "data_visualization").length).toBeLessThanOrEqual(2);
      expect(types.filter((type) => type === "data_table").length).toBeLessThanOrEqual(1);
    }
    expect(tables.flatMap((table) => table.rows!.slice(1)).length).toBe(158);
    // Every signal is listed, escaped.
    expect(words.match(/^• ▲ /gm)).toHaveLength(158);
    expect(words).toContain("&amp;&lt;&gt;");
  });
});

describe("trendMessages survey comments", () => {
  const comments = (weekly: { category: string; unit: string; weeksAgo: number; count: number; candidates: number }[]) => ({ endDate: "2026-12-07", firstCommentDate: "2026-01-05", weekly });
  /** Every text of the blocks, section fields included. */
  const texts = (blocks: readonly Block[]) =>
    blocks.map((block) => [block.text?.text, ...(block.elements ?? []).map((element) => element.text), ...((block as { fields?: { text: string }[] }).fields ?? []).map((field) => field.text)].filter(Boolean).join("\n")).join("\n");

  it("adds the week's comments by category and by unit against their weekly mean, the candidates, and a sentence in the fallback text", () => {
    const { messages, blocks } = render({
      comments: comments([
        { category: "environment", unit: "4 West", weeksAgo: 0, count: 4, candidates: 1 },
        { category: "billing", unit: "4 West", weeksAgo: 0, count: 1, candidates: 1 },
        { category: "environment", unit: "4 West", weeksAgo: 3, count: 20, candidates: 2 },
        { category: "quality", unit: "Oncology & Infusion <3rd>", weeksAgo: 7, count: 10, candidates: 0 },
      ]),
    });
    const words = texts(blocks);
    expect(words).toContain("*:speech_balloon: Survey and feedback comments this week*\n5 comments (weekly mean 1.5 over 20 weeks); 2 grievance candidates, an identified patient asking for resolution or follow-up, offered to the team to file (weekly mean 0.1 over 20 weeks).");
    expect(words).toContain("*By category*\n• Environment (cleanliness, noise, food, facilities): 4 (weekly mean 1.0)\n• Billing and payment: 1 (weekly mean 0.0)\n• Quality of care: 0 (weekly mean 0.5)");
    expect(words).toContain("*By unit*\n• 4 West: 5 (weekly mean 1.0)\n• Oncology &amp; Infusion &lt;3rd&gt;: 0 (weekly mean 0.5)");
    expect(words).toContain("Counts only: no comment text or patient details in the channel.");
    expect(messages[0]!.text).toContain("Survey and feedback comments: 5 (weekly mean 1.5), most on Environment (cleanliness, noise, food, facilities) 4, Billing and payment 1; 2 grievance candidates.");
  });

  it("names the first eight of each list and counts the rest, and has no part when no comment is on record", () => {
    const units = Array.from({ length: 150 }, (_, n) => ({ category: "environment", unit: `${String(n).padStart(3, "0")} ${"&<>".repeat(24)}`, weeksAgo: 0, count: 150 - n, candidates: 0 }));
    const { messages, blocks } = render({ comments: comments(units), receivedByDepartment: units.flatMap((row) => series(row.unit, [...BASELINE, 9])) });
    const words = texts(blocks);
    expect(words).toContain("… and 142 more units");
    expect(words.match(/^• 0\d\d &amp;/gm)?.length).toBeGreaterThanOrEqual(8);
    // Still two charts and one table a message at most (render checks every message with the strict fake).
    for (const message of messages) expect((message.blocks as unknown as Block[]).filter((block) => block.type === "data_table").length).toBeLessThanOrEqual(1);
    expect(texts(render({ comments: { endDate: "2026-12-07", firstCommentDate: null, weekly: [] } }).blocks)).not.toContain("Survey and feedback comments");
  });
});

describe("data blocks", () => {
  it("shortens labels to 20 characters, dropping parentheses, and keeps them distinct", () => {
    expect(shortLabels(["Safety (errors, falls, infection, medication)", "Patient rights: interpreter and language access", "4 West"])).toEqual([
      "Safety",
      "Patient rights:…",
      "4 West",
    ]);
    const twins = shortLabels(["Cardiothoracic Surgery North", "Cardiothoracic Surgery South", "Cardiothoracic Surgery East"]);
    expect(new Set(twins).size).toBe(3);
    for (const label of twins) expect(label.length).toBeLessThanOrEqual(20);
  });

  it("splits a table by rows and characters, never dropping a row", () => {
    const rows = Array.from({ length: 250 }, (_, n) => [`Unit ${n}`, { value: n, text: String(n) }]);
    const tables = dataTables({ caption: "Units", header: ["Unit", "Cases"], rows });
    expect(tables.map((table) => table.rows.length - 1)).toEqual([100, 100, 50]);
    expect(tables.map((table) => table.caption)).toEqual(["Units (part 1 of 3)", "Units (part 2 of 3)", "Units (part 3 of 3)"]);
    const wide = dataTables({ caption: "Units", header: ["Unit"], rows: Array.from({ length: 100 }, () => ["x".repeat(200)]) });
    expect(wide.length).toBe(3);
    for (const table of wide) expect(table.rows.flat().reduce((sum, cell) => sum + ("text" in cell ? cell.text.length : 0), 0)).toBeLessThanOrEqual(8_000);
  });
});
