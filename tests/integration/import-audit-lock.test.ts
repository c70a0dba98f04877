// An import reads and checks its file before it touches the database, and writes every model
// before it appends its audit events: the organization's audit lock (which every change in the
// organization waits for) is taken only for those final writes.
import { describe, expect, it } from "vitest";
import { commitImport, ImportRefusedError } from "@/lib/data/imports";
import { db } from "@/lib/db/client";
import { exportModelsJson } from "@/lib/domain/exchange/json";
import { emptyDocument } from "@/lib/domain/model-document";
import { VERTEX_HEAVY_FILES } from "@/tests/helpers/vertex-heavy-threat-dragon";
import { createOrg } from "./helpers";

/** Holds the organization's audit lock from another connection until `release` is called. */
async function holdAuditLock(organizationId: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const held = new Promise<void>((resolve) => (taken = resolve));
  const holder = db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${organizationId}`}, 0))`;
      taken();
      await released;
    },
    { timeout: 60_000 },
  );
  await held;
  return { release: async () => (release(), await holder) };
}

/** Resolves once some connection waits for an advisory lock. */
async function someoneWaitsForTheLock() {
  for (let i = 0; i < 200; i++) {
    const [row] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
    if (row!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no import waited for the audit lock");
}

describe("importing and the organization's audit lock", () => {
  it("a file is read and refused while another change holds the lock: reading takes none", async () => {
    const org = await createOrg("import-lock-read");
    const lock = await holdAuditLock(org.id);
    try {
      const heavy = VERTEX_HEAVY_FILES[0]!.text();
      const started = performance.now();
      const error = await commitImport(org.ctx.CONTRIBUTOR, { fileName: "geometry.json", content: heavy }).catch((e: unknown) => e);
      console.log(`[import] 5 MB Threat Dragon file of bend points refused in ${Math.round(performance.now() - started)} ms, the audit lock held elsewhere`);
      expect(error).toBeInstanceOf(ImportRefusedError);
      expect((error as ImportRefusedError).message).toBe(
        "This Threat Dragon file's diagrams are too large to read: simplify them or split the model into several files.",
      );
    } finally {
      await lock.release();
    }
    expect(await db().threatModel.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("every model is written before the import waits for the lock", async () => {
    const org = await createOrg("import-lock-write");
    const second = org.users.TECH_LEAD;
    // Only the second model refers to this member (as its owner): while its row is written, the
    // import's transaction holds a key-share lock on the member's user row.
    const file = exportModelsJson([
      { document: emptyDocument("First of two"), ownerEmail: null, mitigationOwnerEmails: [] },
      { document: emptyDocument("Second of two"), ownerEmail: second.email, mitigationOwnerEmails: [] },
    ]);
    const lock = await holdAuditLock(org.id);
    let importing: Promise<unknown> | undefined;
    try {
      importing = commitImport(org.ctx.CONTRIBUTOR, { fileName: "two.json", content: file });
      await someoneWaitsForTheLock();
      // Locking the user row for update fails at once when the waiting import has written the second model.
      const probe = await db()
        .$transaction((tx) => tx.$queryRaw`SELECT id FROM "User" WHERE id = ${second.id} FOR UPDATE NOWAIT`)
        .then(
          () => "not written yet",
          (error: unknown) => (String(error).includes("could not obtain lock") || String(error).includes("55P03") ? "written" : String(error)),
        );
      expect(probe).toBe("written");
    } finally {
      await lock.release();
    }
    const outcome = (await importing) as { models: { title: string }[] };
    expect(outcome.models.map((m) => m.title)).toEqual(["First of two", "Second of two"]);
    const models = await db().threatModel.findMany({ where: { organizationId: org.id }, select: { title: true, ownerId: true }, orderBy: { title: "asc" } });
    expect(models).toEqual([
      { title: "First of two", ownerId: org.users.CONTRIBUTOR.id },
      { title: "Second of two", ownerId: second.id },
    ]);
    const events = await db().auditEvent.findMany({
      where: { organizationId: org.id, action: "threat-model.imported" },
      orderBy: { seq: "asc" },
      select: { summary: true },
    });
    expect(events.map((e) => (e.summary as { title: string }).title)).toEqual(["First of two", "Second of two"]);
  });
});
