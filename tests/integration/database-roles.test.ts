// The application's own database role: it reads and writes the product's rows, adds to the audit
// trail and reads it, and nothing more. Every query here runs as that role (DATABASE_URL), as the
// whole integration suite does.
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { APPEND_ONLY_TABLES } from "@/lib/domain/database-role";
import { checkDatabaseRole } from "@/lib/data/database-role";
import { APP_ROLE, grantAppRole } from "@/scripts/db-roles";
import { attemptRolledBack, createOrg, ownerDb } from "./helpers";

const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"] as const;

describe("the application's database role", () => {
  it("is not a superuser, cannot create roles or databases, owns no table and may not create one", async () => {
    const [role] = await db().$queryRaw<
      { superuser: boolean; createRole: boolean; createDb: boolean; bypassRls: boolean; owned: number; mayCreate: boolean }[]
    >`
      SELECT r.rolsuper AS superuser, r.rolcreaterole AS "createRole", r.rolcreatedb AS "createDb", r.rolbypassrls AS "bypassRls",
             (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned,
             has_schema_privilege('public', 'CREATE') AS "mayCreate"
      FROM pg_roles r WHERE r.rolname = current_user`;
    expect(role).toEqual({ superuser: false, createRole: false, createDb: false, bypassRls: false, owned: 0, mayCreate: false });
    expect(String(await attemptRolledBack(`CREATE TABLE "Scratch" (id int)`))).toMatch(/permission denied for schema public/);
  });

  it("cannot switch off the audit trail's triggers: ALTER TABLE … DISABLE TRIGGER and session_replication_role are refused", async () => {
    for (const sql of [
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_update_or_delete`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_truncate`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      `DROP TRIGGER audit_event_no_update_or_delete ON "AuditEvent"`,
    ]) {
      expect(String(await attemptRolledBack(sql)), sql).toMatch(/must be owner of (table|relation) "?AuditEvent"?/);
    }
    for (const sql of [`SET LOCAL session_replication_role = replica`, `SET session_replication_role = replica`]) {
      expect(String(await attemptRolledBack(sql)), sql).toMatch(/permission denied to set parameter "session_replication_role"/);
    }
    const triggers = await db().$queryRaw<{ name: string; enabled: string }[]>`
      SELECT tgname::text AS name, tgenabled::text AS enabled FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal ORDER BY tgname`;
    expect(triggers).toEqual([
      { name: "audit_event_no_truncate", enabled: "O" },
      { name: "audit_event_no_update_or_delete", enabled: "O" },
    ]);
  });

  it("is refused UPDATE, DELETE and TRUNCATE on AuditEvent by privilege, before any trigger runs", async () => {
    const org = await createOrg("app-role-audit");
    const before = await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } });
    const target = before[0]!;
    for (const sql of [
      `UPDATE "AuditEvent" SET "actorLabel" = 'mallory' WHERE id = $1`,
      `DELETE FROM "AuditEvent" WHERE id = $1`,
      `SELECT id FROM "AuditEvent" WHERE id = $1 FOR UPDATE`,
    ]) {
      expect(String(await attemptRolledBack(sql, target.id)), sql).toMatch(/permission denied for table "?AuditEvent"?/);
    }
    expect(String(await attemptRolledBack(`TRUNCATE "AuditEvent"`))).toMatch(/permission denied for table "?AuditEvent"?/);
    expect(await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } })).toEqual(before);
  });

  it("holds exactly the privileges the application needs on every table: add and read only on the append-only ones", async () => {
    const tables = await db().$queryRaw<{ name: string }[]>`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
    expect(tables.length).toBeGreaterThan(20);
    const held: Record<string, string[]> = {};
    for (const { name } of tables) {
      const [row] = await db().$queryRawUnsafe<Record<string, boolean>[]>(
        `SELECT ${TABLE_PRIVILEGES.map((p) => `has_table_privilege(current_user, $1::regclass, '${p}') AS "${p}"`).join(", ")}`,
        `"${name}"`,
      );
      held[name] = TABLE_PRIVILEGES.filter((p) => row![p]);
    }
    const expected = Object.fromEntries(
      tables.map(({ name }) => [
        name,
        name === "_prisma_migrations"
          ? []
          : (APPEND_ONLY_TABLES as readonly string[]).includes(name)
            ? ["SELECT", "INSERT"]
            : ["SELECT", "INSERT", "UPDATE", "DELETE"],
      ]),
    );
    expect(held).toEqual(expected);
  });

  it("is covered for tables later migrations add, by the grant step that runs after them", async () => {
    // A table the owner adds, as a migration would: the application has no access until the grant step runs.
    await ownerDb().$executeRawUnsafe(`CREATE TABLE "LaterTable" (id text PRIMARY KEY)`);
    try {
      expect(String(await attemptRolledBack(`INSERT INTO "LaterTable" (id) VALUES ('a')`))).toMatch(/permission denied for table "?LaterTable"?/);
      await grantAppRole(inject("ownerDatabaseUrl"), APP_ROLE);
      await db().$executeRawUnsafe(`INSERT INTO "LaterTable" (id) VALUES ('a')`);
      await db().$executeRawUnsafe(`UPDATE "LaterTable" SET id = 'b'`);
      expect(await db().$queryRawUnsafe(`SELECT id FROM "LaterTable"`)).toEqual([{ id: "b" }]);
      await db().$executeRawUnsafe(`DELETE FROM "LaterTable"`);
      // Run again, the step changes nothing: the audit table stays add-and-read only.
      expect(String(await attemptRolledBack(`DELETE FROM "AuditEvent"`))).toMatch(/permission denied for table "?AuditEvent"?/);
    } finally {
      await ownerDb().$executeRawUnsafe(`DROP TABLE "LaterTable"`);
    }
  });

  it("passes the server's start-up check, which names the owner's role as unsafe", async () => {
    await expect(checkDatabaseRole()).resolves.toEqual([]);
    expect(await checkDatabaseRole(ownerDb())).toEqual([
      expect.stringMatching(/^"threatdesk_owner" owns \d+ tables, AuditEvent and AuditCheckpoint among them: it can disable their triggers/),
      `"threatdesk_owner" may create tables in the schema`,
    ]);
  });
});
