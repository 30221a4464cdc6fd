import { describe, expect, it } from "vitest";
import { parseCaseCommand as reexported } from "../../../src/slack/listeners/commands/case.command.ts";
import { type CaseCommand, parseCaseCommand } from "../../../src/slack/listeners/commands/parse-case-command.ts";

const GRANT_USAGE = "Use: /case admin grant @person staff|coordinator|manager|admin";
const RULES_USAGE = "Use: /case admin rules, /case admin rules edit or /case admin rules reload";

describe("parseCaseCommand", () => {
  it.each<[string, CaseCommand]>([
    // Filing a concern.
    ["", { kind: "new" }],
    ["   ", { kind: "new" }],
    ["new", { kind: "new" }],
    ["  new ", { kind: "new" }],
    ["NEW", { kind: "new" }],
    ["new please", { kind: "unknown", text: "new please" }],
    // Help.
    ["help", { kind: "help" }],
    ["HELP", { kind: "help" }],
    ["?", { kind: "help" }],
    // My cases.
    ["mine", { kind: "mine" }],
    [" Mine ", { kind: "mine" }],
    ["mine please", { kind: "unknown", text: "mine please" }],
    // Open cases, with an optional unit or category filter (its case kept, spaces collapsed).
    ["open", { kind: "open" }],
    ["open Emergency Department", { kind: "open", filter: "Emergency Department" }],
    ["OPEN   Emergency    Department  ", { kind: "open", filter: "Emergency Department" }],
    ["open billing", { kind: "open", filter: "billing" }],
    // Search.
    ["search call bell", { kind: "search", text: "call bell" }],
    ["search   call\tbell ", { kind: "search", text: "call bell" }],
    ["search", { kind: "search", text: "" }],
    // One case by number.
    ["PR-2026-0042", { kind: "lookup", number: "PR-2026-0042" }],
    ["pr-2026-0042", { kind: "lookup", number: "PR-2026-0042" }],
    [" PR-2026-12345 ", { kind: "lookup", number: "PR-2026-12345" }],
    ["PR-2026-0042 please", { kind: "unknown", text: "PR-2026-0042 please" }],
    ["PR-26-0042", { kind: "unknown", text: "PR-26-0042" }],
    ["PR-2026-042", { kind: "unknown", text: "PR-2026-042" }],
    // Unknown words.
    ["frobnicate", { kind: "unknown", text: "frobnicate" }],
    ["close PR-2026-0042", { kind: "unknown", text: "close PR-2026-0042" }],
    ["  <!channel> hello ", { kind: "unknown", text: "<!channel> hello" }],
  ])("%j", (text, expected) => {
    expect(parseCaseCommand(text)).toStrictEqual(expected);
  });

  it("is what case.command.ts exports", () => {
    expect(reexported).toBe(parseCaseCommand);
  });
});

describe("parseCaseCommand: admin", () => {
  it.each<[string, CaseCommand]>([
    ["admin", { kind: "admin", command: { kind: "help" } }],
    ["admin help", { kind: "admin", command: { kind: "help" } }],
    ["ADMIN", { kind: "admin", command: { kind: "help" } }],
    ["admin roles", { kind: "admin", command: { kind: "roles" } }],
    ["Admin ROLES", { kind: "admin", command: { kind: "roles" } }],
    // Grants: an escaped mention, a bare mention, or a member ID; the role in any case.
    ["admin grant <@U0123ABCD|maria> coordinator", { kind: "admin", command: { kind: "grant", userId: "U0123ABCD", role: "coordinator" } }],
    ["admin grant <@U0123ABCD> admin", { kind: "admin", command: { kind: "grant", userId: "U0123ABCD", role: "admin" } }],
    ["admin grant <@W0123ABCD|maria> Manager", { kind: "admin", command: { kind: "grant", userId: "W0123ABCD", role: "manager" } }],
    ["admin grant U0123ABCD manager", { kind: "admin", command: { kind: "grant", userId: "U0123ABCD", role: "manager" } }],
    ["admin  grant   U0123ABCD   staff ", { kind: "admin", command: { kind: "grant", userId: "U0123ABCD", role: "staff" } }],
    // Bad grants.
    ["admin grant", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant <@U0123ABCD|maria>", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant <@U0123ABCD|maria> superuser", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant <@U0123ABCD|maria> approver", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant maria coordinator", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant @maria coordinator", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant u0123abcd coordinator", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant U012 coordinator", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant <!channel> admin", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant <#C0123ABCD|cases> admin", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    ["admin grant coordinator <@U0123ABCD|maria>", { kind: "admin", command: { kind: "invalid", message: GRANT_USAGE } }],
    // Rules.
    ["admin rules", { kind: "admin", command: { kind: "rules" } }],
    ["admin rules edit", { kind: "admin", command: { kind: "rules_edit" } }],
    ["admin rules EDIT", { kind: "admin", command: { kind: "rules_edit" } }],
    ["admin rules reload", { kind: "admin", command: { kind: "rules_reload" } }],
    ["admin rules nonsense", { kind: "admin", command: { kind: "invalid", message: RULES_USAGE } }],
    // Unknown admin words.
    ["admin frobnicate", { kind: "admin", command: { kind: "invalid", message: 'I don\'t know "admin frobnicate". Try /case admin help.' } }],
    ["admin revoke <@U0123ABCD|maria>", { kind: "admin", command: { kind: "invalid", message: 'I don\'t know "admin revoke". Try /case admin help.' } }],
  ])("%j", (text, expected) => {
    expect(parseCaseCommand(text)).toStrictEqual(expected);
  });
});
