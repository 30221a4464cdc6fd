import { qioConcern } from "../cases/medicare.ts";
import { CRITICAL_SEVERITY, isCriticalOrHarm } from "../cases/taxonomy.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Conditions, Route, RoutingStrategy, RuleSet, Team } from "./rule-set.schema.ts";

// Pure routing decisions: which rule applies, who owns the case, and which alerts the law or policy
// requires. Storage, locking and Slack posts live in the callers so these stay easy to test.

/** The facts of a case that routing looks at. */
export type RoutingFacts = {
  category: string;
  department: string;
  severity: number;
  type: "complaint" | "grievance" | "compliment";
  medicareBeneficiary: boolean;
  allegesHarm: boolean;
  description: string;
};

export type RouteMatch = { ruleId: string; route: Route; team: Team };


/** Finds the first rule whose conditions all hold, else the default route; ruleId is "default" then. */
export function matchRoute(ruleSet: RuleSet, facts: RoutingFacts): RouteMatch {
  const rule = ruleSet.rules.find((candidate) => matches(candidate.when, facts));
  const ruleId = rule?.id ?? "default";
  const route = rule?.route ?? ruleSet.default;
  const team = ruleSet.teams.find((candidate) => candidate.id === route.team);
  // parseRuleSet rejects routes to unknown teams, so this only happens with an unchecked rule set.
  if (!team) throw new AppError(ErrorCode.config, `Routing rule "${ruleId}" sends cases to team "${route.team}", which is not in the rule set.`);
  return { ruleId, route, team };
}

function matches(when: Conditions, facts: RoutingFacts): boolean {
  if (when.categories && !when.categories.includes(facts.category)) return false;
  if (when.departments && !when.departments.some((department) => sameName(department, facts.department))) return false;
  if (when.severities && !when.severities.includes(facts.severity)) return false;
  if (when.types && !when.types.includes(facts.type)) return false;
  if (when.harm !== undefined && when.harm !== facts.allegesHarm) return false;
  if (when.medicare !== undefined && when.medicare !== facts.medicareBeneficiary) return false;
  if (when.keywords && !when.keywords.some((keyword) => containsPhrase(facts.description, keyword))) return false;
  return true;
}

const normalize = (text: string) => text.normalize("NFC").trim().toLowerCase();
const sameName = (a: string, b: string) => normalize(a) === normalize(b);

// Letters, combining marks and digits make up words in every script, so "fall" does not match "falls" or "rainfall".
const WORD_CHARACTER = "[\\p{L}\\p{M}\\p{N}_]";

/** True when the phrase appears in the text as whole words, ignoring case and how much space separates its words. */
function containsPhrase(text: string, phrase: string): boolean {
  const words = normalize(phrase).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return false;
  const body = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join("\\s+");
  return new RegExp(`(?<!${WORD_CHARACTER})${body}(?!${WORD_CHARACTER})`, "iu").test(text.normalize("NFC"));
}

/** A person the rules may make a case's owner, and where the rules name them (as admins read the document). */
export type NamedOwner = { userId: string; path: string };

/** Everyone the rules may make an owner: each team's members (round robin, fewest open) and each named route's person. */
export function ownersNamedIn(ruleSet: RuleSet): NamedOwner[] {
  const members = ruleSet.teams.flatMap((team, index) => team.members.map((userId, member) => ({ userId, path: `teams[${index}].members[${member}]` })));
  const named = ruleSet.rules.flatMap((rule, index) => (rule.route.person ? [{ userId: rule.route.person, path: `rules[${index}].route.person` }] : []));
  return [...members, ...named, ...(ruleSet.default.person ? [{ userId: ruleSet.default.person, path: "default.person" }] : [])];
}

/** The problem with an owner who may not own cases, in the words an admin acts on. */
export function notAnOwnerProblem(owner: NamedOwner): string {
  return `${owner.path}: ${owner.userId} is not a coordinator: grant the role first, or pick another owner`;
}

/** One problem per place the rules name someone who may not own cases (`mayOwn` false: staff, or no role at all). */
export function ownerProblems(ruleSet: RuleSet, mayOwn: (userId: string) => boolean): string[] {
  return ownersNamedIn(ruleSet).filter((owner) => !mayOwn(owner.userId)).map(notAnOwnerProblem);
}

export type PickOwnerInput = {
  strategy: RoutingStrategy;
  person?: string | undefined;
  candidates: readonly string[];
  openCounts: ReadonlyMap<string, number>;
  cursor: number;
  /** Who may own cases (coordinator or above); anyone else is skipped. Everyone when left out. */
  mayOwn?: ((userId: string) => boolean) | undefined;
};

/**
 * Chooses the case owner for a strategy; null when nobody can take it (the case stays unassigned).
 * `mayOwn` leaves out anyone who may not own cases (a named person or member without the
 * coordinator role, say demoted since the rules were saved): they are skipped, never made owners.
 */
export function pickOwner(input: PickOwnerInput): { ownerId: string | null; nextCursor: number } {
  const { strategy, openCounts, cursor } = input;
  const mayOwn = input.mayOwn ?? (() => true);
  const person = input.person !== undefined && mayOwn(input.person) ? input.person : undefined;
  const candidates = input.candidates.filter(mayOwn);
  if (strategy === "named") return { ownerId: person ?? null, nextCursor: cursor };
  if (candidates.length === 0) return { ownerId: null, nextCursor: cursor };
  if (strategy === "round_robin") {
    // The cursor only grows; the modulo keeps the turn right when members join or leave.
    const index = ((Math.trunc(cursor) % candidates.length) + candidates.length) % candidates.length;
    return { ownerId: candidates[index]!, nextCursor: cursor + 1 };
  }
  let best = candidates[0]!;
  for (const candidate of candidates) {
    // Strictly fewer, so the earlier candidate wins a tie.
    if ((openCounts.get(candidate) ?? 0) < (openCounts.get(best) ?? 0)) best = candidate;
  }
  return { ownerId: best, nextCursor: cursor };
}

export type SpecialRoutes = { alertApprovers: boolean; qioReferral: boolean; reasons: string[] };

/** Decides the alerts and tasks a case needs whatever the rules say: approver alert for harm or critical, QIO referral notice for Medicare. */
export function specialRoutes(facts: RoutingFacts): SpecialRoutes {
  const reasons: string[] = [];
  if (facts.allegesHarm) reasons.push("Alleges abuse, neglect or patient harm");
  if (facts.severity >= CRITICAL_SEVERITY) reasons.push("Critical severity (4)");
  const alertApprovers = isCriticalOrHarm(facts);

  const qio = qioConcern(facts);
  if (qio === "quality_of_care") reasons.push("Medicare beneficiary with a quality-of-care concern: tell the patient about the right to contact the QIO");
  if (qio === "premature_discharge") {
    reasons.push("Medicare beneficiary with a discharge concern: tell the patient about the right to contact the QIO about a premature discharge");
  }
  return { alertApprovers, qioReferral: qio !== null, reasons };
}
