import type { Role } from "./roles.ts";

// Who may do what. Checked on the server at every action with the actor's current role; the
// Slack buttons a user sees are a convenience, never the check.

const RANK: Record<Role, number> = { staff: 0, coordinator: 1, manager: 2, admin: 3 };

/** True when `role` is at least `minimum` (admin includes manager, manager includes coordinator). */
export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** The approvers: the roles that approve letters and are alerted to breaches, harm and critical cases. */
export const APPROVER_ROLES: readonly Role[] = ["manager", "admin"];

/** Whether someone with `role` may own cases (owning opens patient details): the patient-relations team. */
export function canOwnCases(role: Role): boolean {
  return hasRole(role, "coordinator");
}

/** Whether `role` may list and search every team's open cases; others see only the cases they filed. */
export function canListTeamCases(role: Role): boolean {
  return hasRole(role, "coordinator");
}

/** Whether `actor` may look up a case by its number: the patient-relations team, or whoever filed it. */
export function canLookUpCase(actor: Actor, filedBy: string): boolean {
  return hasRole(actor.role, "coordinator") || filedBy === actor.userId;
}

/** Whether `role` sees the letters waiting for approval (approvers only). */
export function canSeeApprovals(role: Role): boolean {
  return APPROVER_ROLES.includes(role);
}

/** Whether `role` works every team's cases, whichever team a case is routed to (managers and admins). */
export function worksEveryTeam(role: Role): boolean {
  return hasRole(role, "manager");
}

/** Whether `role` may post a digest to the team channel on demand, or preview one (managers and admins). */
export function canPostDigests(role: Role): boolean {
  return hasRole(role, "manager");
}

/** Whether `role` may make the grievance committee report and export cases or the audit trail for a period (managers and admins). */
export function canExportReports(role: Role): boolean {
  return hasRole(role, "manager");
}

/** Whether `role` may import survey and feedback comments (managers and admins). */
export function canImportComments(role: Role): boolean {
  return hasRole(role, "manager");
}

export const CASE_ACTIONS = [
  "view_details",
  "assign_self",
/** Whether `role` sees the team's reports (resources offered, the team at a glance): managers and admins. */
export function canSeeTeamReports(role: Role): boolean {
  return hasRole(role, "manager");
}

  "reassign",
  "change_status",
  "add_note",
  "escalate",
  "close",
  "reopen",
  "record_resource",
  "override_classification",
  "draft_letter",
  "approve_letter",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface Actor {
  userId: string;
  role: Role;
}

/** The facts about a case that permissions depend on. */
export interface CaseAccess {
  ownerId: string | null;
  filedBy: string;
  /** The actor belongs to the team the case is routed to. */
  actorOnTeam: boolean;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Decides whether `actor` may perform `action` on a case. */
export function canActOnCase(action: CaseAction, actor: Actor, access: CaseAccess): Decision {
  const isOwner = access.ownerId === actor.userId;
  const manager = hasRole(actor.role, "manager");
  const coordinator = hasRole(actor.role, "coordinator");
  switch (action) {
    case "view_details":
      // Ownership counts only for the team (a reassigned-away staff member keeps nothing); the filer sees what they filed.
      if (manager || (coordinator && (isOwner || access.actorOnTeam)) || access.filedBy === actor.userId) return allow;
      return deny("Only the case owner, its team and managers can see patient details.");
    case "assign_self":
    case "add_note":
    case "escalate":
    case "override_classification":
    case "draft_letter":
      return coordinator ? allow : deny("Only patient-relations coordinators and managers can do that.");
    case "approve_letter":
      return manager ? allow : deny("Only managers approve or reject response letters.");
    case "reassign":
    case "change_status":
    case "close":
    case "reopen":
      if (manager || (coordinator && isOwner)) return allow;
      return deny(access.ownerId ? "Only the case owner or a manager can do that." : "Assign the case first, or ask a manager.");
  }
}

/** Administration (roles, routing rules, settings) is for admins only. */
export function canAdminister(actor: Actor): Decision {
  return actor.role === "admin" ? allow : deny("Only admins can change roles, routing rules and settings.");
}
    case "record_resource":
