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
    const usage = "Use: /case admin guidance [reload], /case admin guidance edit <card-id>, /case admin guidance add or /case admin guidance remove <card-id>";
    expect(parseCaseCommand("admin guidance edit")).toEqual({ kind: "admin", command: { kind: "invalid", message: usage } });
    expect(parseCaseCommand("admin guidance reload now")).toEqual({ kind: "admin", command: { kind: "invalid", message: usage } });
  });

  it("reads editing, adding and removing one card or resource", () => {
    expect(parseCaseCommand("admin guidance edit Medicare-ABN")).toEqual({ kind: "admin", command: { kind: "settings_entry", file: "guidance", action: "edit", id: "medicare-abn" } });
    expect(parseCaseCommand("admin resources add")).toEqual({ kind: "admin", command: { kind: "settings_entry", file: "resources", action: "add" } });
    expect(parseCaseCommand("admin resources remove example-ride-home")).toEqual({ kind: "admin", command: { kind: "settings_entry", file: "resources", action: "remove", id: "example-ride-home" } });
    expect(parseCaseCommand("admin resources add extra")).toMatchObject({ command: { kind: "invalid", message: expect.stringContaining("/case admin resources remove <resource-id>") } });
    expect(parseCaseCommand("admin guidance remove a b")).toMatchObject({ command: { kind: "invalid" } });
  });
});
