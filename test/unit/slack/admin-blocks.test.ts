import { describe, expect, it } from "vitest";
import { adminHelp, RULES_EDIT_LIMIT, rolesMessage, rulesEditModal, rulesMessage } from "../../../src/slack/blocks/admin.ts";
import { checkMessage } from "../../fakes/block-kit/index.ts";

type AnyBlock = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { type: string; text?: string | { text: string }; action_id?: string; value?: string }[];
  element?: { type: string; action_id: string; initial_value?: string; max_length?: number; multiline?: boolean };
};
const asBlocks = (blocks: readonly unknown[]) => blocks as AnyBlock[];
const sectionTexts = (blocks: readonly unknown[]) => asBlocks(blocks).flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : []));
const unescapeMrkdwn = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
/** The YAML shown across the code-block sections (split at line ends), unescaped and joined back together. */
const shownYaml = (blocks: readonly unknown[]) =>
  sectionTexts(blocks)
    .slice(1)
    .map((text) => unescapeMrkdwn(text.replace(/^```/, "").replace(/```$/, "")))
    .join("\n");

const SHORT_YAML = `version: 1
teams:
  - id: patient-relations
    name: Patient Relations
    members: []
rules:
  - id: billing-in-turn
    when:
      categories: [billing]
    route:
      team: patient-relations
      strategy: round_robin
default:
  team: patient-relations
  strategy: round_robin
`;

/** A plain rule, about 200 characters. */
const plainRule = (index: number) => `  - id: rule-${index}
    description: Cases for unit ${index} go to the coordinator with the fewest open cases
    when:
      departments: ["Unit ${index}"]
    route:
      team: patient-relations
      strategy: fewest_open
`;

/** A rule for a multi-site system whose department names use "&", as the default "Maternity and Labor & Delivery" does. */
const ampersandRule = (index: number) => `  - id: site-${index}-women-and-children
    when:
      departments: ["Site ${index} Labor & Delivery", "Site ${index} Obstetrics & Gynecology", "Site ${index} Ear, Nose & Throat", "Site ${index} A&E"]
    route:
      team: site-${index}
      strategy: round_robin
`;

const rulesYaml = (rule: (index: number) => string, count: number) => `version: 1\nrules:\n${Array.from({ length: count }, (_, index) => rule(index + 1)).join("")}`;

describe("rulesMessage", () => {
  it("shows short rules in one code block with an Edit button", () => {
    const message = rulesMessage(SHORT_YAML);
    expect(message.text).toBe("Routing rules in force");
    const blocks = asBlocks(message.blocks);
    expect(blocks.map((block) => block.type)).toEqual(["section", "section", "actions"]);
    expect(sectionTexts(message.blocks)).toEqual(["*Routing rules in force* (first matching rule wins)", `\`\`\`${SHORT_YAML}\`\`\``]);
    expect(blocks[2]?.elements).toEqual([{ type: "button", text: { type: "plain_text", text: "Edit rules" }, action_id: "admin_edit_rules", value: "edit" }]);
  });

  it("offers Edit at exactly 3,000 characters, and not one character more", () => {
    const exactly = SHORT_YAML.padEnd(RULES_EDIT_LIMIT, "#");
    expect(RULES_EDIT_LIMIT).toBe(3000);
    expect(asBlocks(rulesMessage(exactly).blocks).at(-1)?.type).toBe("actions");
    const tooLong = asBlocks(rulesMessage(`${exactly}#`).blocks);
    expect(tooLong.at(-1)).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "These rules are too long to edit in Slack: edit the rules file and use /case admin rules reload." }],
    });
    expect(tooLong.some((block) => block.type === "actions")).toBe(false);
  });

  it("splits long rules into sections under 3,000 characters that together show all of it", () => {
    const yaml = rulesYaml(plainRule, 40);
    expect(yaml.length).toBeGreaterThan(7000);
    const message = rulesMessage(yaml);
    const chunks = sectionTexts(message.blocks).slice(1);
    expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(yaml.length / 2800));
    for (const text of chunks) expect(text.length).toBeLessThan(3000);
    expect(shownYaml(message.blocks)).toBe(yaml);
  });

  it("keeps sections under 3,000 characters when escaping lengthens the text", () => {
    const yaml = rulesYaml(ampersandRule, 40);
    const message = rulesMessage(yaml);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThan(3000);
    expect(shownYaml(message.blocks)).toBe(yaml);
  });

  it("shows as much of the largest rule set (20,000 characters) as one message holds, and says where the rest is", () => {
    const yaml = rulesYaml(plainRule, 200).slice(0, 20_000);
    const message = rulesMessage(yaml);
    expect(checkMessage(message)).toBeNull();
    const shown = shownYaml(message.blocks);
    // Whole lines from the start, as many as Slack's total for a message's text allows.
    expect(yaml.startsWith(`${shown}\n`)).toBe(true);
    expect(shown.length).toBeGreaterThan(9000);
    const rest = yaml.split("\n").length - shown.split("\n").length;
    expect(asBlocks(message.blocks).at(-1)).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `…and ${rest} more lines, not shown: a Slack message holds no more. The full rules are in the rules file. These rules are too long to edit in Slack: edit the rules file and use /case admin rules reload.`,
        },
      ],
    });
  });

  it("points to the edit form when rules that fit it escape to more than a message holds", () => {
    const yaml = `version: 1\n${`# ${"&<>".repeat(8)}\n`.repeat(105)}`;
    expect(yaml.length).toBeLessThanOrEqual(RULES_EDIT_LIMIT);
    const message = rulesMessage(yaml);
    expect(checkMessage(message)).toBeNull();
    const blocks = asBlocks(message.blocks);
    expect(blocks.at(-1)?.type).toBe("actions");
    expect(blocks.at(-2)?.elements?.[0]?.text).toMatch(/^…and \d+ more lines, not shown: a Slack message holds no more\. Edit rules shows them in full\.$/);
  });

  it("shortens a line longer than a section, says so, and never cuts an entity", () => {
    const yaml = `version: 1\n# ${"&".repeat(2900)}\n`;
    const message = rulesMessage(yaml);
    expect(checkMessage(message)).toBeNull();
    expect(sectionTexts(message.blocks).slice(1, 2)).toEqual(["```version: 1```"]);
    const code = sectionTexts(message.blocks)[2];
    expect(code).toMatch(/^```# (&amp;)+… \(shortened\)\n```$/);
    expect(code?.length).toBeLessThanOrEqual(3000);
    expect(asBlocks(message.blocks).at(-2)?.elements?.[0]?.text).toBe("1 long line shortened. Edit rules shows them in full.");
  });

  it("escapes the YAML so a comment cannot ping or link", () => {
    const rendered = JSON.stringify(rulesMessage(`# <!channel> see <https://x.example|here>\n${SHORT_YAML}`));
    expect(rendered).not.toContain("<!channel>");
    expect(rendered).not.toContain("<https://x.example");
    expect(rendered).toContain("&lt;!channel&gt;");
  });
});

describe("rulesEditModal", () => {
  it("carries the YAML as the initial value of a multiline input", () => {
    const modal = rulesEditModal(SHORT_YAML);
    expect(modal.type).toBe("modal");
    expect(modal.callback_id).toBe("admin_edit_rules");
    const input = asBlocks(modal.blocks).find((block) => block.type === "input");
    expect(input?.block_id).toBe("rules_text");
    expect(input?.element).toEqual({ type: "plain_text_input", action_id: "rules_text", multiline: true, max_length: 3000, initial_value: SHORT_YAML });
  });

  it("keeps the YAML untouched (a plain-text input needs no escaping)", () => {
    const yaml = `# Labor & Delivery <ward>\n${SHORT_YAML}`;
    const input = asBlocks(rulesEditModal(yaml).blocks).find((block) => block.type === "input");
    expect(input?.element?.initial_value).toBe(yaml);
  });
});

describe("rolesMessage", () => {
  it("lists each role holder", () => {
    const message = rolesMessage([
      { slackUserId: "U0ADMIN01", role: "admin" },
      { slackUserId: "U0MGR0001", role: "manager" },
      { slackUserId: "U0COORD01", role: "coordinator" },
    ]);
    const expected = "*Roles* (everyone else is staff)\n<@U0ADMIN01>: admin\n<@U0MGR0001>: manager\n<@U0COORD01>: coordinator";
    expect(message).toEqual({ text: expected, blocks: [{ type: "section", text: { type: "mrkdwn", text: expected } }] });
  });

  it("says when nobody has a role", () => {
    expect(rolesMessage([]).text).toBe("Nobody has a role beyond staff yet.");
    expect(sectionTexts(rolesMessage([]).blocks)).toEqual(["Nobody has a role beyond staff yet."]);
  });

  it("keeps a long list within a section and never cuts a mention in half", () => {
    const rows = Array.from({ length: 150 }, (_, index) => ({ slackUserId: `U0C${String(index).padStart(6, "0")}`, role: "coordinator" as const }));
    const [text] = sectionTexts(rolesMessage(rows).blocks);
    expect(text?.length).toBeLessThanOrEqual(3000);
    const [heading, ...lines] = (text ?? "").split("\n");
    expect(heading).toBe("*Roles* (everyone else is staff)");
    for (const line of lines) expect(line).toMatch(/^<@U0C\d{6}>: coordinator$|^…/);
  });
});

describe("adminHelp", () => {
  it("lists the admin commands, after an escaped message when there is one", () => {
    expect(adminHelp().text).toContain("*/case admin grant* @person staff|coordinator|manager|admin");
    const withMessage = adminHelp('I don\'t know "admin <!channel>". Try /case admin help.');
    expect(withMessage.text.startsWith('I don\'t know "admin &lt;!channel&gt;". Try /case admin help.\n\n*/case admin roles*')).toBe(true);
    expect(JSON.stringify(withMessage)).not.toContain("<!channel>");
  });

  it("cuts an unknown verb of any length to 60 characters, as /case help does, keeping what to do", () => {
    const verb = "x".repeat(5000);
    const message = adminHelp(`I don't know "admin ${verb}". Try /case admin help.`);
    expect(checkMessage(message)).toBeNull();
    expect(message.text.startsWith(`I don't know "admin ${"x".repeat(53)}…". Try /case admin help.\n\n*/case admin roles*`)).toBe(true);
  });
});
