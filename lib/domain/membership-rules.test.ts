import { describe, expect, it } from "vitest";
import { grantConfirmationRefusal, grantNeedsConfirmation, refuseMembershipChange, secondManagerRequired } from "./membership-rules";
import { ROLES, type Role } from "./roles";

const NON_MANAGERS: Role[] = ["SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"];
const NON_OWNER_ROLES: Role[] = ["ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"];

describe("refuseMembershipChange: who manages members", () => {
  it.each(NON_MANAGERS)("%s cannot change a role", (actorRole) => {
    expect(refuseMembershipChange({ kind: "change-role", actorRole, targetRole: "VIEWER", newRole: "CONTRIBUTOR", ownerCount: 2 })).toMatch(
      /only owners and admins/i,
    );
  });

  it.each(NON_MANAGERS)("%s cannot remove a member", (actorRole) => {
    expect(refuseMembershipChange({ kind: "remove", actorRole, targetRole: "VIEWER", ownerCount: 2 })).toMatch(/only owners and admins/i);
  });

  it.each(NON_MANAGERS)("%s cannot invite, even a viewer", (actorRole) => {
    expect(refuseMembershipChange({ kind: "invite", actorRole, newRole: "VIEWER" })).toMatch(/only owners and admins/i);
  });

  it.each(["OWNER", "ADMIN"] as const)("%s can change, remove and invite non-owners", (actorRole) => {
    expect(refuseMembershipChange({ kind: "change-role", actorRole, targetRole: "CONTRIBUTOR", newRole: "SECURITY_LEAD", ownerCount: 1 })).toBeNull();
    expect(refuseMembershipChange({ kind: "remove", actorRole, targetRole: "VIEWER", ownerCount: 1 })).toBeNull();
    for (const newRole of NON_OWNER_ROLES) {
      expect(refuseMembershipChange({ kind: "invite", actorRole, newRole })).toBeNull();
    }
  });
});

type Change = Parameters<typeof refuseMembershipChange>[0];
const ONLY_AN_OWNER = /only an owner/i;
const AT_LEAST_ONE_OWNER = /at least one owner/i;

describe("refuseMembershipChange: the Owner role and the last owner", () => {
  it.each<[string, Change, RegExp]>([
    ["admin cannot grant Owner", { kind: "change-role", actorRole: "ADMIN", targetRole: "ADMIN", newRole: "OWNER", ownerCount: 2 }, ONLY_AN_OWNER],
    ["admin cannot change an owner's role", { kind: "change-role", actorRole: "ADMIN", targetRole: "OWNER", newRole: "ADMIN", ownerCount: 3 }, ONLY_AN_OWNER],
    ["admin cannot remove an owner", { kind: "remove", actorRole: "ADMIN", targetRole: "OWNER", ownerCount: 3 }, ONLY_AN_OWNER],
    ["the last owner cannot be removed", { kind: "remove", actorRole: "OWNER", targetRole: "OWNER", ownerCount: 1 }, AT_LEAST_ONE_OWNER],
    [
      "an owner count of 0 (inconsistent data) is treated as the last owner, not as permission",
      { kind: "remove", actorRole: "OWNER", targetRole: "OWNER", ownerCount: 0 },
      AT_LEAST_ONE_OWNER,
    ],
  ])("%s", (_rule, change, reason) => {
    expect(refuseMembershipChange(change)).toMatch(reason);
  });

  it.each(NON_OWNER_ROLES)("the last owner cannot be demoted to %s", (newRole) => {
    expect(refuseMembershipChange({ kind: "change-role", actorRole: "OWNER", targetRole: "OWNER", newRole, ownerCount: 1 })).toMatch(AT_LEAST_ONE_OWNER);
  });

  it.each<[string, Change]>([
    ["owner can grant Owner", { kind: "change-role", actorRole: "OWNER", targetRole: "ADMIN", newRole: "OWNER", ownerCount: 1 }],
    ["owner can demote another owner when another remains", { kind: "change-role", actorRole: "OWNER", targetRole: "OWNER", newRole: "ADMIN", ownerCount: 2 }],
    ["owner can remove another owner when another remains", { kind: "remove", actorRole: "OWNER", targetRole: "OWNER", ownerCount: 2 }],
    [
      "re-assigning Owner to the last owner (no-op) is allowed",
      { kind: "change-role", actorRole: "OWNER", targetRole: "OWNER", newRole: "OWNER", ownerCount: 1 },
    ],
    ["a second owner makes demotion allowed", { kind: "change-role", actorRole: "OWNER", targetRole: "OWNER", newRole: "VIEWER", ownerCount: 2 }],
  ])("%s", (_rule, change) => {
    expect(refuseMembershipChange(change)).toBeNull();
  });
});

describe("refuseMembershipChange: invites", () => {
  it("an owner can invite an owner", () => {
    expect(refuseMembershipChange({ kind: "invite", actorRole: "OWNER", newRole: "OWNER" })).toBeNull();
  });

  it.each(ROLES.filter((r) => r !== "OWNER"))("%s cannot invite an owner", (actorRole) => {
    expect(refuseMembershipChange({ kind: "invite", actorRole, newRole: "OWNER" })).not.toBeNull();
  });

  it("an admin inviting an owner gets the owner-only reason", () => {
    expect(refuseMembershipChange({ kind: "invite", actorRole: "ADMIN", newRole: "OWNER" })).toMatch(ONLY_AN_OWNER);
  });
});

describe("role grants confirmed by a second manager", () => {
  it("nobody changes their own role", () => {
    for (const actorRole of ["OWNER", "ADMIN"] as const) {
      expect(refuseMembershipChange({ kind: "change-role", actorRole, targetRole: actorRole, newRole: "SECURITY_LEAD", ownerCount: 2, self: true })).toMatch(
        /your own role/,
      );
    }
  });

  it("the default asks for a second manager once there are two", () => {
    expect(secondManagerRequired(null, 1)).toBe(false);
    expect(secondManagerRequired(null, 2)).toBe(true);
    expect(secondManagerRequired(true, 1)).toBe(true);
    expect(secondManagerRequired(false, 5)).toBe(false);
  });

  it("waits only for a reviewing or managing role that adds a permission", () => {
    expect(grantNeedsConfirmation("SECURITY_LEAD", "CONTRIBUTOR", true)).toBe(true);
    expect(grantNeedsConfirmation("TECH_LEAD", null, true)).toBe(true);
    expect(grantNeedsConfirmation("TECH_LEAD", "SECURITY_LEAD", true)).toBe(true);
    expect(grantNeedsConfirmation("ADMIN", "OWNER", true)).toBe(false);
    expect(grantNeedsConfirmation("CONTRIBUTOR", "VIEWER", true)).toBe(false);
    expect(grantNeedsConfirmation("SECURITY_LEAD", "CONTRIBUTOR", false)).toBe(false);
  });

  it("is confirmed by another manager than the asker, never by the member, and the Owner role only by an owner", () => {
    const grant = { role: "SECURITY_LEAD" as const, requestedById: "asker", memberUserId: "member" };
    expect(grantConfirmationRefusal(grant, { userId: "asker", role: "ADMIN" })).toMatch(/You asked/);
    expect(grantConfirmationRefusal(grant, { userId: "member", role: "ADMIN" })).toMatch(/granted to yourself/);
    expect(grantConfirmationRefusal(grant, { userId: "other", role: "SECURITY_LEAD" })).toMatch(/Only owners and admins/);
    expect(grantConfirmationRefusal(grant, { userId: "other", role: "ADMIN" })).toBeNull();
    expect(grantConfirmationRefusal({ ...grant, role: "OWNER" }, { userId: "other", role: "ADMIN" })).toMatch(/Only an owner/);
  });
});
