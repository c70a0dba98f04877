// Who may change whose membership. Pure rules, so every caller (UI, actions, CLI) agrees.
import type { Role } from "./roles";

export type MembershipChange =
  | { kind: "change-role"; actorRole: Role; targetRole: Role; newRole: Role; ownerCount: number }
  | { kind: "remove"; actorRole: Role; targetRole: Role; ownerCount: number }
  | { kind: "invite"; actorRole: Role; newRole: Role };

/** Returns why the change is refused, or null when it is allowed. */
export function refuseMembershipChange(change: MembershipChange): string | null {
  if (change.actorRole !== "OWNER" && change.actorRole !== "ADMIN") {
    return "Only owners and admins manage members.";
  }
  const touchesOwner =
    change.kind === "invite" ? change.newRole === "OWNER" : change.targetRole === "OWNER" || (change.kind === "change-role" && change.newRole === "OWNER");
  if (touchesOwner && change.actorRole !== "OWNER") {
    return "Only an owner can grant, change or remove the Owner role.";
  }
  if (change.kind !== "invite" && change.targetRole === "OWNER" && change.ownerCount <= 1) {
    const leaving = change.kind === "remove" || change.newRole !== "OWNER";
    if (leaving) return "An organization needs at least one owner: make someone else owner first.";
  }
  return null;
}
