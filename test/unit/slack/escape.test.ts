import { describe, expect, it } from "vitest";
import { escapeText, truncate } from "../../../src/slack/blocks/escape.ts";

describe("escapeText", () => {
  it.each([
    ["<!channel> come look", "&lt;!channel&gt; come look"],
    ["<!here>", "&lt;!here&gt;"],
    ["<@U0123ABCD> did it", "&lt;@U0123ABCD&gt; did it"],
    ["<https://evil.example|click for your chart>", "&lt;https://evil.example|click for your chart&gt;"],
    ["Tom & Jerry", "Tom &amp; Jerry"],
    ["&lt; already", "&amp;lt; already"],
  ])("makes %j inert", (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it("neutralizes bare @channel, @here and @everyone", () => {
    const escaped = escapeText("@channel @Here @everyone email@here.org");
    expect(escaped).not.toMatch(/@channel|@Here|@everyone/);
    expect(escaped.replaceAll("\u2060", "")).toBe("@channel @Here @everyone email@here.org");
  });
});

describe("truncate", () => {
  it("leaves short text alone", () => {
    expect(truncate("short", 10)).toBe("short");
  });
  it("never splits an emoji", () => {
    const result = truncate("😀😀😀😀", 5);
    expect(result).toBe("😀😀…");
    expect(result.length).toBeLessThanOrEqual(5);
  });
});
