import type { PrismaClient } from "../db/generated/client.ts";

export const ROLES = ["staff", "coordinator", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Role storage; anyone without a row is staff. */
export function createUserRoleRepository(prisma: PrismaClient) {
  return {
    /** Grants admin to the ids in ADMIN_USER_IDS at start-up; existing grants are left as they are. */
    async bootstrapAdmins(userIds: readonly string[]): Promise<number> {
      const result = await prisma.userRole.createMany({
        data: userIds.map((slackUserId) => ({ slackUserId, role: "admin", grantedBy: "ADMIN_USER_IDS" })),
        skipDuplicates: true,
      });
      return result.count;
    },

    async roleOf(slackUserId: string): Promise<Role> {
      const row = await prisma.userRole.findUnique({ where: { slackUserId } });
      return (row?.role as Role | undefined) ?? "staff";
    },
  };
}
