import { describe, expect, it } from "vitest";
import { ESCALATION_GROUPS, type EscalationDigest, type EscalationGroup } from "../../../src/digests/escalation.ts";
import { escalationMessages } from "../../../src/slack/blocks/digests.ts";
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
