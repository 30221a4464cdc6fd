import type { Role } from "./roles.ts";

/** One user's role (anyone without one is staff). */
export interface RoleGrant {
  slackUserId: string;
  role: Role;
}

/**
 * Role storage (port; the Prisma implementation is user-role.repository.ts). Anyone without a grant
 * is staff; a user who has ever had a role keeps a record of it, staff included, so a demotion
 * outlives a restart.
 */
export interface UserRoleRepository {
  /** Grants admin to the given ids (ADMIN_USER_IDS at start-up) that have never had a role; anyone who has (a demoted admin too) is left as they are. Returns how many were new. */
  bootstrapAdmins(userIds: readonly string[]): Promise<number>;
  roleOf(slackUserId: string): Promise<Role>;
  /** Sets a role (staff is recorded, not forgotten) and records who did it, together; returns the previous role. */
  setRole(slackUserId: string, role: Role, grantedBy: string): Promise<Role>;
  /** Every grant beyond staff, by role then user. */
  list(): Promise<RoleGrant[]>;
  /** Users holding exactly one of the given roles, by user id. */
  withRoles(roles: readonly Role[]): Promise<string[]>;
  /** Audits an action that was refused or happened outside any case. */
  audit(type: string, actorId: string, data: Record<string, string>): Promise<void>;
}
