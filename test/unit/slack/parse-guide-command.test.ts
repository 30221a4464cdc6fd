import { describe, expect, it } from "vitest";
import { parseCaseCommand } from "../../../src/slack/listeners/commands/parse-case-command.ts";

describe("/case guide, /case resources report and their admin commands", () => {
  it("reads a guidance topic, or none for the list", () => {
    expect(parseCaseCommand("guide")).toEqual({ kind: "guide" });
    expect(parseCaseCommand("guide  Medicare discharge ")).toEqual({ kind: "guide", topic: "Medicare discharge" });
  });

  it("reads the monthly resources report, with or without a month", () => {
    expect(parseCaseCommand("resources report")).toEqual({ kind: "resources_report" });
    expect(parseCaseCommand("resources report 2026-11")).toEqual({ kind: "resources_report", month: "2026-11" });
    expect(parseCaseCommand("resources")).toEqual({ kind: "unknown", text: "resources" });
    expect(parseCaseCommand("resources report 2026-11 extra")).toEqual({ kind: "unknown", text: "resources report 2026-11 extra" });
  });

  it("reads the admin commands for the guidance file and the directory", () => {
    expect(parseCaseCommand("admin guidance")).toEqual({ kind: "admin", command: { kind: "settings_file", file: "guidance", reload: false } });
    expect(parseCaseCommand("admin resources reload")).toEqual({ kind: "admin", command: { kind: "settings_file", file: "resources", reload: true } });
    expect(parseCaseCommand("admin guidance edit")).toEqual({ kind: "admin", command: { kind: "invalid", message: "Use: /case admin guidance or /case admin guidance reload" } });
  });
});
