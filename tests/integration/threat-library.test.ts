// The threat library: built-in entries for everyone, each organization's own entries for it
// alone, changes only by library managers, every change in the audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createLibraryEntry } from "@/lib/data/threat-library/create-library-entry";
import { listLibrary } from "@/lib/data/threat-library/list-library";
import { saveThreatToLibrary } from "@/lib/data/threat-library/save-threat-to-library";
import { setLibraryEntryRetired } from "@/lib/data/threat-library/set-library-entry-retired";
import { updateLibraryEntry } from "@/lib/data/threat-library/update-library-entry";
import { BUILT_IN_LIBRARY } from "@/lib/domain/threat-library";
import { ROLES, type Role } from "@/lib/domain/roles";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createOrg, expectSafeError, orgsForSuite } from "./helpers";
import { createModelWithThreats, libraryAuditEvents, libraryInput, snapshotLibrary } from "./library-helpers";

const MANAGERS: Role[] = ["OWNER", "ADMIN", "SECURITY_LEAD"];
const NON_MANAGERS: Role[] = ["TECH_LEAD", "CONTRIBUTOR", "VIEWER"];

describe("threat library", () => {
  const [A, B] = orgsForSuite("library-a", "library-b");
  let bEntryId: string;
  let bRetiredEntryId: string;
  let bThreatId: string;

  beforeAll(async () => {
    bEntryId = (await createLibraryEntry(B.ctx.SECURITY_LEAD, libraryInput({ title: `B's own entry ${B.slug}` }))).id;
    bRetiredEntryId = (await createLibraryEntry(B.ctx.OWNER, libraryInput({ title: `B's retired entry ${B.slug}` }))).id;
    await setLibraryEntryRetired(B.ctx.OWNER, { entryId: bRetiredEntryId, retired: true });
    bThreatId = (await createModelWithThreats(B, "b-model")).spoofingThreatId;
  });

  /** Runs `act` and expects B's library rows and audit trail to be exactly as they were. */
  async function expectBUnchanged(act: () => Promise<unknown>) {
    const before = await snapshotLibrary(B.id);
    await act();
    expect(await snapshotLibrary(B.id)).toEqual(before);
  }

  describe("listLibrary", () => {
    it("shows every role the built-in entries, in STRIDE order then by title", async () => {
      const fresh = await createOrg("library-fresh");
      for (const role of ROLES) {
        const entries = await listLibrary(fresh.ctx[role]);
        expect(entries).toHaveLength(BUILT_IN_LIBRARY.length);
        expect(entries.every((e) => e.builtIn && e.retiredAt === null)).toBe(true);
      }
      const titles = (await listLibrary(fresh.ctx.VIEWER, { category: "TAMPERING" })).map((e) => e.title);
      expect(titles).toEqual([
        "IDOR: user modifies another user's record via /api/users/{id}",
        "Request body tampering (mass assignment)",
        "SQL injection via search parameter",
      ]);
    });

    it("adds the organization's own entries among the built-in ones, sorted by category then title", async () => {
      const org = await createOrg("library-sort");
      await createLibraryEntry(org.ctx.OWNER, libraryInput({ category: "SPOOFING", title: "Zombie session reuse" }));
      await createLibraryEntry(org.ctx.OWNER, libraryInput({ category: "SPOOFING", title: "another phishing kit" }));
      await createLibraryEntry(org.ctx.OWNER, libraryInput({ category: "ELEVATION_OF_PRIVILEGE", title: "Admin API without role check" }));
      const spoofing = await listLibrary(org.ctx.CONTRIBUTOR, { category: "SPOOFING" });
      expect(spoofing.map((e) => [e.title, e.builtIn])).toEqual([
        ["another phishing kit", false],
        ["API key theft allows service impersonation", true],
        ["Stolen JWT allows user impersonation", true],
        ["Zombie session reuse", false],
      ]);
      const all = await listLibrary(org.ctx.VIEWER);
      expect(all).toHaveLength(BUILT_IN_LIBRARY.length + 3);
      expect(all.at(-1)!.category).toBe("ELEVATION_OF_PRIVILEGE");
      expect(all.map((e) => e.title).indexOf("Admin API without role check")).toBe(BUILT_IN_LIBRARY.length + 3 - 4);
    });

    it("never shows organization A the entries of organization B", async () => {
      await createLibraryEntry(A.ctx.OWNER, libraryInput({ title: `A's own entry ${A.slug}` }));
      for (const role of ROLES) {
        const entries = await listLibrary(A.ctx[role], { includeRetired: true });
        const ids = entries.map((e) => e.id);
        expect(ids).not.toContain(bEntryId);
        expect(ids).not.toContain(bRetiredEntryId);
        expect(entries.some((e) => e.title.includes(B.slug))).toBe(false);
        expect(entries.filter((e) => !e.builtIn).map((e) => e.title)).toEqual([`A's own entry ${A.slug}`]);
      }
    });

    it("hides retired entries unless asked", async () => {
      const visible = await listLibrary(B.ctx.VIEWER);
      expect(visible.map((e) => e.id)).toContain(bEntryId);
      expect(visible.map((e) => e.id)).not.toContain(bRetiredEntryId);
      const withRetired = await listLibrary(B.ctx.OWNER, { includeRetired: true });
      const retired = withRetired.find((e) => e.id === bRetiredEntryId);
      expect(retired?.retiredAt).toBeInstanceOf(Date);
    });
  });

  describe("createLibraryEntry", () => {
    it.each(MANAGERS)("lets %s add an entry, audited in the same change", async (role) => {
      const org = await createOrg("library-create");
      const input = libraryInput({ category: "REPUDIATION", title: `Unsigned approvals (${role})`, likelihood: "LOW", impact: "CRITICAL" });
      const entry = await createLibraryEntry(org.ctx[role], input);
      expect(entry).toMatchObject({ ...input, builtIn: false, retiredAt: null });
      const row = await db().threatLibraryEntry.findUniqueOrThrow({ where: { id: entry.id } });
      expect(row).toMatchObject({ organizationId: org.id, createdById: org.ctx[role].userId, title: input.title, mitigation: input.mitigation });
      expect(await libraryAuditEvents(org.id)).toEqual([
        {
          action: "library-entry.created",
          actorId: org.ctx[role].userId,
          targetType: "threat-library-entry",
          targetId: entry.id,
          summary: { title: input.title, category: "REPUDIATION" },
        },
      ]);
    });

    it.each(NON_MANAGERS)("refuses %s and writes nothing", async (role) => {
      const before = await snapshotLibrary(A.id);
      await expectSafeError(createLibraryEntry(A.ctx[role], libraryInput()), ForbiddenError, "forbidden");
      expect(await snapshotLibrary(A.id)).toEqual(before);
    });
  });

  describe("updateLibraryEntry", () => {
    it("changes the entry and records which fields changed", async () => {
      const org = await createOrg("library-update");
      const entry = await createLibraryEntry(org.ctx.OWNER, libraryInput({ title: "Replay", impact: "MEDIUM" }));
      const updated = await updateLibraryEntry(org.ctx.SECURITY_LEAD, {
        ...libraryInput(),
        entryId: entry.id,
        title: "Webhook replay",
        impact: "HIGH",
        mitigation: entry.mitigation,
        description: entry.description,
      });
      expect(updated).toMatchObject({ id: entry.id, title: "Webhook replay", impact: "HIGH" });
      expect(await db().threatLibraryEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
        title: "Webhook replay",
        impact: "HIGH",
        organizationId: org.id,
      });
      const events = await libraryAuditEvents(org.id);
      expect(events.map((e) => e.action)).toEqual(["library-entry.created", "library-entry.updated"]);
      expect(events[1]).toMatchObject({
        actorId: org.ctx.SECURITY_LEAD.userId,
        targetId: entry.id,
        summary: { title: "Webhook replay", changed: ["title", "impact"] },
      });
    });

    it("saves an unchanged entry without an audit event", async () => {
      const org = await createOrg("library-noop");
      const input = libraryInput();
      const entry = await createLibraryEntry(org.ctx.ADMIN, input);
      await updateLibraryEntry(org.ctx.ADMIN, { ...input, entryId: entry.id });
      expect((await libraryAuditEvents(org.id)).map((e) => e.action)).toEqual(["library-entry.created"]);
    });

    it("treats organization B's entry id as not found and leaves B's row unchanged", async () => {
      await expectBUnchanged(async () => {
        for (const role of MANAGERS) {
          await expectSafeError(updateLibraryEntry(A.ctx[role], { ...libraryInput({ title: "hijacked" }), entryId: bEntryId }), NotFoundError, "not-found");
          await expectSafeError(
            updateLibraryEntry(A.ctx[role], { ...libraryInput({ title: "hijacked" }), entryId: bRetiredEntryId }),
            NotFoundError,
            "not-found",
          );
        }
      });
      expect(await db().threatLibraryEntry.findUniqueOrThrow({ where: { id: bEntryId } })).toMatchObject({
        organizationId: B.id,
        title: `B's own entry ${B.slug}`,
      });
    });

    it.each(NON_MANAGERS)("refuses %s and changes nothing", async (role) => {
      const entry = await createLibraryEntry(A.ctx.OWNER, libraryInput());
      const before = await snapshotLibrary(A.id);
      await expectSafeError(updateLibraryEntry(A.ctx[role], { ...libraryInput({ title: "changed" }), entryId: entry.id }), ForbiddenError, "forbidden");
      expect(await snapshotLibrary(A.id)).toEqual(before);
    });

    it("refuses built-in entries with a clear message", async () => {
      const before = await snapshotLibrary(A.id);
      const error = await expectSafeError(
        updateLibraryEntry(A.ctx.OWNER, { ...libraryInput(), entryId: "builtin-spoofing-stolen-jwt" }),
        InvalidInputError,
        "invalid",
      );
      expect(error.message).toMatch(/Built-in library entries cannot be edited/);
      expect(await snapshotLibrary(A.id)).toEqual(before);
    });
  });

  describe("setLibraryEntryRetired", () => {
    it("retires softly and restores (the undo), each audited once", async () => {
      const org = await createOrg("library-retire");
      const entry = await createLibraryEntry(org.ctx.OWNER, libraryInput({ title: "Retire me" }));

      const retired = await setLibraryEntryRetired(org.ctx.ADMIN, { entryId: entry.id, retired: true });
      expect(retired.retiredAt).toBeInstanceOf(Date);
      expect((await listLibrary(org.ctx.VIEWER)).map((e) => e.id)).not.toContain(entry.id);
      expect((await listLibrary(org.ctx.OWNER, { includeRetired: true })).map((e) => e.id)).toContain(entry.id);
      // Soft: the row and its content stay.
      expect(await db().threatLibraryEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ title: "Retire me", retiredAt: retired.retiredAt });

      // A second click (or a race) finds it retired already: no second event.
      await setLibraryEntryRetired(org.ctx.ADMIN, { entryId: entry.id, retired: true });

      const restored = await setLibraryEntryRetired(org.ctx.SECURITY_LEAD, { entryId: entry.id, retired: false });
      expect(restored.retiredAt).toBeNull();
      expect((await listLibrary(org.ctx.VIEWER)).map((e) => e.id)).toContain(entry.id);

      const events = await libraryAuditEvents(org.id);
      expect(events.map((e) => [e.action, e.actorId])).toEqual([
        ["library-entry.created", org.ctx.OWNER.userId],
        ["library-entry.retired", org.ctx.ADMIN.userId],
        ["library-entry.restored", org.ctx.SECURITY_LEAD.userId],
      ]);
      expect(events.every((e) => e.targetId === entry.id)).toBe(true);
    });

    it("treats organization B's entry id as not found, retiring or restoring", async () => {
      await expectBUnchanged(async () => {
        await expectSafeError(setLibraryEntryRetired(A.ctx.OWNER, { entryId: bEntryId, retired: true }), NotFoundError, "not-found");
        await expectSafeError(setLibraryEntryRetired(A.ctx.SECURITY_LEAD, { entryId: bRetiredEntryId, retired: false }), NotFoundError, "not-found");
      });
      expect((await db().threatLibraryEntry.findUniqueOrThrow({ where: { id: bEntryId } })).retiredAt).toBeNull();
      expect((await db().threatLibraryEntry.findUniqueOrThrow({ where: { id: bRetiredEntryId } })).retiredAt).toBeInstanceOf(Date);
    });

    it.each(NON_MANAGERS)("refuses %s and changes nothing", async (role) => {
      const entry = await createLibraryEntry(A.ctx.ADMIN, libraryInput());
      const before = await snapshotLibrary(A.id);
      await expectSafeError(setLibraryEntryRetired(A.ctx[role], { entryId: entry.id, retired: true }), ForbiddenError, "forbidden");
      expect(await snapshotLibrary(A.id)).toEqual(before);
    });

    it("refuses built-in entries", async () => {
      const before = await snapshotLibrary(A.id);
      for (const retired of [true, false]) {
        await expectSafeError(setLibraryEntryRetired(A.ctx.OWNER, { entryId: "builtin-tampering-sql-injection", retired }), InvalidInputError, "invalid");
      }
      expect(await snapshotLibrary(A.id)).toEqual(before);
      expect((await listLibrary(A.ctx.VIEWER)).map((e) => e.id)).toContain("builtin-tampering-sql-injection");
    });
  });

  describe("saveThreatToLibrary", () => {
    it("copies a threat with its mitigations' titles, audited as a new entry", async () => {
      const org = await createOrg("library-save");
      const model = await createModelWithThreats(org);
      const entry = await saveThreatToLibrary(org.ctx.SECURITY_LEAD, { threatId: model.tamperingThreatId });
      expect(entry).toMatchObject({
        category: "TAMPERING",
        title: `${model.title}: token forgery`,
        description: "Weak signing key",
        likelihood: "LOW",
        impact: "CRITICAL",
        mitigation: "Rate limiting; Key rotation",
        builtIn: false,
        retiredAt: null,
      });
      const row = await db().threatLibraryEntry.findUniqueOrThrow({ where: { id: entry.id } });
      expect(row).toMatchObject({ organizationId: org.id, createdById: org.ctx.SECURITY_LEAD.userId });
      expect(await libraryAuditEvents(org.id)).toEqual([
        {
          action: "library-entry.created",
          actorId: org.ctx.SECURITY_LEAD.userId,
          targetType: "threat-library-entry",
          targetId: entry.id,
          summary: { title: entry.title, category: "TAMPERING", fromThreatId: model.tamperingThreatId, fromThreatModelId: model.modelId },
        },
      ]);
      // The threat itself is untouched, and the copy is now in the library.
      expect((await listLibrary(org.ctx.VIEWER, { category: "TAMPERING" })).map((e) => e.id)).toContain(entry.id);
    });

    it("copies a threat with one mitigation, and one without any", async () => {
      const org = await createOrg("library-save-one");
      const model = await createModelWithThreats(org);
      expect((await saveThreatToLibrary(org.ctx.OWNER, { threatId: model.spoofingThreatId })).mitigation).toBe("Rate limiting");
      await db().threatMitigation.deleteMany({ where: { threatId: model.spoofingThreatId } });
      expect((await saveThreatToLibrary(org.ctx.OWNER, { threatId: model.spoofingThreatId })).mitigation).toBe("");
    });

    it("refuses organization B's threat as not found and changes nothing in B", async () => {
      const aBefore = await snapshotLibrary(A.id);
      await expectBUnchanged(async () => {
        for (const role of MANAGERS) await expectSafeError(saveThreatToLibrary(A.ctx[role], { threatId: bThreatId }), NotFoundError, "not-found");
      });
      expect(await snapshotLibrary(A.id)).toEqual(aBefore);
    });

    it.each(NON_MANAGERS)("refuses %s and writes nothing", async (role) => {
      const model = await createModelWithThreats(A, `a-model-${role.toLowerCase()}`);
      const before = await snapshotLibrary(A.id);
      await expectSafeError(saveThreatToLibrary(A.ctx[role], { threatId: model.spoofingThreatId }), ForbiddenError, "forbidden");
      expect(await snapshotLibrary(A.id)).toEqual(before);
    });
  });
});
