// Who may change whose membership. Pure rules, so every caller (UI, actions, CLI) agrees.
import { can, mayAssignRole, type Permission } from "@/lib/auth/permissions";
import type { Role } from "./roles";

export type MembershipChange =
  | { kind: "change-role"; actorRole: Role; targetRole: Role; newRole: Role; ownerCount: number }
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
