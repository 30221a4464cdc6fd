import { describe, expect, it } from "vitest";
import { ESCALATION_GROUPS, type EscalationDigest, type EscalationGroup } from "../../../src/digests/escalation.ts";
import type { TrendDigest, TrendRow } from "../../../src/digests/trends.ts";
import { escalationMessages, trendMessages } from "../../../src/slack/blocks/digests.ts";
import { checkMessage } from "../../fakes/block-kit/index.ts";

const NOW = new Date("2026-12-01T13:00:00Z");
const OPTIONS = { timeZone: "America/New_York", workspaceUrl: "https://st-bartholomew-regional.enterprise.slack.com/" };
// 75 characters is the longest unit name; made of & < > it escapes to 375.
const DENSE_UNIT = "&<>".repeat(25);

type AnyBlock = { type: string; text?: { text: string } };
const sectionTexts = (blocks: readonly unknown[]) => (blocks as AnyBlock[]).flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : []));

function digest(perGroup: number, department: string): EscalationDigest {
  const groups = (Object.keys(ESCALATION_GROUPS) as EscalationGroup[]).map((group) => ({
    group,
    items: Array.from({ length: perGroup }, (_, n) => ({
      caseId: `${group}-${n}`,
      caseNumber: `PR-2026-${String(10_000_000 + n)}`,
      department,
      ownerId: n % 2 ? `U0${String(n).padStart(9, "0")}` : null,
      at: new Date(NOW.getTime() - n * 3_600_000),
      cardChannelId: "C0CASES00001",
      cardMessageTs: `1764590400.${String(n).padStart(6, "0")}`,
    })),
  }));
  return { groups, total: perGroup * groups.length };
}

describe("escalationMessages", () => {
  const GROUPS = Object.keys(ESCALATION_GROUPS).length;

  it("posts a 300-cases-per-group digest as messages Slack accepts, every case once, each group named again where it continues", () => {
    const messages = escalationMessages(digest(300, DENSE_UNIT), NOW, OPTIONS);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(checkMessage(message)).toBeNull();
    const lines = messages.flatMap((message) => sectionTexts(message.blocks)).join("\n").split("\n");
    for (const label of Object.values(ESCALATION_GROUPS)) expect(lines).toContain(`*${label}* (300)`);
    const numbers = lines.flatMap((line) => line.match(/\|PR-2026-\d+>/g) ?? []);
    expect(numbers).toHaveLength(300 * GROUPS);
    messages.slice(1).forEach((message, index) => {
      expect(message.text).toMatch(new RegExp(`^Escalations · Tue 1 Dec 2026: .* \\(continued, part ${index + 2} of ${messages.length}\\)$`));
      expect(sectionTexts(message.blocks)[0]).toMatch(/^\*[^*]+\* \(300(, continued)?\)\n<https:/);
    });
  });

  it("keeps a short digest in one message, one section per group", () => {
    const messages = escalationMessages(digest(3, "Emergency Department"), NOW, OPTIONS);
    expect(messages).toHaveLength(1);
    expect(sectionTexts(messages[0]!.blocks)).toHaveLength(GROUPS);
    expect(sectionTexts(messages[0]!.blocks)[0]).toMatch(/^\*Overdue\* \(3\)\n<https:\/\/[^|]+\|PR-2026-10000000> · Emergency Department · _unassigned_ · due /);
  });
});

describe("trendMessages", () => {
  const row = (label: string, n: number): TrendRow => ({
    key: label,
    label,
    count: 100 + n,
    previous: 9,
    baselineMean: 12.5,
    spike: { reason: "100 this week vs 12.5 a week over the previous 8 weeks (Poisson P < 0.0001 < 0.01; at least 5 cases)", pValue: 0 },
  });
  const trends: TrendDigest = {
    periodStart: new Date("2026-11-23T13:00:00Z"),
    periodEnd: new Date("2026-11-30T13:00:00Z"),
    total: 12_000,
    previousTotal: 11_000,
    baselineWeeklyMean: 10_500,
    byCategory: [row("Safety", 0)],
    byDepartment: Array.from({ length: 150 }, (_, n) => row(`${n} ${DENSE_UNIT.slice(0, 70)}`, n)),
    medianHoursToAcknowledge: 5,
    medianHoursToResolve: 100,
    grievancesAnsweredWithin7Days: { answered: 9, due: 10, share: 0.9 },
    firstDraftsPassingAllChecks: { passed: 8, total: 10, share: 0.8 },
  };

  it("lists every spike, however many, across messages Slack accepts", () => {
    const messages = trendMessages(trends, OPTIONS);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(checkMessage(message)).toBeNull();
    const bullets = messages.flatMap((message) => sectionTexts(message.blocks)).join("\n").split("\n").filter((line) => line.startsWith("• "));
    expect(bullets).toHaveLength(151);
    expect(JSON.stringify(messages)).toContain("Chart in words");
  });
});
