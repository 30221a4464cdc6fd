import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { announceInThread, directMessages } from "../cases/case-updates.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { APPROVER_ROLES, canOwnCases, OWNER_ROLES, worksEveryTeam } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";
import type { UserRoleRepository } from "../users/user-role.ts";
import { notAnOwnerProblem, ownerProblems, ownersNamedIn } from "./route.ts";
import type { RoutingRepository } from "./routing.ts";
import { parseRuleSet, type RuleSet, RuleSetSchema } from "./rule-set.schema.ts";

export const DEFAULT_RULES_FILE = fileURLToPath(new URL("../../prisma/seed/routing-rules.yml", import.meta.url));

export interface RoutingServiceDeps {
  routing: RoutingRepository;
  roles: UserRoleRepository;
  rulesFile: string;
  /** Where start-up warns of rules naming owners who may not own cases. */
  logger?: Logger;
}

/**
 * Routing rules in force, their changes from Slack or the file, and routing each new case. The
 * rules may only make owners of people who may own cases (coordinator or above): rules naming
 * anyone else are refused when an admin saves or reloads them; at start-up they are loaded with a
 * warning and routing skips that person.
 */
export function createRoutingService({ routing, roles, rulesFile, logger }: RoutingServiceDeps) {
  /** Who may own cases now, as one lookup (coordinators, managers, admins). */
  async function owners(): Promise<(userId: string) => boolean> {
    const allowed = new Set(await roles.withRoles(OWNER_ROLES));
    return (userId) => allowed.has(userId);
  }

  /** The rules' problems with the people they would make owners. */
  async function checkOwners(ruleSet: RuleSet): Promise<string[]> {
    return ownerProblems(ruleSet, await owners());
  }

  async function readRulesFile(): Promise<{ text: string; ruleSet: RuleSet }> {
    let text: string;
    try {
      text = await readFile(rulesFile, "utf8");
    } catch {
      throw new AppError(ErrorCode.config, `Cannot read the routing rules file ${rulesFile}. Check ROUTING_RULES_FILE.`);
    }
    const parsed = parseRuleSet(text);
    if (!parsed.ok) {
      throw new AppError(ErrorCode.invalidInput, `The routing rules file ${rulesFile} has problems; the rules in force are unchanged:\n• ${parsed.errors.join("\n• ")}`);
    }
    return { text, ruleSet: parsed.ruleSet };
  }

  async function activeRuleSet(): Promise<RuleSet> {
    const row = await routing.activeRuleSet();
    if (!row) throw new AppError(ErrorCode.config, "No routing rules are loaded yet.");
    return RuleSetSchema.parse(row.document);
  }

  return {
    readRulesFile,
    activeRuleSet,

    /**
     * Seeds the rules from the file on first start; later starts keep what admins set. Either way
     * the rules in force are checked: an owner who may not own cases is warned of, once per place
     * the rules name them, and skipped by routing (start-up does not fail over it). Returns the problems.
     */
    async ensureRules(): Promise<string[]> {
      if (!(await routing.activeRuleSet())) {
        const { ruleSet } = await readRulesFile();
        await routing.saveRuleSet(ruleSet, "file", "system");
      }
      const mayOwn = await owners();
      const skipped = ownersNamedIn(await activeRuleSet()).filter((owner) => !mayOwn(owner.userId));
      for (const owner of skipped) {
        logger?.warn({ owner: owner.userId, where: owner.path }, `routing rules: ${notAnOwnerProblem(owner)}. Cases are not assigned to them until then.`);
      }
      return skipped.map(notAnOwnerProblem);
    },

    /** Replaces the rules in force with the file's, if it is valid and every owner it names may own cases. */
    async reloadFromFile(actorId: string): Promise<RuleSet> {
      const { ruleSet } = await readRulesFile();
      const problems = await checkOwners(ruleSet);
      if (problems.length > 0) {
        throw new AppError(ErrorCode.invalidInput, `The routing rules file ${rulesFile} has problems; the rules in force are unchanged:\n• ${problems.join("\n• ")}`);
      }
      await routing.saveRuleSet(ruleSet, "file", actorId);
      return ruleSet;
    },

    /** Replaces the rules with an admin's edited text; invalid text, or rules naming an owner who may not own cases, change nothing. */
    async replaceFromText(text: string, actorId: string): Promise<{ ok: true; ruleSet: RuleSet } | { ok: false; errors: string[] }> {
      const parsed = parseRuleSet(text);
      if (!parsed.ok) return parsed;
      const problems = await checkOwners(parsed.ruleSet);
      if (problems.length > 0) return { ok: false, errors: problems };
      await routing.saveRuleSet(parsed.ruleSet, "slack", actorId);
      return parsed;
    },

    /** Routes a filed case (outbox job): team, owner, rule recorded, special alerts and QIO task. */
    async routeCase(caseId: string) {
      const ruleSet = await activeRuleSet();
      // Read before the routing transaction: the embedded database has one connection, which it holds.
      const approvers = await roles.withRoles(APPROVER_ROLES);
      // Roles change after rules are saved: whoever may not own cases now is skipped, never made owner.
      const mayOwn = await owners();
      return routing.routeCase(caseId, ruleSet, (eventId, outcome) => {
        const base = { caseId, rule: outcome.ruleId, teamId: outcome.teamId, ownerId: outcome.ownerId ?? "" };
        const entries = announceInThread(eventId, { ...base, kind: "routed" });
        if (outcome.ownerId) entries.push(...directMessages(eventId, [outcome.ownerId], { ...base, kind: "assigned", actorId: "system" }));
        if (outcome.alertApprovers) {
          const alerted = [...approvers, ...outcome.riskContacts];
          entries.push(...directMessages(`${eventId}:alert`, alerted, { ...base, kind: "alert_harm_or_critical", reasons: outcome.reasons.join("; ") }));
        }
        if (outcome.qioReferral) entries.push(...announceInThread(`${eventId}:qio`, { ...base, kind: "qio_referral" }).slice(1));
        return entries;
      }, mayOwn);
    },

    /** Whether a user works the given team's cases (managers see every team). */
    async isOnTeam(teamId: string | null, userId: string, role: Role): Promise<boolean> {
      if (worksEveryTeam(role)) return true;
      if (!canOwnCases(role)) return false;
      if (!teamId) return true;
      const team = (await activeRuleSet()).teams.find((candidate) => candidate.id === teamId);
      return !team || team.members.length === 0 || team.members.includes(userId);
    },
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
