import { type Actor, type CaseAccess, type CaseAction, canActOnCase, canSeeCaseStatus, canViewCase, type Decision } from "./permissions.ts";
import type { Role } from "./roles.ts";

// The permission rules of permissions.ts applied to a stored case: who the actor is now (their
// current role) and where they stand to the case (its team, its owner, its filer). Every service
// that reads or changes a case for a person decides through this, so the rule is the same
// whichever listener, job or test calls the service.

/** The facts of a case that access depends on (a CaseSummary has them). */
export interface CaseFacts {
  teamId: string | null;
  ownerId: string | null;
  filedBy: string;
}

export interface CaseAccessDeps {
  roleOf(userId: string): Promise<Role>;
  /** Whether the user belongs to the routing team (teamId null: the whole patient-relations team). */
  isOnTeam(teamId: string | null, userId: string, role: Role): Promise<boolean>;
}

/** Decides access to cases for a user with their current role. */
export function createCaseAccess(deps: CaseAccessDeps) {
  async function accessTo(facts: CaseFacts, actor: Actor): Promise<CaseAccess> {
    return { ownerId: facts.ownerId, filedBy: facts.filedBy, actorOnTeam: await deps.isOnTeam(facts.teamId, actor.userId, actor.role) };
  }

  const actorOf = async (userId: string): Promise<Actor> => ({ userId, role: await deps.roleOf(userId) });

  return {
    /** The user with their current role. */
    actor: actorOf,

    /** Whether `userId` may take `action` on the case (canActOnCase, with canViewCase first). */
    async decide(action: CaseAction, facts: CaseFacts, userId: string): Promise<{ decision: Decision; actor: Actor }> {
      const actor = await actorOf(userId);
      return { decision: canActOnCase(action, actor, await accessTo(facts, actor)), actor };
    },

    /** What `actor` may see of the case: its whole record ("case"), its status only ("status", the filer), or nothing. */
    async sight(facts: CaseFacts, actor: Actor): Promise<"case" | "status" | null> {
      const access = await accessTo(facts, actor);
      if (canViewCase(actor, access).allowed) return "case";
      return canSeeCaseStatus(actor, access) ? "status" : null;
    },

    /** The cases of `list` that `actor` may view (canViewCase), in their order; each team is asked about once. */
    async viewable<T extends CaseFacts>(list: readonly T[], actor: Actor): Promise<T[]> {
      const onTeam = new Map<string | null, boolean>();
      for (const teamId of new Set(list.map((item) => item.teamId))) onTeam.set(teamId, await deps.isOnTeam(teamId, actor.userId, actor.role));
      return list.filter((item) => canViewCase(actor, { ownerId: item.ownerId, filedBy: item.filedBy, actorOnTeam: onTeam.get(item.teamId) ?? false }).allowed);
    },
  };
}

export type CaseAccessRules = ReturnType<typeof createCaseAccess>;
