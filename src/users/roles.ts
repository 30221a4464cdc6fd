/** Who may do what grows with the role: staff file, coordinators work cases, managers approve, admins administer. */
export const ROLES = ["staff", "coordinator", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];
