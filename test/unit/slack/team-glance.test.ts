import { describe, expect, it } from "vitest";
import type { TeamCaseRecord } from "../../../src/digests/team-metrics.ts";
import { teamMetrics } from "../../../src/digests/team-metrics.ts";
import type { TeamGlance } from "../../../src/digests/team-reports.service.ts";
import { homeView } from "../../../src/slack/blocks/case-list.ts";
import { TEAM_REPLY_MESSAGES, teamHomeBlocks, teamMessages } from "../../../src/slack/blocks/team-glance.ts";
import { ACTIONS, MORE_OPTIONS } from "../../../src/slack/ids.ts";
import { parseCaseCommand } from "../../../src/slack/listeners/commands/parse-case-command.ts";
import { checkMessage, checkView } from "../../fakes/block-kit/index.ts";

// The team at a glance as Slack shows it, built from records through the real metrics: every
// coordinator's numbers, the cases at risk with a menu that opens their details, and honest paging.

const NOW = new Date("2026-11-20T12:00:00Z");
const PERIOD = { from: new Date("2026-11-01T04:00:00Z"), to: new Date("2026-12-01T05:00:00Z") };
const WORKSPACE = "https://riverside.slack.com/";
const HOUR = 3_600_000;
const coordinator = (n: number) => `U0TEAM${String(n).padStart(5, "0")}`;

/** `open` open cases spread over `people` coordinators (the first gets half), every one due within the week or past. */
function glanceOf(people: number, open: number): TeamGlance {
  const cases: TeamCaseRecord[] = Array.from({ length: open }, (_, n) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    number: `PR-2026-${String(n + 1).padStart(4, "0")}`,
    type: n % 2 ? "grievance" : "complaint",
    status: "investigating",
    ownerId: coordinator(n < open / 2 ? 0 : n % people),
    receivedAt: new Date(NOW.getTime() - 6 * 24 * HOUR),
    acknowledgedAt: new Date(NOW.getTime() - 5 * 24 * HOUR),
    acknowledgeDueAt: new Date(NOW.getTime() - 4 * 24 * HOUR),
    // Every third case is already past its deadline.
    responseDueAt: new Date(NOW.getTime() + (n % 3 === 0 ? -5 : 30) * HOUR),
    closedAt: null,
    cardChannelId: "C0CASES001",
    cardMessageTs: `1763000000.${String(n).padStart(6, "0")}`,
  }));
  const coordinators = Array.from({ length: people }, (_, n) => coordinator(n));
  const metrics = teamMetrics({ period: PERIOD, now: NOW, coordinators: [...coordinators, "U0NOCASES01"], cases, letters: [], events: [] });
  return { ...metrics, month: "2026-11", complete: false };
}

type Block = { type: string; text?: { text: string }; accessory?: { type: string; action_id: string; options: { value: string }[] } };

describe("the team at a glance on a manager's App Home", () => {
  const glance = glanceOf(40, 500);
  const home = homeView({ role: "manager", mine: [], awaitingApproval: [], unassigned: [], counts: null }, NOW, { timeZone: "America/New_York", workspaceUrl: WORKSPACE, team: glance });
  const blocks = home.blocks as Block[];
  const shown = JSON.stringify(home);

  it("is a view Slack accepts, with every coordinator's row and the totals", () => {
    expect(checkView(home)).toBeNull();
    expect(blocks.length).toBeLessThanOrEqual(100);
    for (let n = 0; n < 40; n += 1) expect(shown).toContain(`<@${coordinator(n)}>`);
    // A coordinator without cases has a row of zeros and nothing to measure.
    expect(shown).toContain("*<@U0NOCASES01>* · open 0 · overdue 0\\nack median – (0 acknowledged)");
    expect(shown).toContain("*Open now*\\n500 (0 unassigned)");
    // 500 cases, every third past its deadline: 167 overdue.
    expect(shown).toContain("*Overdue now*\\n167");
    expect(shown).toContain("November 2026 so far");
  });

  // The first coordinator owns cases 0–249 and every 40th after: 250 + 6 = 256.
  it("names the first coordinator's 256 at-risk cases, links the first ten to their cards and opens their details through the card's action", () => {
    const row = blocks.find((block) => block.text?.text.startsWith(`*<@${coordinator(0)}>*`));
    expect(row?.text?.text).toContain("*At risk this week (256):* <https://riverside.slack.com/archives/C0CASES001/p1763000000000000|PR-2026-0001> :red_circle: response overdue 5 h");
    expect(row?.text?.text).toContain("…and 246 more: /case open lists every open case");
    expect(row?.accessory?.action_id).toBe(ACTIONS.more);
    expect(row?.accessory?.type).toBe("static_select");
    expect(JSON.parse(row?.accessory?.options[0]?.value ?? "{}")).toEqual({ c: "00000000-0000-4000-8000-000000000000", o: MORE_OPTIONS.details });
    // No patient data: only numbers, mentions and links.
    expect(shown).not.toMatch(/description|patient name/i);
  });

  it("uses an overflow menu for two to five cases at risk", () => {
    const small = glanceOf(1, 3);
    const row = (teamHomeBlocks(small, { workspaceUrl: WORKSPACE }, 99) as Block[]).find((block) => block.accessory);
    expect(row?.accessory?.type).toBe("overflow");
    expect(row?.accessory?.options).toHaveLength(3);
  });

  it("says how many coordinators did not fit, most urgent first", () => {
    const crowded = teamHomeBlocks(glanceOf(150, 500), { workspaceUrl: WORKSPACE }, 60) as Block[];
    expect(crowded.length).toBeLessThanOrEqual(60);
    const rows = crowded.filter((block) => block.text?.text.startsWith("*<@"));
    expect(JSON.stringify(crowded.at(-1))).toContain(`Showing ${rows.length} of 151 coordinators, the most overdue and at risk first; /case team lists every one.`);
    expect(rows[0]?.text?.text).toContain(`<@${coordinator(0)}>`);
    expect(checkView({ type: "home", blocks: crowded })).toBeNull();
  });
});

describe("the team at a glance as messages", () => {
  it("fits 40 coordinators and 500 open cases into the answers of one command", () => {
    const messages = teamMessages(glanceOf(40, 500), { workspaceUrl: WORKSPACE, title: "Team at a glance", maxMessages: TEAM_REPLY_MESSAGES });
    expect(messages.length).toBeLessThanOrEqual(TEAM_REPLY_MESSAGES);
    for (const message of messages) expect(checkMessage(message)).toBeNull();
    expect(messages[0]?.text).toBe("Team at a glance: November 2026 so far");
    const all = JSON.stringify(messages);
    for (let n = 0; n < 40; n += 1) expect(all).toContain(`<@${coordinator(n)}>`);
    expect(all).not.toContain("more coordinators");
  });

  it("cuts a team too big for five answers and counts the rest", () => {
    const messages = teamMessages(glanceOf(400, 2_000), { workspaceUrl: WORKSPACE, title: "Team at a glance", maxMessages: TEAM_REPLY_MESSAGES });
    expect(messages).toHaveLength(TEAM_REPLY_MESSAGES);
    for (const message of messages) expect(checkMessage(message)).toBeNull();
    const rows = messages.flatMap((message) => message.blocks as Block[]).filter((block) => block.text?.text.startsWith("*<@")).length;
    expect(JSON.stringify(messages.at(-1))).toContain(`…and ${401 - rows} more coordinators with fewer overdue and at-risk cases, not shown`);
  });
});

describe("/case team", () => {
  it("reads an optional month and nothing more", () => {
    expect(parseCaseCommand("team")).toEqual({ kind: "team" });
    expect(parseCaseCommand("team 2026-10")).toEqual({ kind: "team", month: "2026-10" });
    expect(parseCaseCommand("team 2026-10 extra")).toEqual({ kind: "unknown", text: "team 2026-10 extra" });
  });
});
