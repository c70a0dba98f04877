// Who may change whose membership. Pure rules, so every caller (UI, actions, CLI) agrees.
import { can, mayAssignRole, permissionsOf, type Permission } from "@/lib/auth/permissions";
import type { Role } from "./roles";

export type MembershipChange =
  | { kind: "change-role"; actorRole: Role; targetRole: Role; newRole: Role; ownerCount: number; self?: boolean }
  | { kind: "remove"; actorRole: Role; targetRole: Role; ownerCount: number }
  | { kind: "invite"; actorRole: Role; newRole: Role };

const MANAGE_PERMISSION: Record<MembershipChange["kind"], Permission> = {
  "change-role": "member.update-role",
  remove: "member.remove",
  invite: "member.invite",
};

/** Returns why the change is refused, or null when it is allowed. */
export function refuseMembershipChange(change: MembershipChange): string | null {
  if (!can(change.actorRole, MANAGE_PERMISSION[change.kind])) {
    return "Only owners and admins manage members.";
  }
  // Nobody raises (or reshapes) their own privileges: another Owner or Admin changes your role.
  if (change.kind === "change-role" && change.self) return "You cannot change your own role: ask another Owner or Admin.";
  const touched = change.kind === "invite" ? [change.newRole] : change.kind === "change-role" ? [change.targetRole, change.newRole] : [change.targetRole];
  if (touched.some((role) => !mayAssignRole(change.actorRole, role))) {
    return "Only an owner can grant, change or remove the Owner role.";
  }
  if (change.kind !== "invite" && change.targetRole === "OWNER" && change.ownerCount <= 1) {
    const leaving = change.kind === "remove" || change.newRole !== "OWNER";
    if (leaving) return "An organization needs at least one owner: make someone else owner first.";
  }
  return null;
}

// ─── Role grants confirmed by a second manager ───────────────────────────────────────────

/** The roles a grant of which waits for a second manager: they approve, accept risks or manage. */
export const ROLES_GRANTED_BY_TWO: readonly Role[] = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD"];

/** The roles that manage members: they request and confirm grants. */
export function isMembershipManager(role: Role): boolean {
  return can(role, "member.update-role");
}

/**
 * Whether grants need a second manager in an organization: as it chose, or by default once it has
 * two or more Owners and Admins (with one, nobody else could ever confirm).
 */
export function secondManagerRequired(setting: boolean | null, managerCount: number): boolean {
  return setting ?? managerCount >= 2;
}

/**
 * Whether giving `newRole` to a member who holds `currentRole` (null: joining) waits for another
 * manager's confirmation under the organization's policy: a reviewing or managing role that adds
 * a permission the member does not have. Taking privileges away never waits.
 */
export function grantNeedsConfirmation(newRole: Role, currentRole: Role | null, policyOn: boolean): boolean {
  if (!policyOn || !ROLES_GRANTED_BY_TWO.includes(newRole)) return false;
  const held = currentRole ? permissionsOf(currentRole) : [];
  return permissionsOf(newRole).some((p) => !held.includes(p));
}

export type PendingGrant = { role: Role; requestedById: string; memberUserId: string };

/**
 * Why `confirmer` may not confirm (or decline) the pending grant, or null: another manager than
 * the one who asked, never the member themselves, and only an Owner for the Owner role.
 */
export function grantConfirmationRefusal(grant: PendingGrant, confirmer: { userId: string; role: Role }): string | null {
  if (!isMembershipManager(confirmer.role)) return "Only owners and admins confirm role grants.";
  if (confirmer.userId === grant.memberUserId) return "You cannot confirm a role granted to yourself: another Owner or Admin must.";
  if (confirmer.userId === grant.requestedById) return "You asked for this role grant: another Owner or Admin must confirm it.";
  if (!mayAssignRole(confirmer.role, grant.role)) return "Only an owner can confirm a grant of the Owner role.";
  return null;
}
