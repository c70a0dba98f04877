// Every org-scoped data function, called with organization A's context, must neither show nor
// change organization B's rows, even when handed B's ids.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createInvite } from "@/lib/data/invites/create-invite";
import { listPendingInvites } from "@/lib/data/invites/list-pending-invites";
import { revokeInvite } from "@/lib/data/invites/revoke-invite";
import { changeMemberRole } from "@/lib/data/members/change-member-role";
import { listMembers } from "@/lib/data/members/list-members";
import { removeMember } from "@/lib/data/members/remove-member";
import { findMembership } from "@/lib/data/organizations/find-membership";
import { getOrganizationSettings } from "@/lib/data/organizations/get-organization-settings";
import { updateOrganizationSettings } from "@/lib/data/organizations/update-organization-settings";
import { countThreatModelsByStatus } from "@/lib/data/threat-models/count-threat-models-by-status";
import { createThreatModel } from "@/lib/data/threat-models/create-threat-model";
import { getThreatModel } from "@/lib/data/threat-models/get-threat-model";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { listThreatModels } from "@/lib/data/threat-models/list-threat-models";
import { ROLES } from "@/lib/domain/roles";
import { NotFoundError } from "@/lib/errors";
import { createOrg, createUser, expectSafeError, richDocument, snapshotOrg, type TestOrg } from "./helpers";

type Seeded = TestOrg & { draftModelId: string; richModelId: string; inviteId: string; inviteEmail: string };

/** An organization with one member per role, a draft model, a rich model in `richStatus` and a pending invite. */
async function seed(label: string, richStatus: "IN_REVIEW" | "APPROVED"): Promise<Seeded> {
  const org = await createOrg(label);
  const draft = await createThreatModel(org.ctx.CONTRIBUTOR, { title: `${label} draft ${org.slug}`, featureName: "Checkout", category: "Payments" });
  const rich = await db().$transaction((tx) =>
    insertThreatModelDocument(
      tx,
      { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id, ownerId: org.users.SECURITY_LEAD.id },
      richDocument(`${label} rich ${org.slug}`, richStatus),
    ),
  );
  const invitee = `invitee-${org.slug}@example.test`;
  const { invite } = await createInvite(org.ctx.ADMIN, { email: invitee, role: "CONTRIBUTOR" });
  return { ...org, draftModelId: draft.id, richModelId: rich.id, inviteId: invite.id, inviteEmail: invitee };
}

describe("tenant isolation between two organizations", () => {
  let A: Seeded;
  let B: Seeded;

  beforeAll(async () => {
    A = await seed("tenant-a", "IN_REVIEW");
    B = await seed("tenant-b", "APPROVED");
  });

  /** Runs `act` and expects B's rows to be exactly as they were before. */
  async function expectBUnchanged(act: () => Promise<unknown>) {
    const before = await snapshotOrg(B.id);
    await act();
    const after = await snapshotOrg(B.id);
    expect(after).toEqual(before);
  }

  it("seeds B with the rows the checks below rely on", async () => {
    const b = await snapshotOrg(B.id);
    expect(b.memberships).toHaveLength(ROLES.length);
    expect(b.threatModels.map((m) => m.id).sort()).toEqual([B.draftModelId, B.richModelId].sort());
    expect(b.threats).toHaveLength(2);
    expect(b.mitigations).toHaveLength(2);
    expect(b.threatMitigations).toHaveLength(3);
    expect(b.scenarioMitigations).toHaveLength(1);
    expect(b.acceptances).toHaveLength(1);
    expect(b.invites.map((i) => i.id)).toEqual([B.inviteId]);
  });

  it("listMembers returns A's members only, for every role of A", async () => {
    const aMembershipIds = Object.values(A.ctx)
      .map((c) => c.membershipId)
      .sort();
    const bMembershipIds = new Set(Object.values(B.ctx).map((c) => c.membershipId));
    for (const role of ROLES) {
      const rows = await listMembers(A.ctx[role]);
      expect(rows.map((r) => r.membershipId).sort()).toEqual(aMembershipIds);
      expect(rows.some((r) => bMembershipIds.has(r.membershipId))).toBe(false);
      expect(rows.map((r) => r.email).sort()).toEqual(
        Object.values(A.users)
          .map((u) => u.email)
          .sort(),
      );
    }
  });

  it("changeMemberRole with B's membership ids is not found and changes nothing in B", async () => {
    await expectBUnchanged(async () => {
      await expectSafeError(changeMemberRole(A.ctx.OWNER, { membershipId: B.ctx.VIEWER.membershipId, role: "ADMIN" }), NotFoundError, "not-found");
      await expectSafeError(changeMemberRole(A.ctx.OWNER, { membershipId: B.ctx.OWNER.membershipId, role: "VIEWER" }), NotFoundError, "not-found");
      await expectSafeError(changeMemberRole(A.ctx.ADMIN, { membershipId: B.ctx.CONTRIBUTOR.membershipId, role: "TECH_LEAD" }), NotFoundError, "not-found");
    });
    const viewer = await db().membership.findUniqueOrThrow({ where: { id: B.ctx.VIEWER.membershipId } });
    expect(viewer.role).toBe("VIEWER");
    expect(viewer.organizationId).toBe(B.id);
  });

  it("removeMember with B's membership ids is not found and removes nothing in B", async () => {
    await expectBUnchanged(async () => {
      await expectSafeError(removeMember(A.ctx.OWNER, { membershipId: B.ctx.VIEWER.membershipId }), NotFoundError, "not-found");
      await expectSafeError(removeMember(A.ctx.ADMIN, { membershipId: B.ctx.ADMIN.membershipId }), NotFoundError, "not-found");
    });
    expect(await db().membership.count({ where: { organizationId: B.id } })).toBe(ROLES.length);
  });

  it("createInvite writes into A only, and does not see B's memberships", async () => {
    // B's viewer is not a member of A, so inviting them to A must work (B's membership is not A's).
    let created: Awaited<ReturnType<typeof createInvite>> | undefined;
    await expectBUnchanged(async () => {
      created = await createInvite(A.ctx.OWNER, { email: B.users.VIEWER.email, role: "TECH_LEAD" });
    });
    const row = await db().invite.findUniqueOrThrow({ where: { id: created!.invite.id } });
    expect(row.organizationId).toBe(A.id);
    expect(row.email).toBe(B.users.VIEWER.email);
    expect(row.role).toBe("TECH_LEAD");
    expect(await db().invite.count({ where: { organizationId: B.id } })).toBe(1);
  });

  it("listPendingInvites returns A's invites only", async () => {
    const pending = await listPendingInvites(A.ctx.ADMIN);
    const ids = pending.map((i) => i.id);
    expect(ids).toContain(A.inviteId);
    expect(ids).not.toContain(B.inviteId);
    const inA = await db().invite.findMany({ where: { organizationId: A.id, acceptedAt: null, revokedAt: null }, select: { id: true } });
    expect(ids.sort()).toEqual(inA.map((i) => i.id).sort());
    expect(pending.map((i) => i.email)).not.toContain(B.inviteEmail);
  });

  it("revokeInvite with B's invite id is not found and leaves B's invite pending", async () => {
    await expectBUnchanged(async () => {
      await expectSafeError(revokeInvite(A.ctx.OWNER, { inviteId: B.inviteId }), NotFoundError, "not-found");
    });
    const invite = await db().invite.findUniqueOrThrow({ where: { id: B.inviteId } });
    expect(invite.revokedAt).toBeNull();
    expect(invite.acceptedAt).toBeNull();
  });

  it("getOrganizationSettings returns A's settings", async () => {
    for (const role of ROLES) {
      const settings = await getOrganizationSettings(A.ctx[role]);
      expect(settings.slug).toBe(A.slug);
      expect(settings.name).toBe(A.name);
    }
  });

  it("updateOrganizationSettings changes A and leaves B unchanged", async () => {
    const settings = { name: `Renamed ${A.slug}`, fixByDaysHigh: 3, fixByDaysMedium: 21, fixByDaysLow: 60, reviewCadenceMonths: 6 };
    await expectBUnchanged(async () => {
      await updateOrganizationSettings(A.ctx.ADMIN, settings);
    });
    const a = await db().organization.findUniqueOrThrow({ where: { id: A.id } });
    expect({
      name: a.name,
      fixByDaysHigh: a.fixByDaysHigh,
      fixByDaysMedium: a.fixByDaysMedium,
      fixByDaysLow: a.fixByDaysLow,
      reviewCadenceMonths: a.reviewCadenceMonths,
    }).toEqual(settings);
    const b = await db().organization.findUniqueOrThrow({ where: { id: B.id } });
    expect(b.name).toBe(B.name);
    expect(b.fixByDaysHigh).toBe(7);
  });

  it("listThreatModels returns A's models only, even when searching for B's titles", async () => {
    const aModelIds = (await db().threatModel.findMany({ where: { organizationId: A.id }, select: { id: true } })).map((m) => m.id).sort();
    for (const role of ROLES) {
      const page = await listThreatModels(A.ctx[role], { page: 1, pageSize: 100 });
      expect(page.items.map((m) => m.id).sort()).toEqual(aModelIds);
      expect(page.total).toBe(aModelIds.length);
    }
    const search = await listThreatModels(A.ctx.VIEWER, { page: 1, pageSize: 100, q: B.slug });
    expect(search.total).toBe(0);
    expect(search.items).toEqual([]);
    const approved = await listThreatModels(A.ctx.VIEWER, { page: 1, pageSize: 100, status: "APPROVED" });
    expect(approved.items.map((m) => m.id)).not.toContain(B.richModelId);
    expect(approved.total).toBe(0);
  });

  it("countThreatModelsByStatus counts A's models only", async () => {
    const expected = await db().threatModel.groupBy({ by: ["status"], where: { organizationId: A.id }, _count: { _all: true } });
    const counts = await countThreatModelsByStatus(A.ctx.VIEWER);
    expect(counts).toEqual(Object.fromEntries(expected.map((g) => [g.status, g._count._all])));
    // B's only APPROVED model must not be counted in A.
    expect(counts.APPROVED).toBeUndefined();
    expect(counts.IN_REVIEW).toBe(1);
  });

  it("getThreatModel reads A's model with its rows, and B's ids are not found", async () => {
    const model = await getThreatModel(A.ctx.VIEWER, A.richModelId);
    expect(model.organizationId).toBe(A.id);
    expect(model.threats).toHaveLength(2);
    for (const rows of [
      model.threats,
      model.mitigations,
      model.assets,
      model.trustBoundaries,
      model.attackScenarios,
      model.securityControls,
      model.securityInvariants,
      model.acceptances,
    ]) {
      expect(rows.every((r) => r.organizationId === A.id)).toBe(true);
    }
    await expectBUnchanged(async () => {
      for (const role of ROLES) {
        await expectSafeError(getThreatModel(A.ctx[role], B.richModelId), NotFoundError, "not-found");
        await expectSafeError(getThreatModel(A.ctx[role], B.draftModelId), NotFoundError, "not-found");
      }
    });
  });

  it("createThreatModel writes into A only", async () => {
    const aBefore = await db().threatModel.count({ where: { organizationId: A.id } });
    let created: { id: string } | undefined;
    await expectBUnchanged(async () => {
      created = await createThreatModel(A.ctx.OWNER, { title: `A only ${A.slug}`, featureName: "", category: "" });
    });
    const row = await db().threatModel.findUniqueOrThrow({ where: { id: created!.id } });
    expect(row.organizationId).toBe(A.id);
    expect(row.createdById).toBe(A.users.OWNER.id);
    expect(await db().threatModel.count({ where: { organizationId: A.id } })).toBe(aBefore + 1);
    const lastEvent = await db().auditEvent.findFirstOrThrow({ where: { targetId: created!.id } });
    expect(lastEvent.organizationId).toBe(A.id);
    expect(lastEvent.action).toBe("threat-model.created");
  });

  it("a member of B has no membership in A", async () => {
    for (const role of ROLES) {
      await expect(findMembership(B.users[role].id, A.slug)).resolves.toBeNull();
      const own = await findMembership(B.users[role].id, B.slug);
      expect(own).toEqual({ membershipId: B.ctx[role].membershipId, role, organization: { id: B.id, slug: B.slug, name: B.name, requireMfa: false } });
    }
    const outsider = await createUser("outsider");
    await expect(findMembership(outsider.id, A.slug)).resolves.toBeNull();
    await expect(findMembership(A.users.OWNER.id, "no-such-organization")).resolves.toBeNull();
  });

  it("a removed member has no membership right after removal", async () => {
    const target = A.ctx.TECH_LEAD;
    expect(await findMembership(target.userId, A.slug)).not.toBeNull();
    const removed = await removeMember(A.ctx.ADMIN, { membershipId: target.membershipId });
    expect(removed).toEqual({ removedUserId: target.userId });
    await expect(findMembership(target.userId, A.slug)).resolves.toBeNull();
    expect(await db().membership.count({ where: { id: target.membershipId } })).toBe(0);
  });
});
