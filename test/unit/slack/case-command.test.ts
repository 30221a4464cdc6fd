import { describe, expect, it } from "vitest";
import { parseCaseCommand } from "../../../src/slack/listeners/commands/case.command.ts";

describe("parseCaseCommand", () => {
  it.each([
    ["", { kind: "new" }],
    ["  new ", { kind: "new" }],
    ["NEW", { kind: "new" }],
    ["help", { kind: "help" }],
    ["?", { kind: "help" }],
    ["frobnicate", { kind: "unknown", text: "frobnicate" }],
    ["new please", { kind: "unknown", text: "new please" }],
  ])("%j", (text, expected) => {
    expect(parseCaseCommand(text)).toEqual(expected);
  });
});
