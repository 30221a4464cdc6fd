import { describe, expect, it } from "vitest";
import type { KnownBlock } from "@slack/types";
import { blocksTextLength, cutEscaped, escapeWithin, messagePacker, packLines, SHORTENED } from "../../../src/slack/blocks/fit.ts";
import { checkMessage } from "../../fakes/block-kit/index.ts";

const sectionTexts = (blocks: readonly unknown[]) =>
  (blocks as { type: string; text?: { text: string } }[]).flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : []));

describe("blocksTextLength", () => {
  it("adds up every text string, however deep, as Slack does for msg_blocks_too_long", () => {
    const blocks = [
      { type: "section", text: { type: "mrkdwn", text: "12345" }, fields: [{ type: "mrkdwn", text: "123" }] },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "12" }, value: "not counted" }] },
      { type: "divider" },
    ];
    expect(blocksTextLength(blocks)).toBe(10);
  });
});

describe("cutEscaped and escapeWithin", () => {
  it("leave text that fits untouched", () => {
    expect(cutEscaped("a &amp; b", 9)).toBe("a &amp; b");
    expect(escapeWithin("a & b", 9)).toBe("a &amp; b");
  });

  it("cut to the limit with a marker, never inside an entity", () => {
    for (let max = 20; max < 60; max += 1) {
      const cut = escapeWithin("&<>".repeat(100), max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith(SHORTENED)).toBe(true);
      expect(cut.slice(0, -SHORTENED.length)).toMatch(/^(&amp;|&lt;|&gt;)*$/);
    }
  });

  it("measure after escaping: 1,000 characters of & < > are 5,000 escaped", () => {
    expect(escapeWithin("&<>".repeat(334).slice(0, 1000), 3000).length).toBeLessThanOrEqual(3000);
    expect(escapeWithin("Tom & Jerry", 3000)).toBe("Tom &amp; Jerry");
  });
});

describe("packLines", () => {
  it("keeps whole lines in as few texts as fit the limit", () => {
    const lines = Array.from({ length: 100 }, (_, index) => `line ${index} ${"x".repeat(index)}`);
    const chunks = packLines(lines, 500);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(500);
    expect(chunks.join("\n")).toBe(lines.join("\n"));
    // Greedy: no chunk could have taken the next one's first line.
    chunks.slice(1).forEach((chunk, index) => {
      expect(`${chunks[index]}\n${chunk.split("\n")[0]}`.length).toBeGreaterThan(500);
    });
  });

  it("keeps empty lines and cuts a line longer than the limit", () => {
    expect(packLines(["", "a", ""], 10)).toEqual(["\na\n"]);
    const [cut] = packLines(["&amp;".repeat(100)], 50);
    expect(cut?.length).toBeLessThanOrEqual(50);
    expect(cut).toMatch(/^(&amp;)+… \(shortened\)$/);
  });
});

describe("messagePacker", () => {
  const header = (text: string): KnownBlock => ({ type: "header", text: { type: "plain_text", text } });
  const lines = (count: number, length: number) => Array.from({ length: count }, (_, index) => `${String(index).padStart(4, "0")} ${"y".repeat(length - 5)}`);

  it("keeps a short list in one message and one section under its heading", () => {
    const pack = messagePacker();
    pack.add(header("Title"));
    pack.addLines({ heading: "*Group* (2)", continued: "*Group* (2, continued)", lines: ["one", "two"] });
    expect(pack.messages("Title: 2")).toEqual([
      { text: "Title: 2", blocks: [header("Title"), { type: "section", text: { type: "mrkdwn", text: "*Group* (2)\none\ntwo" } }] },
    ]);
  });

  it("splits a long list into valid messages, naming the group again in each, and drops no line", () => {
    const pack = messagePacker();
    pack.add(header("Title"));
    const listed = lines(400, 300);
    pack.addLines({ heading: "*Group* (400)", continued: "*Group* (400, continued)", lines: listed });
    const messages = pack.messages("Title");
    expect(messages.length).toBeGreaterThan(10);
    messages.forEach((message, index) => {
      expect(checkMessage(message)).toBeNull();
      expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(11_000);
      expect(message.text).toBe(index === 0 ? "Title" : `Title (continued, part ${index + 1} of ${messages.length})`);
      if (index > 0) expect(sectionTexts(message.blocks)[0]).toMatch(/^\*Group\* \(400, continued\)\n0/);
    });
    const shown = messages.flatMap((message) => sectionTexts(message.blocks)).join("\n").split("\n");
    expect(shown.filter((line) => !line.startsWith("*Group*"))).toEqual(listed);
  });

  it("never leaves a heading alone at the end of a message", () => {
    const pack = messagePacker({ blocks: 50, text: 1000 });
    pack.addLines({ heading: "*First*", continued: "*First* (continued)", lines: lines(3, 300) });
    pack.addLines({ heading: "*Second*", continued: "*Second* (continued)", lines: lines(2, 300) });
    const messages = pack.messages("Digest");
    for (const message of messages) {
      for (const text of sectionTexts(message.blocks)) expect(text.split("\n").length).toBeGreaterThan(1);
      expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(1000);
    }
    expect(sectionTexts(messages[1]!.blocks)[0]).toMatch(/^\*Second\*\n0000/);
  });

  it("starts a new message before the 50th block", () => {
    const pack = messagePacker();
    for (let index = 0; index < 120; index += 1) pack.add({ type: "divider" });
    expect(pack.messages("Dividers").map((message) => message.blocks.length)).toEqual([50, 50, 20]);
  });
});
