import { parseDocument } from "yaml";
import { z } from "zod";
import { CATEGORIES, SEVERITIES } from "../cases/taxonomy.ts";
import { blankAsEmptyList, blankAsMissing, describeYamlError, expecting, formatPath, kindOf, label, quoteAll, SLUG, versionOne } from "../lib/settings-document.ts";

// Routing rules are data a patient-relations administrator edits without a deploy, so every
// problem is reported in plain words with where it is ("rules[2].route.team: …") and how to fix
// it. Objects are strict: a misspelt setting would otherwise be ignored and route cases silently.

export const RULE_SET_LIMITS = { characters: 20_000, errors: 20 } as const;
export const ROUTING_STRATEGIES = ["named", "round_robin", "fewest_open"] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

// Same shapes as CASE_CHANNEL_ID and ADMIN_USER_IDS in the environment.
const SLACK_USER_ID = /^[UW][A-Z0-9]{6,}$/;
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
const SLUG_MAX = 50;

const CATEGORY_IDS = CATEGORIES.map((category) => category.id) as readonly string[];
const CASE_TYPES = ["complaint", "grievance", "compliment"] as const;
const CONDITION_KEYS = ["categories", "departments", "severities", "types", "harm", "medicare", "keywords"] as const;

const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
};

// Typos and singulars ("category") are the usual cause of an unknown setting, so the nearest allowed name is suggested.
function closest(word: string, options: readonly string[]): string | undefined {
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = editDistance(word.toLowerCase(), option.toLowerCase());
    const nearEnough = distance <= Math.max(1, Math.floor(option.length / 3));
    if (nearEnough && (!best || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
}

const strict = <T extends z.ZodRawShape>(shape: T, what: string) => {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return expecting(what)(issue);
      const hints = issue.keys.map((key) => closest(key, allowed)).filter((hint) => hint !== undefined);
      const suggestion = hints.length > 0 ? ` (did you mean ${quoteAll(hints)}?)` : "";
      const noun = issue.keys.length === 1 ? "setting" : "settings";
      return `unknown ${noun} ${quoteAll(issue.keys)}${suggestion}; the allowed settings here are: ${allowed.join(", ")}`;
    },
  });
};

const slug = (what: string) =>
  z
    .string({ error: expecting(`${what} (lowercase letters, digits and hyphens, e.g. patient-relations)`) })
    .regex(SLUG, `must use only lowercase letters, digits and hyphens (e.g. patient-relations)`)
    .max(SLUG_MAX, `must be ${SLUG_MAX} characters or fewer`);

const userId = z
  .string({ error: expecting("a Slack member ID like U0123ABCD") })
  .regex(SLACK_USER_ID, "must be a Slack member ID like U0123ABCD (in Slack open the profile → ⋮ → Copy member ID)");

const userIdList = (what: string) =>
  z.preprocess(
    blankAsEmptyList,
    z.array(userId, { error: expecting(`a list of ${what}, e.g. [U0123ABCD, U0456EFGH], or [] for none`) }).superRefine((ids, ctx) => {
      ids.forEach((id, index) => {
        if (ids.indexOf(id) !== index) ctx.addIssue({ code: "custom", path: [index], message: `${id} is listed twice; list each person once` });
      });
    }),
  );

const conditionList = <T extends z.ZodType>(item: T, what: string, example: string) =>
  z
    .array(item, { error: expecting(`a list of ${what}, e.g. ${example}`) })
    .min(1, `is an empty list, which would never match; list at least one ${what.replace(/s$/, "")} or remove this condition`);

export const TeamSchema = strict(
  {
    id: slug("the team's id"),
    name: label("the team name shown to users, e.g. Patient Relations", 100),
    channel: z.preprocess(
      blankAsMissing,
      z
        .string({ error: expecting("a Slack channel ID like C0123ABCD") })
        .regex(SLACK_CHANNEL_ID, "must be a Slack channel ID like C0123ABCD (in Slack open the channel → channel name → About → Channel ID)")
        .optional(),
    ),
    members: userIdList("Slack member IDs (empty means every coordinator)"),
  },
  "a team with id, name and members",
);
export type Team = z.infer<typeof TeamSchema>;

const routeShape = {
  team: slug("the id of the team that receives these cases"),
  strategy: z.enum(ROUTING_STRATEGIES, {
    error: (issue) =>
      issue.input === undefined
        ? `is missing; add one of: ${ROUTING_STRATEGIES.join(", ")}`
        : `must be one of: ${ROUTING_STRATEGIES.join(", ")} (it is ${kindOf(issue.input)})`,
  }),
  person: z.preprocess(blankAsMissing, userId.optional()),
};

export const RouteSchema = strict(routeShape, "a route with team and strategy").superRefine((route, ctx) => {
  if (route.strategy === "named" && route.person === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["person"],
      message: `is missing; strategy "named" needs the Slack member ID of the person who gets these cases`,
    });
  }
  if (route.strategy !== "named" && route.person !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["person"],
      message: `is only used with strategy "named"; remove it, or change strategy to named to always assign ${route.person}`,
    });
  }
});
export type Route = z.infer<typeof RouteSchema>;

const severity = z.number({ error: expecting("a severity from 1 to 4") }).refine(
  (level) => Number.isInteger(level) && SEVERITIES.some((entry) => entry.level === level),
  {
    error: (issue) =>
      `severity ${String(issue.input)} does not exist; use ${SEVERITIES.map((entry) => entry.label.replace(" – ", " (").toLowerCase()).join("), ")})`,
  },
);

const category = z.string({ error: expecting("a category id") }).refine((id) => CATEGORY_IDS.includes(id), {
  error: (issue) => `there is no category "${String(issue.input)}"; categories are: ${CATEGORY_IDS.join(", ")}`,
});

const keyword = z
  .string({ error: expecting("a word or phrase") })
  .trim()
  .min(1, "is empty; write a word or phrase, or remove it")
  .max(100, "must be 100 characters or fewer");

export const ConditionsSchema = strict(
  {
    categories: conditionList(category, "category ids", "[billing, access]").optional(),
    departments: conditionList(label("a department name", 75), "department names", '["Billing Office"]').optional(),
    severities: conditionList(severity, "severities", "[3, 4]").optional(),
    types: conditionList(
      z.enum(CASE_TYPES, {
        error: (issue) => `must be complaint or grievance (it is ${kindOf(issue.input)})`,
      }),
      "case types",
      "[grievance]",
    ).optional(),
    harm: z.boolean({ error: expecting("true or false (without quotes)") }).optional(),
    medicare: z.boolean({ error: expecting("true or false (without quotes)") }).optional(),
    keywords: conditionList(keyword, "keywords", "[fall, call bell]").optional(),
  },
  "a group of conditions",
).refine((when) => CONDITION_KEYS.some((key) => when[key] !== undefined), {
  // A misspelt condition ("category:") is already reported; "no conditions" on top would only confuse.
  when: (payload) => payload.issues.length === 0,
  message: `has no conditions, so it would match every case; add at least one of: ${CONDITION_KEYS.join(", ")} (use "default" for the catch-all route)`,
});
export type Conditions = z.infer<typeof ConditionsSchema>;

export const RuleSchema = strict(
  {
    id: slug("the rule's id"),
    description: z.preprocess(blankAsMissing, label("a short description", 200).optional()),
    when: ConditionsSchema,
    route: RouteSchema,
  },
  "a rule with id, when and route",
);
export type Rule = z.infer<typeof RuleSchema>;

export const RuleSetSchema = strict(
  {
    version: versionOne("rule-set"),
    teams: z
      .array(TeamSchema, { error: expecting("a list of teams") })
      .min(1, "is an empty list; add at least one team to receive cases"),
    riskManagement: z.preprocess(
      blankAsMissing,
      strict({ contacts: userIdList("Slack member IDs of risk managers") }, "a group with contacts").default({ contacts: [] }),
    ),
    rules: z.preprocess(blankAsEmptyList, z.array(RuleSchema, { error: expecting("a list of rules") })),
    default: RouteSchema,
  },
  "a rule set with version, teams, rules and default",
).superRefine(checkReferences, { when: () => true });
export type RuleSet = z.infer<typeof RuleSetSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const entries = (value: unknown) => (Array.isArray(value) ? value : []).map((entry, index) => [index, isRecord(entry) ? entry : {}] as const);

// Runs even when other parts of the document are wrong (`when: () => true`), so the admin sees every
// broken reference in one pass; it reads the document defensively for that reason.
function checkReferences(document: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isRecord(document)) return;
  const teams = entries(document.teams);
  const rules = entries(document.rules);
  reportDuplicates(teams, "teams", "team", ctx);
  reportDuplicates(rules, "rules", "rule", ctx);

  const teamIds = teams.map(([, team]) => team.id).filter((id): id is string => typeof id === "string");
  const checkTeam = (route: unknown, path: (string | number)[]) => {
    if (!isRecord(route) || typeof route.team !== "string" || teamIds.includes(route.team)) return;
    const known = teamIds.length > 0 ? `teams are: ${[...new Set(teamIds)].join(", ")}` : "no teams are defined yet";
    ctx.addIssue({ code: "custom", path: [...path, "team"], message: `there is no team "${route.team}"; ${known}` });
  };
  for (const [index, rule] of rules) checkTeam(rule.route, ["rules", index, "route"]);
  checkTeam(document.default, ["default"]);
}

function reportDuplicates(
  list: readonly (readonly [number, Record<string, unknown>])[],
  key: "teams" | "rules",
  noun: string,
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  const seen = new Map<string, number>();
  for (const [index, item] of list) {
    if (typeof item.id !== "string") continue;
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, index);
    else ctx.addIssue({ code: "custom", path: [key, index, "id"], message: `the ${noun} id "${item.id}" is already used by ${key}[${first}]; give each ${noun} its own id` });
  }
}

export type RuleSetResult = { ok: true; ruleSet: RuleSet } | { ok: false; errors: string[] };

/** Parses and checks a YAML or JSON rule set; never throws, and returns at most 20 located, actionable messages. */
export function parseRuleSet(text: string): RuleSetResult {
  try {
    return parseChecked(text);
  } catch {
    // A guard for parser edge cases: the admin still gets a message rather than a crash.
    return { ok: false, errors: ["document: the rule set could not be read; check that it is valid YAML"] };
  }
}

function parseChecked(text: string): RuleSetResult {
  const { characters } = RULE_SET_LIMITS;
  if (text.length > characters) {
    return {
      ok: false,
      errors: [
        `document: the rule set is ${text.length.toLocaleString("en-US")} characters; the limit is ${characters.toLocaleString("en-US")}. Remove rules you no longer need or shorten descriptions and comments.`,
      ],
    };
  }
  if (text.trim() === "") return { ok: false, errors: ["document: the rule set is empty; start from the shipped routing-rules.yml"] };

  const document = parseDocument(text, { uniqueKeys: true, logLevel: "error" });
  if (document.errors.length > 0) return { ok: false, errors: capped(document.errors.map(describeYamlError)) };

  const data: unknown = document.toJS({ maxAliasCount: 50 });
  if (!isRecord(data)) {
    return { ok: false, errors: [`document: must be a group of settings starting with "version: 1", but it is ${kindOf(data)}`] };
  }
  const result = RuleSetSchema.safeParse(data);
  if (result.success) return { ok: true, ruleSet: result.data };
  const issues = [...result.error.issues].sort((a, b) => documentOrder(a.path) - documentOrder(b.path));
  return { ok: false, errors: capped(issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`)) };
}

const TOP_LEVEL_KEYS = Object.keys(RuleSetSchema.shape);

// Reference checks run last; sorting by section and item keeps each team's or rule's problems together, as in the file.
function documentOrder(path: readonly PropertyKey[]): number {
  const [section, item] = path;
  if (section === undefined) return -1;
  const sectionRank = TOP_LEVEL_KEYS.indexOf(String(section));
  return sectionRank * 1_000_000 + (typeof item === "number" ? item + 1 : 0);
}

// A document with many problems usually has one cause (e.g. wrong indentation); the first ones are enough to start.
function capped(errors: string[]): string[] {
  const limit = RULE_SET_LIMITS.errors;
  if (errors.length <= limit) return errors;
  const hidden = errors.length - (limit - 1);
  return [...errors.slice(0, limit - 1), `document: ${hidden} more problems are not shown; fix the ones above and check again`];
}
