// Verifying the audit trail (the operator command's function and the audit page's data) and
// reading it: organization-scoped, filtered, paged, and only for the roles that may.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { AUDIT_PAGE_SIZE } from "@/lib/validation/audit";
import { listAuditEvents, listAuditFilterOptions, recordAccessDenied, verifyAuditChain, verifyOrganizationChain } from "@/lib/data/audit";
import { INSTALLATION_CHAIN, operatorCreateUser, operatorVerifyAuditChains } from "@/lib/data/operator";
import { updateOrganizationSettings } from "@/lib/data/organizations/update-organization-settings";
import { createThreatModel } from "@/lib/data/threat-models/create-threat-model";
import { deleteThreatModel } from "@/lib/data/threat-models/delete-threat-model";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { attemptRolledBackAs, createOrg, distinctSettings, expectSafeError, operator, ownerDb, rewriteAsOwner, uid, type TestOrg } from "./helpers";

/** Rewrites one stored event the way someone with the tables' owner's rights could. */
async function tamper(eventId: string, setSql: string) {
  await rewriteAsOwner([`UPDATE "AuditEvent" SET ${setSql} WHERE id = $1`, eventId]);
}

/** An organization with a few events of its own beyond the six createOrg writes. */
async function orgWithActivity(label: string): Promise<TestOrg & { modelId: string }> {
  const org = await createOrg(label);
  const model = await createThreatModel(org.ctx.CONTRIBUTOR, { title: `${label} model`, featureName: "", category: "" });
  await updateOrganizationSettings(org.ctx.OWNER, distinctSettings(3));
  return { ...org, modelId: model.id };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("verifying the audit chain", () => {
  it("events appended by the data functions verify, streamed in pages of any size", async () => {
    const org = await orgWithActivity("verify-ok");
    const other = await orgWithActivity("verify-ok-other");
    await deleteThreatModel(org.ctx.ADMIN, { id: org.modelId, title: "verify-ok model" });
    const count = await db().auditEvent.count({ where: { organizationId: org.id } });
    expect(count).toBe(9);

    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: 9 });
    // Page boundaries in every position: exactly full pages, a partial last page, one per page.
    for (const pageSize of [1, 2, 3, 4, 9, 10]) {
      await expect(verifyAuditChain(org.id, { pageSize })).resolves.toEqual({ ok: true, checked: 9 });
    }
    await expect(verifyOrganizationChain(org.ctx.SECURITY_LEAD)).resolves.toEqual({ ok: true, checked: 9 });
    await expect(verifyOrganizationChain(other.ctx.OWNER)).resolves.toEqual({ ok: true, checked: 8 });

    const report = await operatorVerifyAuditChains({ slug: org.slug });
    expect(report).toMatchObject({ ok: true, exitCode: 0, lines: [`${org.slug}: OK, 9 events`] });
  });

  it("an event changed in SQL behind the triggers' back fails verification at exactly that event", async () => {
    const org = await orgWithActivity("verify-tamper");
    const other = await orgWithActivity("verify-tamper-other");
    await recordAccessDenied(org.ctx.VIEWER, { action: "after-the-change", permission: "model.delete" });
    const target = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, seq: 7 } });
    expect(target.action).toBe("threat-model.created");

    await tamper(target.id, `summary = '{"title":"Nothing to see here","start":"blank"}'::jsonb`);
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: target.id } })).summary).toEqual({ title: "Nothing to see here", start: "blank" });

    for (const pageSize of [undefined, 1, 3, 6, 7]) {
      const verdict = await verifyAuditChain(org.id, { pageSize });
      expect(verdict).toMatchObject({ ok: false, checked: 6, kind: "hash-mismatch", brokenAt: { id: target.id, seq: 7, action: "threat-model.created" } });
    }
    const banner = await verifyOrganizationChain(org.ctx.OWNER);
    expect(banner).toMatchObject({ ok: false, brokenAt: { id: target.id, seq: 7 } });
    // The other organization's chain is untouched and still verifies.
    await expect(verifyOrganizationChain(other.ctx.OWNER)).resolves.toEqual({ ok: true, checked: 8 });

    // The operator command: exit code 1 and a line naming the event.
    const one = await operatorVerifyAuditChains({ slug: org.slug });
    expect(one.ok).toBe(false);
    expect(one.exitCode).toBe(1);
    expect(one.lines).toEqual([
      `${org.slug}: BROKEN at event #7 (id ${target.id}, action threat-model.created, ${target.createdAt.toISOString()}): hash mismatch, its content does not match its hash (it was changed)`,
    ]);
    await expect(operatorVerifyAuditChains({ slug: other.slug })).resolves.toMatchObject({ exitCode: 0, lines: [`${other.slug}: OK, 8 events`] });

    // Every chain: the installation's first, then each organization by slug; one broken chain
    // makes the whole run fail while the others still report OK.
    const all = await operatorVerifyAuditChains();
    expect(all.exitCode).toBe(1);
    expect(all.chains[0]).toMatchObject({ chain: INSTALLATION_CHAIN, organizationId: null });
    const slugs = all.chains.slice(1).map((c) => c.chain);
    expect(slugs).toEqual([...slugs].sort());
    expect(all.lines).toContain(one.lines[0]);
    expect(all.lines).toContain(`${other.slug}: OK, 8 events`);
    expect(all.chains.find((c) => c.organizationId === org.id)?.verdict.ok).toBe(false);
  });

  it("a changed link or a changed seq is named as such", async () => {
    const linked = await orgWithActivity("verify-link");
    const seven = await db().auditEvent.findFirstOrThrow({ where: { organizationId: linked.id, seq: 7 } });
    await tamper(seven.id, `"prevHash" = '${"0".repeat(64)}'`);
    const link = await operatorVerifyAuditChains({ slug: linked.slug });
    expect(link.exitCode).toBe(1);
    expect(link.lines[0]).toMatch(
      new RegExp(`^${linked.slug}: BROKEN at event #7 \\(id ${seven.id}, action threat-model.created, .+Z\\): prev-hash mismatch, `),
    );

    const gapped = await orgWithActivity("verify-gap");
    const last = await db().auditEvent.findFirstOrThrow({ where: { organizationId: gapped.id, seq: 8 } });
    await tamper(last.id, `seq = 9`);
    const gap = await verifyAuditChain(gapped.id, { pageSize: 4 });
    expect(gap).toMatchObject({ ok: false, checked: 7, kind: "sequence-gap", brokenAt: { id: last.id, seq: 9 } });
    expect((await operatorVerifyAuditChains({ slug: gapped.slug })).lines[0]).toMatch(/: BROKEN at event #9 .*: sequence gap, expected event #8, found #9/);
  });

  it("the installation's chain (no organization) verifies, and an unknown slug is refused", async () => {
    await operatorCreateUser(operator, { email: `installation-${uid()}@example.test`, name: "Installation Chain", password: "correct horse battery staple" });
    const installation = await verifyAuditChain(null);
    expect(installation.ok).toBe(true);
    expect(installation.checked).toBe(await db().auditEvent.count({ where: { organizationId: null } }));
    expect(installation.checked).toBeGreaterThan(0);

    const error = await expectSafeError(operatorVerifyAuditChains({ slug: `no-such-org-${uid()}` }), NotFoundError, "not-found");
    expect(error.message).toMatch(/^The organization "no-such-org-[0-9a-f]+" was not found\.$/);
  });
});

describe("the append-only audit table", () => {
  // The application's own role is refused these by privilege (database-roles.test.ts); the
  // triggers refuse them to the owner of the table too.
  it("refuses UPDATE, DELETE and TRUNCATE even from the owner's connection", async () => {
    const org = await orgWithActivity("append-only");
    const before = await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } });
    const target = before[before.length - 1]!;

    for (const sql of [`UPDATE "AuditEvent" SET "actorLabel" = 'mallory' WHERE id = $1`, `DELETE FROM "AuditEvent" WHERE id = $1`]) {
      const error = await ownerDb()
        .$executeRawUnsafe(sql, target.id)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error, sql).toBeInstanceOf(Error);
      expect(String((error as Error).message)).toMatch(/AuditEvent is append-only: (UPDATE|DELETE) is not allowed/);
    }
    const truncate = await attemptRolledBackAs(ownerDb(), `TRUNCATE "AuditEvent"`);
    expect(truncate).toBeInstanceOf(Error);
    expect(String((truncate as Error).message)).toMatch(/AuditEvent is append-only: TRUNCATE is not allowed/);

    expect(await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } })).toEqual(before);
    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: before.length });
  });
});

describe("listAuditEvents", () => {
  it("returns only the caller's organization's events, newest first, with actors and model targets resolved", async () => {
    const a = await orgWithActivity("list-a");
    const b = await orgWithActivity("list-b");

    const { items, total, page, pageSize } = await listAuditEvents(a.ctx.SECURITY_LEAD, { page: 1 });
    expect({ total, page, pageSize }).toEqual({ total: 8, page: 1, pageSize: AUDIT_PAGE_SIZE });
    expect(items.map((e) => e.seq)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    const ids = new Set(items.map((e) => e.id));
    const bIds = (await db().auditEvent.findMany({ where: { organizationId: b.id }, select: { id: true } })).map((e) => e.id);
    expect(bIds).toHaveLength(8);
    for (const id of bIds) expect(ids.has(id)).toBe(false);

    const created = items.find((e) => e.action === "threat-model.created")!;
    expect(created).toMatchObject({
      actorId: a.users.CONTRIBUTOR.id,
      actorLabel: a.users.CONTRIBUTOR.email,
      actorName: a.users.CONTRIBUTOR.name,
      targetType: "threat-model",
      targetId: a.modelId,
      model: { modelId: a.modelId, title: "list-a model", exists: true },
      summary: { title: "list-a model", start: "blank" },
      ip: "127.0.0.1",
    });
    // Operator events have no member behind them.
    expect(items.find((e) => e.action === "member.added")).toMatchObject({ actorId: null, actorName: null, model: null });

    // B's ids used as filters under A's context find nothing of B's.
    await expect(listAuditEvents(a.ctx.OWNER, { model: b.modelId })).resolves.toMatchObject({ items: [], total: 0 });
    await expect(listAuditEvents(a.ctx.OWNER, { actor: b.users.CONTRIBUTOR.id })).resolves.toMatchObject({ items: [], total: 0 });
  });

  it("filters by actor, action and threat model, and a deleted model keeps its recorded title", async () => {
    const a = await orgWithActivity("filter-a");
    const b = await orgWithActivity("filter-b");
    const second = await createThreatModel(a.ctx.TECH_LEAD, { title: "Second", featureName: "", category: "" });
    await deleteThreatModel(a.ctx.ADMIN, { id: second.id, title: "Second" });
    await recordAccessDenied(b.ctx.VIEWER, { action: "only-in-b", permission: "model.delete" });

    const byActor = await listAuditEvents(a.ctx.ADMIN, { actor: a.users.TECH_LEAD.id });
    expect(byActor.items.map((e) => [e.action, e.targetId])).toEqual([["threat-model.created", second.id]]);

    const byAction = await listAuditEvents(a.ctx.ADMIN, { action: "member.added" });
    expect(byAction.total).toBe(5);
    expect(byAction.items.map((e) => e.action)).toEqual(Array(5).fill("member.added"));
    await expect(listAuditEvents(a.ctx.ADMIN, { action: "access.denied" })).resolves.toMatchObject({ total: 0 });

    const byModel = await listAuditEvents(a.ctx.ADMIN, { model: second.id });
    expect(byModel.items.map((e) => e.action)).toEqual(["threat-model.deleted", "threat-model.created"]);
    expect(byModel.items[0]!.model).toEqual({ modelId: second.id, title: "Second", exists: false });

    const combined = await listAuditEvents(a.ctx.ADMIN, { model: second.id, actor: a.users.ADMIN.id, action: "threat-model.deleted" });
    expect(combined.items.map((e) => e.action)).toEqual(["threat-model.deleted"]);
    await expect(listAuditEvents(a.ctx.ADMIN, { model: second.id, action: "member.added" })).resolves.toMatchObject({ total: 0 });

    const options = await listAuditFilterOptions(a.ctx.SECURITY_LEAD);
    expect(options.actions).toEqual(["member.added", "organization.created", "organization.settings-updated", "threat-model.created", "threat-model.deleted"]);
    expect(options.actors.map((m) => m.id).sort()).toEqual(
      Object.values(a.users)
        .map((u) => u.id)
        .sort(),
    );
    expect(options.actors.find((m) => m.id === a.users.OWNER.id)).toEqual({ id: a.users.OWNER.id, name: a.users.OWNER.name, email: a.users.OWNER.email });
    expect(options.models).toEqual([{ id: a.modelId, title: "filter-a model", version: expect.any(String) as string }]);
    const bOptions = await listAuditFilterOptions(b.ctx.OWNER);
    expect(bOptions.actions).toContain("access.denied");
    expect(bOptions.actions).not.toContain("threat-model.deleted");
    expect(bOptions.models.map((m) => m.id)).toEqual([b.modelId]);
  });

  it("filters by UTC day, both ends inclusive", async () => {
    const org = await createOrg("dates");
    const at = (iso: string) => vi.spyOn(Date, "now").mockReturnValue(Date.parse(iso));
    at("2025-03-10T23:59:59.999Z");
    await recordAccessDenied(org.ctx.VIEWER, { action: "day-10", permission: "model.delete" });
    at("2025-03-11T00:00:00.000Z");
    await recordAccessDenied(org.ctx.VIEWER, { action: "day-11-start", permission: "model.delete" });
    at("2025-03-11T23:59:59.999Z");
    await recordAccessDenied(org.ctx.VIEWER, { action: "day-11-end", permission: "model.delete" });
    at("2025-03-12T00:00:00.000Z");
    await recordAccessDenied(org.ctx.VIEWER, { action: "day-12", permission: "model.delete" });
    vi.restoreAllMocks();

    const targets = async (filters: { from?: string; to?: string }) =>
      (await listAuditEvents(org.ctx.OWNER, { action: "access.denied", ...filters })).items.map((e) => e.targetId);
    expect(await targets({ from: "2025-03-11", to: "2025-03-11" })).toEqual(["day-11-end", "day-11-start"]);
    expect(await targets({ from: "2025-03-11" })).toEqual(["day-12", "day-11-end", "day-11-start"]);
    expect(await targets({ to: "2025-03-11" })).toEqual(["day-11-end", "day-11-start", "day-10"]);
    expect(await targets({ from: "2025-03-13", to: "2025-03-20" })).toEqual([]);
    // Events written today (the organization's set-up) fall outside a past range but inside today.
    const today = new Date().toISOString().slice(0, 10);
    await expect(listAuditEvents(org.ctx.OWNER, { to: "2025-03-12" })).resolves.toMatchObject({ total: 4 });
    await expect(listAuditEvents(org.ctx.OWNER, { from: today, to: today })).resolves.toMatchObject({ total: 6 });
    // Out-of-order times do not disturb the chain: it is ordered by seq.
    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: 10 });
  });

  it("pages by 50, newest first", async () => {
    const org = await createOrg("paging");
    for (let i = 0; i < 56; i++) await recordAccessDenied(org.ctx.VIEWER, { action: `page-${i}`, permission: "model.delete" });
    const total = 62;

    const first = await listAuditEvents(org.ctx.ADMIN, { page: 1 });
    expect(first.total).toBe(total);
    expect(first.items).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.items.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => total - i));
    const second = await listAuditEvents(org.ctx.ADMIN, { page: 2 });
    expect(second.items.map((e) => e.seq)).toEqual(Array.from({ length: total - 50 }, (_, i) => total - 50 - i));
    await expect(listAuditEvents(org.ctx.ADMIN, { page: 3 })).resolves.toMatchObject({ items: [], total });
  });

  it("is refused to roles without audit.read", async () => {
    const org = await orgWithActivity("refused");
    for (const role of ["CONTRIBUTOR", "TECH_LEAD", "VIEWER"] as const) {
      await expectSafeError(listAuditEvents(org.ctx[role], { page: 1 }), ForbiddenError, "forbidden");
      await expectSafeError(listAuditFilterOptions(org.ctx[role]), ForbiddenError, "forbidden");
      await expectSafeError(verifyOrganizationChain(org.ctx[role]), ForbiddenError, "forbidden");
    }
    for (const role of ["OWNER", "ADMIN", "SECURITY_LEAD"] as const) {
      await expect(listAuditEvents(org.ctx[role], { page: 1 })).resolves.toMatchObject({ total: 8 });
    }
  });
});
