import { ROLES, type Role } from "./roles.ts";

// Who may do what. Checked on the server at every action with the actor's current role; the
// Slack buttons a user sees are a convenience, never the check.
//
// One rule decides who may see a case's record (its patient details, notes and letters):
// canViewCase. Every action on a case requires it first, so nobody can act on a case they may not
// see; the action's own rule (owner or manager, managers only) comes on top. Whoever filed a case
// follows its status (number, type, status, deadlines) and nothing more: canSeeCaseStatus.

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

/** The roles that may own cases (coordinator and above): the only people routing or a reassignment may make owners. */
export const OWNER_ROLES: readonly Role[] = ROLES.filter(canOwnCases);

/** Whether `role` may list and search open cases (its own teams' cases; managers every team's); others see only the cases they filed. */
export function canListTeamCases(role: Role): boolean {
  return hasRole(role, "coordinator");
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

/** Whether `role` sees the team's reports (resources offered, the team at a glance): managers and admins. */
export function canSeeTeamReports(role: Role): boolean {
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
  "reassign",
  "change_status",
  "add_note",
  "record_resource",
  "escalate",
  "close",
  "reopen",
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
  /** The actor belongs to the team the case is routed to (routing.isOnTeam: managers every team, coordinators the teams that list them). */
  actorOnTeam: boolean;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export const REFUSALS = {
  filer: "You filed this case, so you can follow its status with /case and its number; its notes, letters and patient details are for its patient-relations team and the managers.",
  otherTeam: "This case belongs to another team: only its team and the managers can see or work it.",
  notTeam: "Only the case's patient-relations team and the managers can see patient details and work this case.",
  approve: "Only managers approve or reject response letters.",
  ownerOrManager: "Only the case owner or a manager can do that.",
  unassigned: "Assign the case first, or ask a manager.",
} as const;

/**
 * The one rule for seeing a case's record (patient details, notes, letters), and so for acting on
 * it: managers and admins see every case; a coordinator sees the cases of the teams they are on,
 * and a case they own. Staff, the filer included, never do (a staff "owner" from before owners had
 * to be coordinators keeps nothing either).
 */
export function canViewCase(actor: Actor, access: CaseAccess): Decision {
  if (hasRole(actor.role, "manager")) return allow;
  if (hasRole(actor.role, "coordinator") && (access.actorOnTeam || access.ownerId === actor.userId)) return allow;
  if (access.filedBy === actor.userId) return deny(REFUSALS.filer);
  return deny(hasRole(actor.role, "coordinator") ? REFUSALS.otherTeam : REFUSALS.notTeam);
}

/** Whether `actor` may see a case's status (number, type, status, deadlines): whoever may view it, and whoever filed it. */
export function canSeeCaseStatus(actor: Actor, access: CaseAccess): boolean {
  return canViewCase(actor, access).allowed || access.filedBy === actor.userId;
}

/** Whether `actor` may look up a case by its number (`/case PR-…`): its status for the filer, its card for those who may view it. */
export function canLookUpCase(actor: Actor, access: CaseAccess): boolean {
  return canSeeCaseStatus(actor, access);
}

/** Decides whether `actor` may perform `action` on a case: allowed to view it first (canViewCase), then the action's own rule. */
export function canActOnCase(action: CaseAction, actor: Actor, access: CaseAccess): Decision {
  const view = canViewCase(actor, access);
  if (!view.allowed) return view;
  const manager = hasRole(actor.role, "manager");
  switch (action) {
    case "view_details":
    case "assign_self":
    case "add_note":
    case "record_resource":
    case "escalate":
    case "override_classification":
    case "draft_letter":
      // Whoever may view the case is a coordinator on its team (or its owner) or a manager.
      return allow;
    case "approve_letter":
      return manager ? allow : deny(REFUSALS.approve);
    case "reassign":
    case "change_status":
    case "close":
    case "reopen":
      if (manager || access.ownerId === actor.userId) return allow;
      return deny(access.ownerId ? REFUSALS.ownerOrManager : REFUSALS.unassigned);
  }
}

/** Administration (roles, routing rules, settings) is for admins only. */
export function canAdminister(actor: Actor): Decision {
  return actor.role === "admin" ? allow : deny("Only admins can change roles, routing rules and settings.");
}
