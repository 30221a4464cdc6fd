import { stringify } from "yaml";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { RoutingService } from "../routing/routing.service.ts";
import { canAdminister } from "./permissions.ts";
import type { Role, UserRoleRepository } from "./user-role.repository.ts";

/** Roles and routing rules, for admins only; every refusal and change is audited. */
export function createAdminService({ roles, routing }: { roles: UserRoleRepository; routing: RoutingService }) {
  async function ensureAdmin(userId: string, what: string): Promise<void> {
    const decision = canAdminister({ userId, role: await roles.roleOf(userId) });
    if (!decision.allowed) {
      await roles.audit("permission_denied", userId, { action: what });
      throw new AppError(ErrorCode.forbidden, `${decision.reason} Nothing was changed.`);
    }
  }

  return {
    ensureAdmin,

    async listRoles(actorId: string) {
      await ensureAdmin(actorId, "list_roles");
      return roles.list();
    },

    /** Sets a user's role; returns the previous one. */
    async grant(actorId: string, userId: string, role: Role): Promise<Role> {
      await ensureAdmin(actorId, "grant_role");
      if (userId === actorId && role !== "admin") {
        throw new AppError(ErrorCode.invalidInput, "You cannot remove your own admin role; ask another admin.");
      }
      return roles.setRole(userId, role, actorId);
    },

    /** The rules in force as the YAML an admin edits. */
    async rulesText(actorId: string): Promise<string> {
      await ensureAdmin(actorId, "view_rules");
      return stringify(await routing.activeRuleSet(), { lineWidth: 0 });
    },

    async reloadRules(actorId: string) {
      await ensureAdmin(actorId, "reload_rules");
      return routing.reloadFromFile(actorId);
    },

    async replaceRules(actorId: string, text: string) {
      await ensureAdmin(actorId, "edit_rules");
      return routing.replaceFromText(text, actorId);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
