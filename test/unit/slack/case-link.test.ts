import { describe, expect, it } from "vitest";
import { cardPermalink, caseLink, linkedCaseNumber } from "../../../src/slack/blocks/case-link.ts";

const card = { cardChannelId: "C0CASES01", cardMessageTs: "1764590400.000100" };

describe("cardPermalink", () => {
  it("builds Slack's permalink from the workspace URL, the channel and the ts without its dot", () => {
    expect(cardPermalink("https://hospital.slack.com/", card)).toBe("https://hospital.slack.com/archives/C0CASES01/p1764590400000100");
    expect(cardPermalink("https://hospital.slack.com", card)).toBe("https://hospital.slack.com/archives/C0CASES01/p1764590400000100");
  });

  it("has no link while the card is not posted", () => {
    expect(cardPermalink("https://hospital.slack.com/", { cardChannelId: null, cardMessageTs: null })).toBeNull();
    expect(cardPermalink("https://hospital.slack.com/", { cardChannelId: "C0CASES01", cardMessageTs: null })).toBeNull();
  });

  it("refuses a location that could break the link markup", () => {
    expect(cardPermalink("https://hospital.slack.com/", { cardChannelId: "C0|<!here>", cardMessageTs: "1.2" })).toBeNull();
    expect(cardPermalink("https://hospital.slack.com/", { cardChannelId: "C0CASES01", cardMessageTs: "1.2>" })).toBeNull();
  });
});

describe("caseLink", () => {
  it("links the number, or makes it bold when there is nothing to link to", () => {
    expect(caseLink("PR-2026-0001", "https://hospital.slack.com/archives/C0CASES01/p1")).toBe("<https://hospital.slack.com/archives/C0CASES01/p1|PR-2026-0001>");
    expect(caseLink("PR-2026-0001", null)).toBe("*PR-2026-0001*");
    expect(linkedCaseNumber("PR-2026-0001", card, "https://hospital.slack.com/")).toBe("<https://hospital.slack.com/archives/C0CASES01/p1764590400000100|PR-2026-0001>");
  });
});
