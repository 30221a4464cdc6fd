import { ROLES, type Role } from "../../../users/roles.ts";
import { cleanString } from "../../payload-boundary.ts";

// The words after /case. Mentions arrive as <@U123|name> because the manifest sets should_escape.

export type AdminCommand =
  | { kind: "help" }
  | { kind: "roles" }
  | { kind: "grant"; userId: string; role: Role }
  | { kind: "rules" }
  | { kind: "rules_reload" }
  | { kind: "rules_edit" }
  | { kind: "retry" }
  | { kind: "purge_audit" }
  | { kind: "settings_file"; file: "guidance" | "resources"; reload: boolean }
  | { kind: "settings_entry"; file: "guidance" | "resources"; action: "edit" | "remove"; id: string }
  | { kind: "settings_entry"; file: "guidance" | "resources"; action: "add" }
  | { kind: "invalid"; message: string };

export type CaseCommand =
  | { kind: "new" }
  | { kind: "help" }
  | { kind: "mine" }
  | { kind: "open"; filter?: string }
  | { kind: "search"; text: string }
  | { kind: "lookup"; number: string }
  | { kind: "admin"; command: AdminCommand }
  | { kind: "digest"; digest: "escalations" | "trends"; preview: boolean }
  | { kind: "guide"; topic?: string }
  | { kind: "resources_report"; month?: string }
  | { kind: "committee_report"; period: string }
  | { kind: "export_case"; number: string }
  | { kind: "export_period"; what: "cases" | "audit"; period: string }
  | { kind: "import_comments" }
  | { kind: "team"; month?: string }
  | { kind: "unknown"; text: string };

const CASE_NUMBER = /^PR-\d{4}-\d{4,}$/i;
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$|^([UW][A-Z0-9]{6,})$/;

function parseAdmin(words: string[]): AdminCommand {
  const [verb, ...rest] = words.map((word) => word.trim());
  switch (verb?.toLowerCase()) {
    case undefined:
    case "help":
      return { kind: "help" };
    case "roles":
      return { kind: "roles" };
    case "retry":
      return { kind: "retry" };
    case "purge-audit":
      return rest.length === 0 ? { kind: "purge_audit" } : { kind: "invalid", message: "Use: /case admin purge-audit (it shows what would be deleted and asks first)" };
    case "grant": {
      const mention = rest[0]?.match(MENTION);
      const role = rest[1]?.toLowerCase();
      if (!mention || !role || !(ROLES as readonly string[]).includes(role)) {
        return { kind: "invalid", message: `Use: /case admin grant @person ${ROLES.join("|")}` };
      }
      return { kind: "grant", userId: (mention[1] ?? mention[2]) as string, role: role as Role };
    }
    case "rules": {
      const sub = rest[0]?.toLowerCase();
      if (!sub) return { kind: "rules" };
      if (sub === "reload") return { kind: "rules_reload" };
      if (sub === "edit") return { kind: "rules_edit" };
      return { kind: "invalid", message: "Use: /case admin rules, /case admin rules edit or /case admin rules reload" };
    }
    case "guidance":
    case "resources": {
      const sub = rest[0]?.toLowerCase();
      const file = verb.toLowerCase() as "guidance" | "resources";
      if ((!sub || sub === "reload") && rest.length <= 1) return { kind: "settings_file", file, reload: sub === "reload" };
      if (sub === "add" && rest.length === 1) return { kind: "settings_entry", file, action: "add" };
      if ((sub === "edit" || sub === "remove") && rest.length === 2) return { kind: "settings_entry", file, action: sub, id: rest[1]!.toLowerCase() };
      const entry = file === "guidance" ? "card-id" : "resource-id";
      return { kind: "invalid", message: `Use: /case admin ${file} [reload], /case admin ${file} edit <${entry}>, /case admin ${file} add or /case admin ${file} remove <${entry}>` };
    }
    default:
      return { kind: "invalid", message: `I don't know "admin ${verb}". Try /case admin help.` };
  }
}

/** Reads the text after /case. */
export function parseCaseCommand(text: string): CaseCommand {
  // Control characters never reach a search or a filter (PostgreSQL refuses NUL).
  const trimmed = cleanString(text).trim();
  const words = trimmed.split(/\s+/).filter(Boolean);
  const verb = words[0]?.toLowerCase();
  const rest = words.slice(1).join(" ");
  if (!verb || (verb === "new" && words.length === 1)) return { kind: "new" };
  if (CASE_NUMBER.test(verb) && words.length === 1) return { kind: "lookup", number: verb.toUpperCase() };
  switch (verb) {
    case "help":
    case "?":
      return { kind: "help" };
    case "mine":
      return words.length === 1 ? { kind: "mine" } : { kind: "unknown", text: trimmed };
    case "open":
      return rest ? { kind: "open", filter: rest } : { kind: "open" };
    case "search":
      return { kind: "search", text: rest };
    case "admin":
      return { kind: "admin", command: parseAdmin(words.slice(1)) };
    case "guide":
      return rest ? { kind: "guide", topic: rest } : { kind: "guide" };
    case "resources": {
      // /case resources report [YYYY-MM]: the month's resources offered (managers).
      if (words[1]?.toLowerCase() !== "report" || words.length > 3) return { kind: "unknown", text: trimmed };
      return words[2] ? { kind: "resources_report", month: words[2] } : { kind: "resources_report" };
    }
    case "team":
      // /case team [YYYY-MM]: the team at a glance, privately (managers).
      if (words.length > 2) return { kind: "unknown", text: trimmed };
      return words[1] ? { kind: "team", month: words[1] } : { kind: "team" };
    case "report":
      // /case report committee <period>: the grievance committee report (managers).
      if (words[1]?.toLowerCase() !== "committee" || words.length > 3) return { kind: "unknown", text: trimmed };
      return { kind: "committee_report", period: words[2] ?? "" };
    case "export": {
      // /case export PR-2026-0012 | /case export cases|audit <period>.
      const what = words[1]?.toLowerCase();
      if (words.length === 2 && words[1] && CASE_NUMBER.test(words[1])) return { kind: "export_case", number: words[1].toUpperCase() };
      if ((what === "cases" || what === "audit") && words.length <= 3) return { kind: "export_period", what, period: words[2] ?? "" };
      return { kind: "unknown", text: trimmed };
    }
    case "import":
      return words.length === 1 ? { kind: "import_comments" } : { kind: "unknown", text: trimmed };
    case "digest": {
      const which = words[1]?.toLowerCase();
      const preview = words.slice(2).some((word) => word.toLowerCase() === "preview");
      if ((which === "escalations" || which === "trends") && words.length <= 3 && (words.length < 3 || preview)) return { kind: "digest", digest: which, preview };
      return { kind: "unknown", text: trimmed };
    }
    default:
      return { kind: "unknown", text: trimmed };
  }
}
