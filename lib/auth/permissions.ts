// The one permission matrix. The server checks it in every page, server action and route
// handler; the client only uses it to hide controls a role cannot use.
import { ROLES, type Role } from "@/lib/domain/roles";

const EDITORS: readonly Role[] = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR"];
const EVERYONE: readonly Role[] = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"];
const MANAGERS: readonly Role[] = ["OWNER", "ADMIN"];

export const PERMISSIONS = {
  "org.read": EVERYONE,
  "org.update": MANAGERS,
  /** Turn on or off that every member must sign in with a second factor. */
  "org.require-mfa": ["OWNER"],
  "member.read": EVERYONE,
  "member.invite": MANAGERS,
  "member.update-role": MANAGERS,
  "member.remove": MANAGERS,
  /** Lift the lock on a member's account after failed sign-ins. */
  "member.unlock": MANAGERS,
  /** Grant, change or take away the Owner role (on top of managing members). */
  "member.assign-owner": ["OWNER"],
  "model.read": EVERYONE,
  "model.create": EDITORS,
  "model.edit": EDITORS,
  "model.delete": MANAGERS,
  "model.submit": EDITORS,
  "model.approve-security": ["SECURITY_LEAD"],
  "model.approve-tech": ["TECH_LEAD"],
  "model.archive": ["OWNER", "ADMIN", "SECURITY_LEAD"],
  /** Decide on a model in review (approve or request changes), in the capacity the role gives. */
  "model.review": ["SECURITY_LEAD", "TECH_LEAD"],
  "risk.propose": EDITORS,
  "risk.accept": ["SECURITY_LEAD"],
  "comment.create": EDITORS,
  "library.manage": ["OWNER", "ADMIN", "SECURITY_LEAD"],
  "audit.read": ["OWNER", "ADMIN", "SECURITY_LEAD"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return ALL_PERMISSIONS.filter((p) => can(role, p));
}

/** Whether a member with `actor`'s role may hand out, or take away, `role`: only owners manage the Owner role. */
export function mayAssignRole(actor: Role, role: Role): boolean {
  return role !== "OWNER" || can(actor, "member.assign-owner");
}

/** The roles `actor` may give to others, most privileged first. */
export function assignableRoles(actor: Role): Role[] {
  return ROLES.filter((role) => mayAssignRole(actor, role));
}

/** What makes a role an approver: it signs off threat models or accepts residual risks. */
const APPROVER_PERMISSIONS: readonly Permission[] = ["model.approve-security", "model.approve-tech", "model.review", "risk.accept"];

export function isApproverRole(role: Role): boolean {
  return APPROVER_PERMISSIONS.some((p) => can(role, p));
}

/**
 * Why an account may not hold `role` yet, or null: approvals carry a person's name, so only an
 * account whose email address was confirmed may sign off.
 */
export function unverifiedApproverRefusal(role: Role, user: { email: string; emailVerified: boolean }): string | null {
  if (user.emailVerified || !isApproverRole(role)) return null;
  return `${user.email} has not confirmed their email address yet, and roles that approve threat models or accept risks need a confirmed one. They can confirm it from the banner in ThreatDesk (or from an emailed invitation); then try again.`;
}
