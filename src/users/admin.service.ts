import { stringify } from "yaml";
import type { Clock } from "../lib/clock.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { RoutingService } from "../routing/routing.service.ts";
import { canAdminister } from "./permissions.ts";
import type { Role } from "./roles.ts";
import type { UserRoleRepository } from "./user-role.ts";

/** The outbox as an admin sees it: given-up posts can be queued again. */
export interface AdminOutbox {
  retryFailed(now: Date): Promise<number>;
  counts(now: Date): Promise<{ waiting: number; failed: number }>;
}

/** Roles, routing rules and refused posts, for admins only; every refusal and change is audited. */
export function createAdminService({ roles, routing, outbox, clock }: { roles: UserRoleRepository; routing: RoutingService; outbox: AdminOutbox; clock: Clock }) {
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

    /** Queues again every post Slack refused for good (once the cause, e.g. a missing invitation, is fixed). */
    async retryFailedPosts(actorId: string): Promise<{ requeued: number; waiting: number }> {
      await ensureAdmin(actorId, "retry_failed_posts");
      const now = clock.now();
      const requeued = await outbox.retryFailed(now);
      if (requeued > 0) await roles.audit("outbox_retried", actorId, { count: String(requeued) });
      return { requeued, waiting: (await outbox.counts(now)).waiting };
    },

    async replaceRules(actorId: string, text: string) {
      await ensureAdmin(actorId, "edit_rules");
      return routing.replaceFromText(text, actorId);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
