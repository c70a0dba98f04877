// Role checks inside lib/data: refused calls throw ForbiddenError and leave the database as it was.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordAccessDenied } from "@/lib/data/audit";
import { createInvite } from "@/lib/data/invites/create-invite";
import { listPendingInvites } from "@/lib/data/invites/list-pending-invites";
import { revokeInvite } from "@/lib/data/invites/revoke-invite";
import { changeMemberRole } from "@/lib/data/members/change-member-role";
import { removeMember } from "@/lib/data/members/remove-member";
import { updateOrganizationSettings } from "@/lib/data/organizations/update-organization-settings";
import { createThreatModel } from "@/lib/data/threat-models/create-threat-model";
import type { Role } from "@/lib/domain/roles";
import { ForbiddenError } from "@/lib/errors";
import { addMember, createOrg, expectSafeError, snapshotOrg } from "./helpers";

const settings = { name: "Hijacked", fixByDaysHigh: 1, fixByDaysMedium: 2, fixByDaysLow: 3, reviewCadenceMonths: 1 };

describe("a VIEWER cannot change anything", () => {
  it("gets ForbiddenError from every mutating function and the organization is unchanged", async () => {
    const org = await createOrg("perm-viewer");
    const viewer = org.ctx.VIEWER;
    const before = await snapshotOrg(org.id);

    await expectSafeError(createThreatModel(viewer, { title: "Sneaky model", featureName: "", category: "" }), ForbiddenError, "forbidden");
    await expectSafeError(createInvite(viewer, { email: "friend@example.test", role: "VIEWER" }), ForbiddenError, "forbidden");
    await expectSafeError(changeMemberRole(viewer, { membershipId: viewer.membershipId, role: "OWNER" }), ForbiddenError, "forbidden");
    await expectSafeError(changeMemberRole(viewer, { membershipId: org.ctx.CONTRIBUTOR.membershipId, role: "VIEWER" }), ForbiddenError, "forbidden");
    await expectSafeError(removeMember(viewer, { membershipId: org.ctx.OWNER.membershipId }), ForbiddenError, "forbidden");
    await expectSafeError(updateOrganizationSettings(viewer, settings), ForbiddenError, "forbidden");

    expect(await snapshotOrg(org.id)).toEqual(before);
    expect(await db().threatModel.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db().invite.count({ where: { organizationId: org.id } })).toBe(0);
    expect((await db().membership.findUniqueOrThrow({ where: { id: viewer.membershipId } })).role).toBe("VIEWER");
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe(org.name);
  });

  it.each<Role>(["SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR"])("%s cannot manage members, invites or settings", async (role) => {
    const org = await createOrg("perm-editor");
    const ctx = org.ctx[role];
    const { invite } = await createInvite(org.ctx.ADMIN, { email: `pending-${org.slug}@example.test`, role: "VIEWER" });
    const before = await snapshotOrg(org.id);

    await expectSafeError(createInvite(ctx, { email: "friend@example.test", role: "VIEWER" }), ForbiddenError, "forbidden");
    await expectSafeError(listPendingInvites(ctx), ForbiddenError, "forbidden");
    await expectSafeError(revokeInvite(ctx, { inviteId: invite.id }), ForbiddenError, "forbidden");
    await expectSafeError(changeMemberRole(ctx, { membershipId: org.ctx.VIEWER.membershipId, role: "ADMIN" }), ForbiddenError, "forbidden");
    await expectSafeError(removeMember(ctx, { membershipId: org.ctx.VIEWER.membershipId }), ForbiddenError, "forbidden");
    await expectSafeError(updateOrganizationSettings(ctx, settings), ForbiddenError, "forbidden");

    expect(await snapshotOrg(org.id)).toEqual(before);
  });
});

describe("an ADMIN cannot touch owners", () => {
  it("cannot demote, remove or create an OWNER, but can manage other members", async () => {
    const org = await createOrg("perm-admin");
    const admin = org.ctx.ADMIN;
    const before = await snapshotOrg(org.id);

    await expectSafeError(changeMemberRole(admin, { membershipId: org.ctx.OWNER.membershipId, role: "ADMIN" }), ForbiddenError, "forbidden");
    await expectSafeError(removeMember(admin, { membershipId: org.ctx.OWNER.membershipId }), ForbiddenError, "forbidden");
    await expectSafeError(createInvite(admin, { email: `new-owner-${org.slug}@example.test`, role: "OWNER" }), ForbiddenError, "forbidden");
    await expectSafeError(changeMemberRole(admin, { membershipId: org.ctx.VIEWER.membershipId, role: "OWNER" }), ForbiddenError, "forbidden");
    await expectSafeError(changeMemberRole(admin, { membershipId: admin.membershipId, role: "OWNER" }), ForbiddenError, "forbidden");

    expect(await snapshotOrg(org.id)).toEqual(before);
    expect(await db().membership.count({ where: { organizationId: org.id, role: "OWNER" } })).toBe(1);

    // The same admin may promote a viewer to contributor: the refusals above are about owners.
    await expect(changeMemberRole(admin, { membershipId: org.ctx.VIEWER.membershipId, role: "CONTRIBUTOR" })).resolves.toEqual({
      membershipId: org.ctx.VIEWER.membershipId,
      role: "CONTRIBUTOR",
    });
    expect((await db().membership.findUniqueOrThrow({ where: { id: org.ctx.VIEWER.membershipId } })).role).toBe("CONTRIBUTOR");
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "member.role-changed" } });
    expect(event.targetId).toBe(org.ctx.VIEWER.membershipId);
    expect(event.summary).toEqual({ member: org.users.VIEWER.email, from: "VIEWER", to: "CONTRIBUTOR" });
  });
});

describe("the last OWNER stays", () => {
  it("cannot be demoted or removed, not even by themself", async () => {
    const org = await createOrg("perm-last-owner");
    const owner = org.ctx.OWNER;
    const before = await snapshotOrg(org.id);

    await expectSafeError(changeMemberRole(owner, { membershipId: owner.membershipId, role: "ADMIN" }), ForbiddenError, "forbidden");
    await expectSafeError(removeMember(owner, { membershipId: owner.membershipId }), ForbiddenError, "forbidden");

    expect(await snapshotOrg(org.id)).toEqual(before);
    expect((await db().membership.findUniqueOrThrow({ where: { id: owner.membershipId } })).role).toBe("OWNER");
  });

  it("with two owners one may be demoted, after which the other is the last and stays", async () => {
    const org = await createOrg("perm-two-owners");
    const second = await addMember(org, "OWNER", "second-owner");

    await expect(changeMemberRole(org.ctx.OWNER, { membershipId: second.membershipId, role: "ADMIN" })).resolves.toEqual({
      membershipId: second.membershipId,
      role: "ADMIN",
    });
    expect(await db().membership.count({ where: { organizationId: org.id, role: "OWNER" } })).toBe(1);

    await expectSafeError(changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.OWNER.membershipId, role: "VIEWER" }), ForbiddenError, "forbidden");
    await expectSafeError(removeMember(org.ctx.OWNER, { membershipId: org.ctx.OWNER.membershipId }), ForbiddenError, "forbidden");
    expect(await db().membership.findMany({ where: { organizationId: org.id, role: "OWNER" }, select: { id: true } })).toEqual([
      { id: org.ctx.OWNER.membershipId },
    ]);
  });

  it("two owners demoting each other at the same time leave exactly one owner", async () => {
    const org = await createOrg("perm-owner-race");
    const second = await addMember(org, "OWNER", "second-owner");
    const results = await Promise.allSettled([
      changeMemberRole(org.ctx.OWNER, { membershipId: second.membershipId, role: "ADMIN" }),
      changeMemberRole(second, { membershipId: org.ctx.OWNER.membershipId, role: "ADMIN" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ForbiddenError);
    expect(await db().membership.count({ where: { organizationId: org.id, role: "OWNER" } })).toBe(1);
  });
});

describe("recordAccessDenied", () => {
  it("appends an access.denied audit event for the member", async () => {
    const org = await createOrg("perm-denied");
    const before = await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } });

    await recordAccessDenied(org.ctx.VIEWER, { action: "threat-model.create", permission: "model.create" });

    const after = await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } });
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(0, before.length)).toEqual(before);
    const event = after[after.length - 1]!;
    expect(event).toMatchObject({
      organizationId: org.id,
      seq: before.length + 1,
      action: "access.denied",
      actorId: org.users.VIEWER.id,
      actorLabel: org.users.VIEWER.email,
      targetType: "action",
      targetId: "threat-model.create",
      summary: { permission: "model.create" },
      ip: "127.0.0.1",
      userAgent: "vitest",
      requestId: "test",
      prevHash: before[before.length - 1]!.hash,
    });
  });
});
