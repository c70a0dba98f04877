// The audit trail: a per-organization hash chain the database keeps append-only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordAccessDenied, verifyAuditChain } from "@/lib/data/audit";
import { createInvite } from "@/lib/data/invites/create-invite";
import { changeMemberRole } from "@/lib/data/members/change-member-role";
import { updateOrganizationSettings } from "@/lib/data/organizations/update-organization-settings";
import { createThreatModel } from "@/lib/data/threat-models/create-threat-model";
import { attemptRolledBackAs, auditActions, createOrg, distinctSettings, ownerDb } from "./helpers";

describe("audit chain", () => {
  it("events appended by the data functions verify, in order, with the right count", async () => {
    const org = await createOrg("audit-chain");
    // signUp + one member.added per non-owner role.
    expect(await auditActions(org.id)).toEqual(["organization.created", ...Array(5).fill("member.added")]);

    await createThreatModel(org.ctx.CONTRIBUTOR, { title: "Payments", featureName: "Checkout", category: "" });
    await updateOrganizationSettings(org.ctx.OWNER, distinctSettings(5));
    await createInvite(org.ctx.ADMIN, { email: `audit-${org.slug}@example.test`, role: "VIEWER" });
    await changeMemberRole(org.ctx.ADMIN, { membershipId: org.ctx.VIEWER.membershipId, role: "CONTRIBUTOR" });

    const actions = await auditActions(org.id);
    expect(actions.slice(6)).toEqual(["threat-model.created", "organization.settings-updated", "invite.created", "member.role-changed"]);
    const rows = await db().auditEvent.findMany({
      where: { organizationId: org.id },
      orderBy: { seq: "asc" },
      select: { seq: true, prevHash: true, hash: true },
    });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    rows.forEach((r, i) => expect(r.prevHash).toBe(i === 0 ? "genesis" : rows[i - 1]!.hash));

    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: 10 });
  });

  it("an organization with no events verifies as an empty chain", async () => {
    const org = await db().organization.create({ data: { name: "Empty", slug: `empty-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` } });
    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: 0 });
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE on AuditEvent, even to the table's owner", async () => {
    const org = await createOrg("audit-append-only");
    const before = await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } });
    const target = before[0]!;

    await expect(ownerDb().$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'mallory' WHERE id = '${target.id}'`)).rejects.toThrow(/append-only/);
    await expect(ownerDb().$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE id = '${target.id}'`)).rejects.toThrow(/append-only/);
    // TRUNCATE would empty the whole table if it were allowed: try it where it is rolled back anyway.
    const truncateError = await attemptRolledBackAs(ownerDb(), `TRUNCATE "AuditEvent"`);
    expect(truncateError).toBeInstanceOf(Error);
    expect(String((truncateError as Error).message)).toMatch(/append-only/);

    expect(await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } })).toEqual(before);
    expect(await db().auditEvent.count()).toBeGreaterThanOrEqual(before.length);
  });

  it("a row rewritten behind the triggers' back breaks verification at that row", async () => {
    const org = await createOrg("audit-tamper");
    await createThreatModel(org.ctx.OWNER, { title: "Before tampering", featureName: "", category: "" });
    await updateOrganizationSettings(org.ctx.OWNER, distinctSettings(9));
    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: 8 });

    const target = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, seq: 7 } });
    expect(target.action).toBe("threat-model.created");

    // As the database owner (the application's role cannot): disable the trigger, rewrite, re-enable, all in one transaction.
    await ownerDb().$transaction([
      ownerDb().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_update_or_delete`),
      ownerDb().$executeRawUnsafe(`UPDATE "AuditEvent" SET summary = '{"title":"Nothing to see here"}'::jsonb WHERE id = '${target.id}'`),
      ownerDb().$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_no_update_or_delete`),
    ]);
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: target.id } })).summary).toEqual({ title: "Nothing to see here" });
    // The trigger is back on.
    await expect(ownerDb().$executeRawUnsafe(`UPDATE "AuditEvent" SET summary = '{}'::jsonb WHERE id = '${target.id}'`)).rejects.toThrow(/append-only/);

    const verdict = await verifyAuditChain(org.id);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.brokenAt.id).toBe(target.id);
    expect(verdict.brokenAt.seq).toBe(7);
    expect(verdict.checked).toBe(6);
    expect(verdict.reason).toMatch(/changed/);
  });

  it("concurrent appends to one organization get consecutive seq numbers and a verifying chain", async () => {
    const org = await createOrg("audit-concurrent");
    const startSeq = 6;
    await Promise.all([
      updateOrganizationSettings(org.ctx.OWNER, distinctSettings(1)),
      createThreatModel(org.ctx.CONTRIBUTOR, { title: "Concurrent 1", featureName: "", category: "" }),
      updateOrganizationSettings(org.ctx.ADMIN, distinctSettings(2)),
      createThreatModel(org.ctx.TECH_LEAD, { title: "Concurrent 2", featureName: "", category: "" }),
      updateOrganizationSettings(org.ctx.OWNER, distinctSettings(3)),
      createThreatModel(org.ctx.SECURITY_LEAD, { title: "Concurrent 3", featureName: "", category: "" }),
    ]);

    const rows = await db().auditEvent.findMany({
      where: { organizationId: org.id },
      orderBy: { seq: "asc" },
      select: { seq: true, action: true, prevHash: true, hash: true },
    });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: startSeq + 6 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    const appended = rows
      .slice(startSeq)
      .map((r) => r.action)
      .sort();
    expect(appended).toEqual([...Array(3).fill("organization.settings-updated"), ...Array(3).fill("threat-model.created")]);
    rows.forEach((r, i) => expect(r.prevHash).toBe(i === 0 ? "genesis" : rows[i - 1]!.hash));
    expect(await db().threatModel.count({ where: { organizationId: org.id } })).toBe(3);

    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: startSeq + 6 });
  });

  it("many simultaneous bare appends (one event per transaction) still chain without gaps or duplicates", async () => {
    const org = await createOrg("audit-burst");
    const startSeq = 6;
    const burst = 24;
    const roles = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"] as const;
    await Promise.all(
      Array.from({ length: burst }, (_, i) => recordAccessDenied(org.ctx[roles[i % roles.length]!], { action: `burst-${i}`, permission: "model.delete" })),
    );

    const rows = await db().auditEvent.findMany({
      where: { organizationId: org.id },
      orderBy: { seq: "asc" },
      select: { seq: true, targetId: true, prevHash: true, hash: true },
    });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: startSeq + burst }, (_, i) => i + 1));
    expect(
      rows
        .slice(startSeq)
        .map((r) => r.targetId)
        .sort(),
    ).toEqual(Array.from({ length: burst }, (_, i) => `burst-${i}`).sort());
    rows.forEach((r, i) => expect(r.prevHash).toBe(i === 0 ? "genesis" : rows[i - 1]!.hash));
    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: startSeq + burst });
  });
});
