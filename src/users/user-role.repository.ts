import type { PrismaClient } from "../db/generated/client.ts";
import type { Role } from "./roles.ts";
import type { UserRoleRepository } from "./user-role.ts";

/**
 * Role storage. Anyone without a row is staff and has never had a role; a row is kept for every
 * user who has had one, a demotion to staff included ("staff" is stored, not deleted), so
 * ADMIN_USER_IDS can tell a user who never had a role from an admin who was demoted.
 */
export function createUserRoleRepository(prisma: PrismaClient): UserRoleRepository {
  return {
    /** Grants admin at start-up to the ids in ADMIN_USER_IDS that have never had a role; any role row (staff included) is left as it is. */
    async bootstrapAdmins(userIds: readonly string[]): Promise<number> {
      const result = await prisma.userRole.createMany({
        data: [...new Set(userIds)].map((slackUserId) => ({ slackUserId, role: "admin", grantedBy: "ADMIN_USER_IDS" })),
        skipDuplicates: true,
      });
      return result.count;
    },

    async roleOf(slackUserId: string): Promise<Role> {
      const row = await prisma.userRole.findUnique({ where: { slackUserId } });
      return (row?.role as Role | undefined) ?? "staff";
    },

    /** Sets a role (staff too is stored, so a demotion is remembered) and records who did it, in one transaction. */
    async setRole(slackUserId: string, role: Role, grantedBy: string): Promise<Role> {
      return prisma.$transaction(async (tx) => {
        const previous = ((await tx.userRole.findUnique({ where: { slackUserId } }))?.role as Role | undefined) ?? "staff";
        await tx.userRole.upsert({ where: { slackUserId }, create: { slackUserId, role, grantedBy }, update: { role, grantedBy, grantedAt: new Date() } });
        await tx.adminEvent.create({ data: { type: "role_changed", actorId: grantedBy, data: { userId: slackUserId, from: previous, to: role } } });
        return previous;
      });
    },

    /** Every grant beyond staff, by role then user. */
    async list() {
      const rows = await prisma.userRole.findMany({ where: { role: { not: "staff" } }, orderBy: [{ role: "asc" }, { slackUserId: "asc" }] });
      return rows.map((row) => ({ slackUserId: row.slackUserId, role: row.role as Role }));
    },

    /** Users holding exactly one of the given roles. */
    async withRoles(roles: readonly Role[]): Promise<string[]> {
      const rows = await prisma.userRole.findMany({ where: { role: { in: [...roles] } }, orderBy: { slackUserId: "asc" } });
      return rows.map((row) => row.slackUserId);
    },

    /** Audits an action that was refused or happened outside any case. */
    async audit(type: string, actorId: string, data: Record<string, string>): Promise<void> {
      await prisma.adminEvent.create({ data: { type, actorId, data } });
    },
  };
}
