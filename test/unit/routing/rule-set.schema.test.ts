import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRuleSet, type RuleSet, RuleSetSchema } from "../../../src/routing/rule-set.schema.ts";

const TEAMS = `version: 1
teams:
  - id: patient-relations
    name: Patient Relations
    members: []
  - id: risk
    name: Risk Management
    channel: G0RISK0001
    members: [U0RISK001, W0RISK002]
`;
const DEFAULT = `default:
  team: patient-relations
  strategy: fewest_open
`;

/** A valid document with the given rules section (YAML, indented as under "rules:"). */
const withRules = (rules: string) => `${TEAMS}rules:\n${rules}${DEFAULT}`;

const errorsOf = (text: string): string[] => {
  const result = parseRuleSet(text);
  if (result.ok) throw new Error("expected the rule set to be rejected");
  return result.errors;
};

const SEVERITY_HINT = "use 1 (minor), 2 (moderate), 3 (major), 4 (critical)";
const CATEGORY_LIST = "quality, safety, abuse_neglect, patient_harm, environment, access, discharge, billing, billing_rights, routine_request, communication, listening, respect, visitation, language_access, discrimination, restraint_seclusion, privacy, consent, advance_directives, dignity, compliment";

describe("parseRuleSet: valid documents", () => {
  it("parses every setting and fills in the optional ones", () => {
    const result = parseRuleSet(
      withRules(`  - id: billing-to-finance
    description: Billing concerns go to the billing liaison
    when:
      categories: [billing]
      departments: [Billing Office]
      severities: [3, 4]
      types: [grievance]
      harm: false
      medicare: true
      keywords: [fall, call bell]
    route:
      team: risk
      strategy: named
      person: U0123ABCD
`),
    );
    expect(result).toEqual({
      ok: true,
      ruleSet: {
        version: 1,
        teams: [
          { id: "patient-relations", name: "Patient Relations", members: [] },
          { id: "risk", name: "Risk Management", channel: "G0RISK0001", members: ["U0RISK001", "W0RISK002"] },
        ],
        riskManagement: { contacts: [] },
        rules: [
          {
            id: "billing-to-finance",
            description: "Billing concerns go to the billing liaison",
            when: {
              categories: ["billing"],
              departments: ["Billing Office"],
              severities: [3, 4],
              types: ["grievance"],
              harm: false,
              medicare: true,
              keywords: ["fall", "call bell"],
            },
            route: { team: "risk", strategy: "named", person: "U0123ABCD" },
          },
        ],
        default: { team: "patient-relations", strategy: "fewest_open" },
      } satisfies RuleSet,
    });
  });

  it("accepts JSON, which is YAML too", () => {
    const json = JSON.stringify({
      version: 1,
      teams: [{ id: "pr", name: "PR", members: [] }],
      riskManagement: { contacts: ["U0RISK001"] },
      rules: [],
      default: { team: "pr", strategy: "round_robin" },
    });
    const result = parseRuleSet(json);
    expect(result.ok && result.ruleSet.riskManagement).toEqual({ contacts: ["U0RISK001"] });
  });

  it("treats blank optional settings as not set", () => {
    const result = parseRuleSet(`version: 1
teams:
  - id: pr
    name: PR
    channel:
    members:
rules:
default:
  team: pr
  strategy: round_robin
  person:
`);
    expect(result).toEqual({
      ok: true,
      ruleSet: {
        version: 1,
        teams: [{ id: "pr", name: "PR", members: [] }],
        riskManagement: { contacts: [] },
        rules: [],
        default: { team: "pr", strategy: "round_robin" },
      },
    });
  });

  it("a parsed rule set re-validates unchanged, as it does when loaded back from the database", () => {
    const result = parseRuleSet(withRules(`  - id: a\n    when: { severities: [4] }\n    route: { team: risk, strategy: round_robin }\n`));
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(RuleSetSchema.parse(JSON.parse(JSON.stringify(result.ruleSet)))).toEqual(result.ruleSet);
  });

  it("the shipped prisma/seed/routing-rules.yml parses, with its teams, rules and default", () => {
    const text = readFileSync(new URL("../../../prisma/seed/routing-rules.yml", import.meta.url), "utf8");
    const result = parseRuleSet(text);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.ruleSet.teams.map((team) => [team.id, team.members])).toEqual([
      ["patient-relations", []],
      ["risk-management", []],
    ]);
    expect(result.ruleSet.riskManagement.contacts).toEqual([]);
    expect(result.ruleSet.rules.map((rule) => [rule.id, rule.route.team, rule.route.strategy])).toEqual([
      ["harm-to-least-busy", "patient-relations", "fewest_open"],
      ["critical-to-least-busy", "patient-relations", "fewest_open"],
      ["billing-in-turn", "patient-relations", "round_robin"],
      ["grievances-to-least-busy", "patient-relations", "fewest_open"],
    ]);
    expect(result.ruleSet.default).toEqual({ team: "patient-relations", strategy: "round_robin" });
  });

  it("the commented-out example in the shipped file parses once it is turned on as the file says", () => {
    const text = readFileSync(new URL("../../../prisma/seed/routing-rules.yml", import.meta.url), "utf8");
    const [before, after] = text.split("  # - id: falls-and-medication-to-risk");
    const enabled = `${before}  - id: falls-and-medication-to-risk${after!.replace(/^ {2}# /gm, "  ")}`;
    const result = parseRuleSet(enabled);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.ruleSet.rules.at(-1)).toEqual({
      id: "falls-and-medication-to-risk",
      description: "Falls and medication errors go to risk management",
      when: { categories: ["safety"], keywords: ["fall", "fell", "medication error", "wrong dose"] },
      route: { team: "risk-management", strategy: "round_robin" },
    });
  });
});

describe("parseRuleSet: document-level problems", () => {
  it("reports YAML syntax errors with line and column", () => {
    expect(errorsOf("version: 1\nteams: [\n")).toEqual([
      'line 3, column 1: this is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]); check the indentation and that each setting is written as "name: value"',
    ]);
  });

  it("reports a setting written twice", () => {
    expect(errorsOf("version: 1\nversion: 1\n")).toEqual([
      'line 2, column 1: this is not valid YAML (Map keys must be unique); check the indentation and that each setting is written as "name: value"',
    ]);
  });

  it("refuses documents over 20,000 characters before reading them", () => {
    const text = `${withRules("")}# ${"x".repeat(20_000)}\n`;
    expect(errorsOf(text)).toEqual([
      `document: the rule set is ${text.length.toLocaleString("en-US")} characters; the limit is 20,000. Remove rules you no longer need or shorten descriptions and comments.`,
    ]);
  });

  it("accepts a document of exactly 20,000 characters", () => {
    const valid = withRules("");
    const text = `${valid}#${"x".repeat(20_000 - valid.length - 2)}\n`;
    expect(text.length).toBe(20_000);
    expect(parseRuleSet(text).ok).toBe(true);
  });

  it("explains an empty document", () => {
    expect(errorsOf("  \n")).toEqual(["document: the rule set is empty; start from the shipped routing-rules.yml"]);
  });

  it("explains a document that is not a group of settings", () => {
    expect(errorsOf("- a\n- b\n")).toEqual(['document: must be a group of settings starting with "version: 1", but it is a list']);
    expect(errorsOf("hello")).toEqual(['document: must be a group of settings starting with "version: 1", but it is the text "hello"']);
  });

  it("never throws, whatever the text", () => {
    for (const text of ["a: *missing", "[[[", "\u0000", "&a [*a]", "? [a]\n: b", "{"]) {
      expect(parseRuleSet(text).ok).toBe(false);
    }
  });

  it("names missing top-level settings and a wrong version", () => {
    expect(errorsOf("teams: []\n")).toEqual([
      "version: is missing; add version: 1 at the top",
      "teams: is an empty list; add at least one team to receive cases",
      "default: is missing; add a route with team and strategy",
    ]);
    expect(errorsOf(`${TEAMS.replace("version: 1", "version: 2")}${DEFAULT}`)).toEqual(["version: must be 1 (the only rule-set format so far)"]);
  });

  it("catches unknown settings at the top level, with a suggestion for a typo", () => {
    expect(errorsOf(`${TEAMS}${DEFAULT}rule: []\n`)).toEqual([
      'document: unknown setting "rule" (did you mean "rules"?); the allowed settings here are: version, teams, riskManagement, rules, default',
    ]);
  });

  it("explains a section of the wrong kind", () => {
    expect(errorsOf(`${TEAMS}${DEFAULT}rules: { id: a }\n`)).toEqual(["rules: must be a list of rules, but it is a group of settings"]);
  });

  it("caps the list at 20 messages and says how many more there are", () => {
    const rules = Array.from({ length: 25 }, (_, index) => `  - id: r${index}\n    when: { severities: [9] }\n    route: { team: patient-relations, strategy: round_robin }\n`);
    const errors = errorsOf(withRules(rules.join("")));
    expect(errors).toHaveLength(20);
    expect(errors[0]).toBe(`rules[0].when.severities[0]: severity 9 does not exist; ${SEVERITY_HINT}`);
    expect(errors[18]).toBe(`rules[18].when.severities[0]: severity 9 does not exist; ${SEVERITY_HINT}`);
    expect(errors[19]).toBe("document: 6 more problems are not shown; fix the ones above and check again");
  });
});

describe("parseRuleSet: teams", () => {
  const team = (lines: string) => `version: 1\nteams:\n  - id: pr\n    name: PR\n    members: []\n${lines}${DEFAULT.replace("patient-relations", "pr")}`;

  it("rejects ids that are not lowercase slugs", () => {
    expect(errorsOf(team("  - id: Billing_Team\n    name: Billing\n    members: []\n"))).toEqual([
      "teams[1].id: must use only lowercase letters, digits and hyphens (e.g. patient-relations)",
    ]);
  });

  it("rejects duplicate team ids", () => {
    expect(errorsOf(team("  - id: pr\n    name: Again\n    members: []\n"))).toEqual([
      'teams[1].id: the team id "pr" is already used by teams[0]; give each team its own id',
    ]);
  });

  it("rejects a missing or empty name", () => {
    expect(errorsOf(team("  - id: b\n    members: []\n"))).toEqual([
      "teams[1].name: is missing; add the team name shown to users, e.g. Patient Relations",
    ]);
    expect(errorsOf(team('  - id: b\n    name: "  "\n    members: []\n'))).toEqual([
      "teams[1].name: is empty; add the team name shown to users, e.g. Patient Relations",
    ]);
  });

  it("rejects channel and member ids that are not Slack ids, and members listed twice", () => {
    expect(errorsOf(team("  - id: b\n    name: B\n    channel: '#billing'\n    members: [bob, U0123ABCD, U0123ABCD]\n"))).toEqual([
      "teams[1].channel: must be a Slack channel ID like C0123ABCD (in Slack open the channel → channel name → About → Channel ID)",
      "teams[1].members[0]: must be a Slack member ID like U0123ABCD (in Slack open the profile → ⋮ → Copy member ID)",
      "teams[1].members[2]: U0123ABCD is listed twice; list each person once",
    ]);
  });

  it("rejects unknown team settings", () => {
    expect(errorsOf(team("  - id: b\n    name: B\n    members: []\n    memebrs: []\n"))).toEqual([
      'teams[1]: unknown setting "memebrs" (did you mean "members"?); the allowed settings here are: id, name, channel, members',
    ]);
  });

  it("rejects risk-management contacts that are not a list of member ids", () => {
    expect(errorsOf(`${TEAMS}riskManagement:\n  contacts: U0RISK001\n${DEFAULT}`)).toEqual([
      'riskManagement.contacts: must be a list of Slack member IDs of risk managers, e.g. [U0123ABCD, U0456EFGH], or [] for none, but it is the text "U0RISK001"',
    ]);
  });
});

describe("parseRuleSet: rules", () => {
  const rule = (when: string, route = "{ team: patient-relations, strategy: round_robin }") =>
    withRules(`  - id: r\n    when: ${when}\n    route: ${route}\n`);

  it("rejects a route to a team that does not exist, listing the teams", () => {
    expect(errorsOf(rule("{ categories: [billing] }", "{ team: billing, strategy: round_robin }"))).toEqual([
      'rules[0].route.team: there is no team "billing"; teams are: patient-relations, risk',
    ]);
  });

  it("rejects a default route to a team that does not exist", () => {
    expect(errorsOf(`${TEAMS}default:\n  team: finance\n  strategy: fewest_open\n`)).toEqual([
      'default.team: there is no team "finance"; teams are: patient-relations, risk',
    ]);
  });

  it("rejects duplicate rule ids", () => {
    const text = withRules(
      "  - id: r\n    when: { severities: [4] }\n    route: { team: risk, strategy: round_robin }\n" +
        "  - id: r\n    when: { severities: [3] }\n    route: { team: risk, strategy: round_robin }\n",
    );
    expect(errorsOf(text)).toEqual(['rules[1].id: the rule id "r" is already used by rules[0]; give each rule its own id']);
  });

  it("requires a person for the named strategy", () => {
    expect(errorsOf(rule("{ severities: [4] }", "{ team: risk, strategy: named }"))).toEqual([
      'rules[0].route.person: is missing; strategy "named" needs the Slack member ID of the person who gets these cases',
    ]);
  });

  it("forbids a person with another strategy", () => {
    expect(errorsOf(rule("{ severities: [4] }", "{ team: risk, strategy: fewest_open, person: U0123ABCD }"))).toEqual([
      'rules[0].route.person: is only used with strategy "named"; remove it, or change strategy to named to always assign U0123ABCD',
    ]);
  });

  it("rejects an unknown strategy and a misspelt setting", () => {
    expect(errorsOf(rule("{ severities: [4] }", "{ team: risk, strategy: fastest }"))).toEqual([
      'rules[0].route.strategy: must be one of: named, round_robin, fewest_open (it is the text "fastest")',
    ]);
    expect(errorsOf(rule("{ severities: [4] }", "{ team: risk, stratgy: named }"))).toEqual([
      "rules[0].route.strategy: is missing; add one of: named, round_robin, fewest_open",
      'rules[0].route: unknown setting "stratgy" (did you mean "strategy"?); the allowed settings here are: team, strategy, person',
    ]);
  });

  it("rejects unknown category ids, listing the valid ones", () => {
    expect(errorsOf(rule("{ categories: [billing, billng] }"))).toEqual([
      `rules[0].when.categories[1]: there is no category "billng"; categories are: ${CATEGORY_LIST}`,
    ]);
  });

  it("rejects severities outside 1 to 4, fractions and quoted numbers", () => {
    expect(errorsOf(rule('{ severities: [0, 5, 2.5, "3"] }'))).toEqual([
      `rules[0].when.severities[0]: severity 0 does not exist; ${SEVERITY_HINT}`,
      `rules[0].when.severities[1]: severity 5 does not exist; ${SEVERITY_HINT}`,
      `rules[0].when.severities[2]: severity 2.5 does not exist; ${SEVERITY_HINT}`,
      'rules[0].when.severities[3]: must be a severity from 1 to 4, but it is the text "3"',
    ]);
  });

  it("rejects unknown case types and non-boolean flags", () => {
    expect(errorsOf(rule("{ types: [grievence], medicare: yes, harm: 1 }"))).toEqual([
      'rules[0].when.types[0]: must be complaint or grievance (it is the text "grievence")',
      "rules[0].when.harm: must be true or false (without quotes), but it is the number 1",
      'rules[0].when.medicare: must be true or false (without quotes), but it is the text "yes"',
    ]);
  });

  it("rejects an empty when, and a when whose only condition is misspelt gets one message", () => {
    expect(errorsOf(rule("{}"))).toEqual([
      'rules[0].when: has no conditions, so it would match every case; add at least one of: categories, departments, severities, types, harm, medicare, keywords (use "default" for the catch-all route)',
    ]);
    expect(errorsOf(rule("{ category: [billing] }"))).toEqual([
      'rules[0].when: unknown setting "category" (did you mean "categories"?); the allowed settings here are: categories, departments, severities, types, harm, medicare, keywords',
    ]);
  });

  it("rejects empty condition lists, which would never match, and a single value instead of a list", () => {
    expect(errorsOf(rule("{ keywords: [], departments: Billing Office }"))).toEqual([
      'rules[0].when.departments: must be a list of department names, e.g. ["Billing Office"], but it is the text "Billing Office"',
      "rules[0].when.keywords: is an empty list, which would never match; list at least one keyword or remove this condition",
    ]);
  });

  it("rejects a rule without when or route", () => {
    expect(errorsOf(withRules("  - id: r\n"))).toEqual([
      "rules[0].when: is missing; add a group of conditions",
      "rules[0].route: is missing; add a route with team and strategy",
    ]);
  });

  it("keeps each rule's problems together, in file order", () => {
    const text = withRules(
      "  - id: a\n    when: { severities: [7] }\n    route: { team: nowhere, strategy: round_robin }\n" +
        "  - id: b\n    when: { types: [x] }\n    route: { team: risk, strategy: round_robin }\n",
    );
    expect(errorsOf(text)).toEqual([
      `rules[0].when.severities[0]: severity 7 does not exist; ${SEVERITY_HINT}`,
      'rules[0].route.team: there is no team "nowhere"; teams are: patient-relations, risk',
      'rules[1].when.types[0]: must be complaint or grievance (it is the text "x")',
    ]);
  });
});
