import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/domain/roles";
import { ALL_PERMISSIONS, PERMISSIONS, assignableRoles, can, mayAssignRole, permissionsOf, type Permission } from "./permissions";

// The expected matrix, written out by hand. It is deliberately NOT derived from PERMISSIONS:
// a change to the production matrix must be mirrored here on purpose.
const COLUMNS = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"] as const satisfies readonly Role[];
const Y = true;
const _ = false;

// prettier-ignore
const EXPECTED: Record<Permission, readonly [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  //                         OWNER ADMIN SEC   TECH  CONTR VIEWER
  "org.read":               [Y,    Y,    Y,    Y,    Y,    Y],
  "org.update":             [Y,    Y,    _,    _,    _,    _],
  "org.require-mfa":        [Y,    _,    _,    _,    _,    _],
  "member.read":            [Y,    Y,    Y,    Y,    Y,    Y],
  "member.invite":          [Y,    Y,    _,    _,    _,    _],
  "member.update-role":     [Y,    Y,    _,    _,    _,    _],
  "member.remove":          [Y,    Y,    _,    _,    _,    _],
  "member.unlock":          [Y,    Y,    _,    _,    _,    _],
  "member.assign-owner":    [Y,    _,    _,    _,    _,    _],
  "model.read":             [Y,    Y,    Y,    Y,    Y,    Y],
  "model.create":           [Y,    Y,    Y,    Y,    Y,    _],
  "model.edit":             [Y,    Y,    Y,    Y,    Y,    _],
  "model.delete":           [Y,    Y,    _,    _,    _,    _],
  "model.submit":           [Y,    Y,    Y,    Y,    Y,    _],
  "model.approve-security": [_,    _,    Y,    _,    _,    _],
  "model.approve-tech":     [_,    _,    _,    Y,    _,    _],
  "model.archive":          [Y,    Y,    Y,    _,    _,    _],
  "model.review":           [_,    _,    Y,    Y,    _,    _],
  "risk.propose":           [Y,    Y,    Y,    Y,    Y,    _],
  "risk.accept":            [_,    _,    Y,    _,    _,    _],
  "comment.create":         [Y,    Y,    Y,    Y,    Y,    _],
  "library.manage":         [Y,    Y,    Y,    _,    _,    _],
  "audit.read":             [Y,    Y,    Y,    _,    _,    _],
};

const CASES: [Role, Permission, boolean][] = (Object.keys(EXPECTED) as Permission[]).flatMap((permission) =>
  COLUMNS.map((role, i): [Role, Permission, boolean] => [role, permission, EXPECTED[permission][i]!]),
);

describe("the expected matrix in this test", () => {
  it("has one column per role, in ROLES order", () => {
    expect([...COLUMNS]).toEqual([...ROLES]);
  });

  it("covers every key of PERMISSIONS and nothing else", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(PERMISSIONS).sort());
    expect([...ALL_PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("has 6 × N cases", () => {
    expect(CASES).toHaveLength(6 * Object.keys(PERMISSIONS).length);
  });
});

describe("can()", () => {
  it.each(CASES)("%s × %s → %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });
});

describe("permissionsOf()", () => {
  it.each(COLUMNS.map((role, i) => [role, i] as const))("%s gets exactly the permissions of its column", (role, i) => {
    const expected = (Object.keys(EXPECTED) as Permission[]).filter((p) => EXPECTED[p][i]);
    expect(permissionsOf(role).sort()).toEqual(expected.sort());
  });

  it("gives VIEWER only read permissions", () => {
    const viewer = permissionsOf("VIEWER");
    expect(viewer.length).toBeGreaterThan(0);
    for (const p of viewer) expect(p).toMatch(/\.read$/);
    expect(viewer.sort()).toEqual(["member.read", "model.read", "org.read"]);
  });
});

describe("review permissions belong to exactly one role", () => {
  const holders = (p: Permission) => ROLES.filter((r) => can(r, p));

  it("only SECURITY_LEAD has risk.accept", () => {
    expect(holders("risk.accept")).toEqual(["SECURITY_LEAD"]);
  });

  it("only SECURITY_LEAD has model.approve-security", () => {
    expect(holders("model.approve-security")).toEqual(["SECURITY_LEAD"]);
  });

  it("only TECH_LEAD has model.approve-tech", () => {
    expect(holders("model.approve-tech")).toEqual(["TECH_LEAD"]);
  });

  it("not even OWNER or ADMIN can approve or accept risk", () => {
    for (const role of ["OWNER", "ADMIN"] as const) {
      expect(can(role, "risk.accept")).toBe(false);
      expect(can(role, "model.approve-security")).toBe(false);
      expect(can(role, "model.approve-tech")).toBe(false);
    }
  });
});

describe("two-step sign-in for the whole organization", () => {
  it("only an owner may require it (an admin manages settings, not how everyone signs in)", () => {
    expect(ROLES.filter((role) => can(role, "org.require-mfa"))).toEqual(["OWNER"]);
  });
});

describe("who hands out which role", () => {
  it("only an owner may grant or take away the Owner role", () => {
    expect(ROLES.filter((actor) => mayAssignRole(actor, "OWNER"))).toEqual(["OWNER"]);
  });

  it.each(ROLES)("for %s, only the Owner role is held back", (actor) => {
    for (const role of ROLES.filter((r) => r !== "OWNER")) expect(mayAssignRole(actor, role)).toBe(true);
  });

  it("offers owners every role and everyone else every role but Owner, most privileged first", () => {
    expect(assignableRoles("OWNER")).toEqual([...ROLES]);
    for (const actor of ROLES.filter((r) => r !== "OWNER"))
      expect(assignableRoles(actor)).toEqual(["ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"]);
  });
});
