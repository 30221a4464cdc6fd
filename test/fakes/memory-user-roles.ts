import type { UserRoleRepository } from "../../src/users/user-role.ts";
import type { MemoryDatabase } from "./memory-database.ts";

/** UserRoleRepository in memory, as user-role.repository.ts: no grant means staff and never had a role; every change audited. */
export function createMemoryUserRoleRepository(db: MemoryDatabase): UserRoleRepository {
  return {
    async bootstrapAdmins(userIds) {
      let added = 0;
      for (const userId of new Set(userIds)) {
        if (db.roles.has(userId)) continue;
        db.roles.set(userId, "admin");
        added += 1;
      }
      return added;
    },

    async roleOf(slackUserId) {
      return db.roles.get(slackUserId) ?? "staff";
    },

    async setRole(slackUserId, role, grantedBy) {
      await db.beforeWrite();
      const previous = db.roles.get(slackUserId) ?? "staff";
      // Staff is kept, as the database keeps it: the user has had a role, so ADMIN_USER_IDS leaves them be.
      db.roles.set(slackUserId, role);
      db.adminEvents.push({ type: "role_changed", actorId: grantedBy, data: { userId: slackUserId, from: previous, to: role } });
      return previous;
    },

    async list() {
      return [...db.roles.entries()]
        .filter(([, role]) => role !== "staff")
        .map(([slackUserId, role]) => ({ slackUserId, role }))
        .sort((a, b) => a.role.localeCompare(b.role) || a.slackUserId.localeCompare(b.slackUserId));
    },

    async withRoles(roles) {
      return [...db.roles.entries()]
        .filter(([, role]) => roles.includes(role))
        .map(([slackUserId]) => slackUserId)
        .sort();
    },

    async audit(type, actorId, data) {
      db.adminEvents.push({ type, actorId, data: { ...data } });
    },
  };
}
