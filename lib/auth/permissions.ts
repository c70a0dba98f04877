// The one permission matrix. The server checks it in every page, server action and route
// handler; the client only uses it to hide controls a role cannot use.
import type { Role } from "@/lib/domain/roles";

const EDITORS: readonly Role[] = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR"];
const EVERYONE: readonly Role[] = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"];
const MANAGERS: readonly Role[] = ["OWNER", "ADMIN"];

export const PERMISSIONS = {
  "org.read": EVERYONE,
  "org.update": MANAGERS,
  "member.read": EVERYONE,
  "member.invite": MANAGERS,
  "member.update-role": MANAGERS,
  "member.remove": MANAGERS,
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
