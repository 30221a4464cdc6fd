import { stringify } from "yaml";
import type { Clock } from "../lib/clock.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { RoutingService } from "../routing/routing.service.ts";
import { type AuditCounts, type AuditRetentionStore, auditCutoff } from "./audit-retention.ts";
import { canAdminister } from "./permissions.ts";
import type { Role } from "./roles.ts";
import type { UserRoleRepository } from "./user-role.ts";

/** The outbox as an admin sees it: given-up posts can be queued again. */
export interface AdminOutbox {
  retryFailed(now: Date): Promise<number>;
  counts(now: Date): Promise<{ waiting: number; failed: number }>;
}

/** The audit purge's view of its storage and how long events are kept. */
export interface AdminAuditRetention {
  store: AuditRetentionStore;
  /** AUDIT_RETENTION_YEARS: at least six. */
  years: number;
}

/** What /case admin purge-audit shows before asking: how many events are past the retention, and the cutoff. */
export interface AuditPurgePreview extends AuditCounts {
  total: number;
  before: Date;
  years: number;
}

/** Roles, routing rules and refused posts, for admins only; every refusal and change is audited. */
export function createAdminService({ roles, routing, outbox, clock, auditRetention }: { roles: UserRoleRepository; routing: RoutingService; outbox: AdminOutbox; clock: Clock; auditRetention: AdminAuditRetention }) {
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

    /** How many audit events are older than the retention (nothing is deleted). */
    async auditPurgePreview(actorId: string): Promise<AuditPurgePreview> {
      await ensureAdmin(actorId, "purge_audit");
      const before = auditCutoff(clock.now(), auditRetention.years);
      const counts = await auditRetention.store.countBefore(before);
      return { ...counts, total: counts.caseEvents + counts.adminEvents, before, years: auditRetention.years };
    },

    /**
     * Deletes the audit events recorded before `beforeIso`, the cutoff the admin confirmed; a cutoff
     * inside the retention is refused. Writes an audit_purged event (who, how many, up to which date)
     * in the same transaction, which no purge deletes.
     */
    async purgeAudit(actorId: string, beforeIso: string): Promise<AuditCounts & { total: number; before: Date }> {
      await ensureAdmin(actorId, "purge_audit");
      const before = new Date(beforeIso);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(beforeIso) || Number.isNaN(before.getTime())) {
        throw new AppError(ErrorCode.invalidInput, "That purge request is not valid. Run /case admin purge-audit again. Nothing was deleted.");
      }
      const latest = auditCutoff(clock.now(), auditRetention.years);
      if (before.getTime() > latest.getTime()) {
        throw new AppError(ErrorCode.invalidInput, `Audit events are kept ${auditRetention.years} years: only events recorded before ${latest.toISOString().slice(0, 10)} can be purged. Nothing was deleted.`);
      }
      const counts = await auditRetention.store.purgeBefore(before, actorId);
      return { ...counts, total: counts.caseEvents + counts.adminEvents, before };
    },

    async replaceRules(actorId: string, text: string) {
      await ensureAdmin(actorId, "edit_rules");
      return routing.replaceFromText(text, actorId);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
