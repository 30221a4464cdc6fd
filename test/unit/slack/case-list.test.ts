import { describe, expect, it } from "vitest";
import type { CaseSummary } from "../../../src/cases/case.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";
import type { HomeData } from "../../../src/cases/work-queue.service.ts";
import { caseLine, caseListMessage, dueIn, homeView } from "../../../src/slack/blocks/case-list.ts";
import { checkMessage, checkView } from "../../fakes/block-kit/index.ts";

const HOUR = 3_600_000;
const now = new Date("2026-12-01T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

const summary: CaseSummary = caseSummary();
const WORKSPACE = "https://hospital.slack.com/";
const home = { timeZone: "UTC", workspaceUrl: WORKSPACE };
const posted = (entry: CaseSummary): CaseSummary => ({ ...entry, cardChannelId: "C0CASES01", cardMessageTs: "1764590400.000100" });

const responding = (offsetMs: number): CaseSummary => ({ ...summary, status: "investigating", responseDueAt: at(offsetMs) });
const numbered = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ ...summary, id: `case-${index + 1}`, number: `PR-2026-${String(index + 1).padStart(4, "0")}` }));

type AnyBlock = { type: string; text?: { text: string }; elements?: { text?: string }[]; fields?: { text: string }[] };
const asBlocks = (blocks: readonly unknown[]) => blocks as AnyBlock[];
const sectionTexts = (blocks: readonly unknown[]) => asBlocks(blocks).flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : []));
const contextTexts = (blocks: readonly unknown[]) => asBlocks(blocks).flatMap((block) => (block.type === "context" ? (block.elements ?? []).map((element) => element.text ?? "") : []));
const headers = (blocks: readonly unknown[]) => asBlocks(blocks).flatMap((block) => (block.type === "header" && block.text ? [block.text.text] : []));

describe("dueIn", () => {
  it.each([
    ["5 hours ahead", 5 * HOUR, ":large_orange_circle: response due in 5 h"],
    ["exactly a day ahead", 24 * HOUR, ":large_orange_circle: response due in 24 h"],
    ["30 hours ahead", 30 * HOUR, ":white_circle: response due in 30 h"],
    ["47 hours ahead", 47 * HOUR, ":white_circle: response due in 47 h"],
    ["2 days ahead", 48 * HOUR, ":white_circle: response due in 2 d"],
    ["6 days ahead", 6 * 24 * HOUR, ":white_circle: response due in 6 d"],
    ["3 hours late", -3 * HOUR, ":red_circle: response overdue 3 h"],
    ["47 hours late", -47 * HOUR, ":red_circle: response overdue 47 h"],
    ["50 hours late", -50 * HOUR, ":red_circle: response overdue 2 d"],
    ["5 days late", -5 * 24 * HOUR, ":red_circle: response overdue 5 d"],
  ])("%s", (_title, offset, expected) => {
    expect(dueIn(responding(offset), now)).toBe(expected);
  });

  it("names the acknowledgement while the case is new", () => {
    expect(dueIn({ ...summary, acknowledgeDueAt: at(5 * HOUR) }, now)).toBe(":large_orange_circle: acknowledgement due in 5 h");
    expect(dueIn({ ...summary, acknowledgeDueAt: at(-72 * HOUR) }, now)).toBe(":red_circle: acknowledgement overdue 3 d");
  });

  it.each([
    ["20 minutes", 20 * 60_000],
    ["29 minutes", 29 * 60_000],
  ])("calls a case %s past its deadline overdue, not due", (_title, late) => {
    expect(dueIn(responding(-late), now)).toMatch(/^:red_circle: response overdue /);
  });

  it("shows the status when no clock runs", () => {
    expect(dueIn({ ...summary, status: "resolved" }, now)).toBe("Resolved");
    expect(dueIn({ ...summary, acknowledgeDueAt: null, responseDueAt: null }, now)).toBe("New");
  });
});

describe("caseLine", () => {
  it("shows number, type, unit, category, severity, owner and deadline only", () => {
    expect(caseLine({ ...responding(5 * HOUR), ownerId: "U0COORD01" }, now, WORKSPACE)).toBe(
      "*PR-2026-0042* · Grievance · Emergency Department · Communication and information · sev 2 · <@U0COORD01> · :large_orange_circle: response due in 5 h",
    );
    expect(caseLine({ ...responding(5 * HOUR), type: "complaint" }, now, WORKSPACE)).toBe(
      "*PR-2026-0042* · Complaint · Emergency Department · Communication and information · sev 2 · _unassigned_ · :large_orange_circle: response due in 5 h",
    );
  });

  it("links the case number to its card once the card is posted", () => {
    expect(caseLine(posted(responding(5 * HOUR)), now, WORKSPACE)).toMatch(/^<https:\/\/hospital\.slack\.com\/archives\/C0CASES01\/p1764590400000100\|PR-2026-0042> · Grievance · /);
    // Before the card is in the channel there is nothing to link to: the number stands alone.
    expect(caseLine(responding(5 * HOUR), now, WORKSPACE)).toMatch(/^\*PR-2026-0042\* · /);
  });
});

describe("caseListMessage", () => {
  it("says so when the list is empty", () => {
    expect(caseListMessage("Your open cases", [], now, "You own no open cases.", WORKSPACE)).toEqual({
      text: "Your open cases: 0 cases",
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: "*Your open cases* (0)" } },
        { type: "context", elements: [{ type: "mrkdwn", text: "You own no open cases." }] },
      ],
    });
  });

  it("counts one case in the singular", () => {
    const message = caseListMessage("Open cases", [summary], now, "No open cases.", WORKSPACE);
    expect(message.text).toBe("Open cases: 1 case");
    expect(sectionTexts(message.blocks)).toEqual(["*Open cases* (1)", caseLine(summary, now, WORKSPACE)]);
  });

  it("lists 25 cases and says how many more there are", () => {
    const message = caseListMessage("Open cases", numbered(30), now, "No open cases.", WORKSPACE);
    expect(message.text).toBe("Open cases: 30 cases");
    const listed = sectionTexts(message.blocks).slice(1).join("\n").split("\n");
    expect(listed).toHaveLength(25);
    expect(listed[0]).toMatch(/^\*PR-2026-0001\* /);
    expect(listed[24]).toMatch(/^\*PR-2026-0025\* /);
    expect(JSON.stringify(message)).not.toContain("PR-2026-0026");
    expect(contextTexts(message.blocks)).toEqual(["…and 5 more. Narrow it down, e.g. /case open Emergency."]);
  });

  it("links every listed case whose card is posted", () => {
    const message = caseListMessage("Your open cases", [posted(summary), { ...summary, number: "PR-2026-0043" }], now, "You own no open cases.", WORKSPACE);
    expect(sectionTexts(message.blocks)[1]!.split("\n").map((line) => line.split(" · ")[0])).toEqual([
      "<https://hospital.slack.com/archives/C0CASES01/p1764590400000100|PR-2026-0042>",
      "*PR-2026-0043*",
    ]);
  });

  it("does not promise more when exactly 25 are listed", () => {
    const message = caseListMessage("Open cases", numbered(25), now, "No open cases.", WORKSPACE);
    expect(contextTexts(message.blocks)).toEqual([]);
    expect(sectionTexts(message.blocks).slice(1).join("\n").split("\n")).toHaveLength(25);
  });

  it("keeps every section under Slack's 3,000 characters, even with long hostile names", () => {
    // 75 characters is the longest department a routing rule or menu option accepts.
    const longest = "&<>".repeat(25);
    const cases = numbered(30).map((entry) => posted({ ...entry, department: longest, ownerId: "U0COORD01XYZ" }));
    const message = caseListMessage("Open cases", cases, now, "No open cases.", WORKSPACE);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThan(3000);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it("lists as many cases as one message holds when unit names escape fivefold, and says how many more", () => {
    // A long workspace address, a 75-character unit of & < > (375 escaped): about 600 characters a line.
    const workspace = "https://st-bartholomew-regional-medical-center-patient-relations.enterprise.slack.com/";
    const cases = numbered(25).map((entry) => posted({ ...entry, department: "&<>".repeat(25), ownerId: "U0COORD01XYZ" }));
    const message = caseListMessage("Open cases", cases, now, "No open cases.", workspace);
    expect(checkMessage(message)).toBeNull();
    const listed = sectionTexts(message.blocks).slice(1).join("\n").split("\n");
    expect(listed.length).toBeGreaterThan(10);
    expect(listed.length).toBeLessThan(25);
    for (const line of listed) expect(line).toMatch(/^<https:\/\/[^|>]+\|PR-2026-\d{4}> · Grievance · (&amp;&lt;&gt;){25} · /);
    expect(contextTexts(message.blocks)).toEqual([`…and ${25 - listed.length} more. Narrow it down, e.g. /case open Emergency.`]);
  });

  it("escapes a hostile department and title so they cannot ping or link", () => {
    const hostile = { ...summary, department: "<!channel> <https://x.example|Ward>" };
    const rendered = JSON.stringify(caseListMessage("Open cases matching <!here>", [hostile], now, "No open cases.", WORKSPACE));
    expect(rendered).not.toContain("<!channel>");
    expect(rendered).not.toContain("<!here>");
    expect(rendered).not.toContain("<https://x.example");
    expect(rendered).toContain("&lt;!channel&gt;");
  });
});

describe("homeView", () => {
  const staff: HomeData = { role: "staff", mine: [], awaitingApproval: [], unassigned: [], counts: null };
  const manager: HomeData = {
    role: "manager",
    mine: [responding(5 * HOUR)],
    awaitingApproval: [],
    unassigned: [{ ...summary, number: "PR-2026-0043" }],
    counts: { open: 12, unassigned: 1, overdue: 2, grievances: 7, byStatus: { new: 3, investigating: 9 } },
  };

  it("shows staff only their own cases", () => {
    const view = homeView(staff, now, home);
    expect(view.type).toBe("home");
    expect(headers(view.blocks)).toEqual(["My cases"]);
    expect(contextTexts(view.blocks)).toEqual(["You own no open cases.", "File a concern with /case · /case help for everything else."]);
    const rendered = JSON.stringify(view);
    for (const absent of ["Awaiting my approval", "Unassigned", "Team", "Grievances open"]) expect(rendered).not.toContain(absent);
  });

  it("lists the letters waiting for a manager's approval, oldest first as given", () => {
    const view = homeView(
      { ...manager, awaitingApproval: [{ caseNumber: "PR-2026-0050", kind: "interim", since: new Date("2026-11-27T15:00:00Z"), cardChannelId: null, cardMessageTs: null }] },
      now,
      { timeZone: "America/New_York", workspaceUrl: WORKSPACE },
    );
    expect(sectionTexts(view.blocks)).toContain("*PR-2026-0050* · interim letter · waiting since Fri 27 Nov, 10:00 AM EST");
  });

  it("links a waiting letter's case number to its card, and keeps long approval lists within Slack's limits", () => {
    const waiting = Array.from({ length: 30 }, (_, index) => ({
      caseNumber: `PR-2026-${String(index + 1).padStart(4, "0")}`,
      kind: "response",
      since: new Date("2026-11-27T15:00:00Z"),
      cardChannelId: "C0CASES01",
      cardMessageTs: `1764590400.${String(index).padStart(6, "0")}`,
    }));
    const view = homeView({ ...manager, awaitingApproval: waiting }, now, home);
    const texts = sectionTexts(view.blocks);
    expect(texts.join("\n")).toContain("<https://hospital.slack.com/archives/C0CASES01/p1764590400000000|PR-2026-0001> · response letter · waiting since");
    const approvalLines = texts.join("\n").split("\n").filter((line) => line.includes("letter · waiting since"));
    expect(approvalLines).toHaveLength(25);
    // Every line is whole: no link cut off at a section's limit.
    for (const line of approvalLines) expect(line).toMatch(/^<https:\/\/[^|>]+\|PR-2026-\d{4}> · /);
    for (const text of texts) expect(text.length).toBeLessThan(3000);
  });

  it("shows a manager approvals, unassigned cases and team counts", () => {
    const view = homeView(manager, now, home);
    expect(headers(view.blocks)).toEqual(["My cases", "Awaiting my approval", "Unassigned", "Team"]);
    expect(sectionTexts(view.blocks)).toEqual([caseLine(manager.mine[0]!, now, WORKSPACE), caseLine(manager.unassigned[0]!, now, WORKSPACE)]);
    const fields = asBlocks(view.blocks).flatMap((block) => (block.fields ?? []).map((field) => field.text));
    expect(fields).toEqual(["*Open*\n12", "*Grievances open*\n7", "*Past response deadline*\n2", "*Unassigned*\n1"]);
    expect(contextTexts(view.blocks)).toEqual([
      "No response letters are waiting for approval.",
      "New: 3 · Investigating: 9",
      "File a concern with /case · /case help for everything else.",
    ]);
  });

  it("shows a coordinator the team without the approvals section", () => {
    const view = homeView({ ...manager, role: "coordinator" }, now, home);
    expect(headers(view.blocks)).toEqual(["My cases", "Unassigned", "Team"]);
  });

  it("says when every open case has an owner", () => {
    const view = homeView({ ...manager, role: "admin", unassigned: [], counts: { open: 0, unassigned: 0, overdue: 0, grievances: 0, byStatus: {} } }, now, home);
    expect(headers(view.blocks)).toEqual(["My cases", "Awaiting my approval", "Unassigned", "Team"]);
    expect(contextTexts(view.blocks)).toContain("Every open case has an owner.");
  });

  it("stays within Slack's 100 blocks with long lists", () => {
    const view = homeView({ ...manager, mine: numbered(200), unassigned: numbered(200) }, now, home);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(contextTexts(view.blocks).filter((text) => text.startsWith("…and 175 more"))).toHaveLength(2);
    for (const text of sectionTexts(view.blocks)) expect(text.length).toBeLessThan(3000);
  });

  it("shows all 25 cases on the home tab when unit names escape fivefold, in sections Slack accepts", () => {
    const dense = numbered(25).map((entry) => posted({ ...entry, department: "&<>".repeat(25), ownerId: "U0COORD01XYZ" }));
    const view = homeView({ ...manager, mine: dense, unassigned: dense }, now, home);
    expect(checkView(view)).toBeNull();
    const lines = sectionTexts(view.blocks).join("\n").split("\n");
    expect(lines.filter((line) => line.includes(` · ${"&amp;&lt;&gt;".repeat(25)} · `))).toHaveLength(50);
    expect(contextTexts(view.blocks).at(-1)).toBe("File a concern with /case · /case help for everything else.");
  });

  it("escapes hostile departments on the home tab", () => {
    const rendered = JSON.stringify(homeView({ ...manager, unassigned: [{ ...summary, department: "<!channel>" }] }, now, home));
    expect(rendered).not.toContain("<!channel>");
  });
});
