// The two database roles: migrations run as the owner of the schema, the application connects as
// a role that owns nothing and holds only the grants below. The grant step runs after every
// `migrate deploy` (npm start, npm run db:migrate, the test harness), so tables added by later
// migrations are covered; `npm run db:grant` runs it alone.
import pg from "pg";
import { APPEND_ONLY_TABLES } from "../lib/domain/database-role";
import { runPrisma } from "./run-prisma";

/** Owns the schema and runs migrations (MIGRATION_DATABASE_URL). */
export const OWNER_ROLE = "threatdesk_owner";
/** What the running application connects as (DATABASE_URL). */
export const APP_ROLE = "threatdesk_app";
/** Prisma's record of applied migrations: the application never reads or writes it. */
const MIGRATIONS_TABLE = "_prisma_migrations";

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The role a connection string signs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Exactly the privileges the application needs, from scratch each time (run in one transaction):
 * read and write every table, add to and read the append-only ones, nothing on the migrations'
 * own table, no DDL. README.md ("Database roles") lists the same statements for operators.
 */
export function appRoleGrants(database: string, appRole: string): string[] {
  const app = quoteIdent(appRole);
  return [
    `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${app}`,
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    // PostgreSQL 14 and older let every role create tables in public.
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC, ${app}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `REVOKE ALL ON TABLE ${quoteIdent(MIGRATIONS_TABLE)} FROM ${app}`,
    ...APPEND_ONLY_TABLES.map((table) => `REVOKE UPDATE, DELETE ON TABLE ${quoteIdent(table)} FROM ${app}`),
  ];
}

/**
 * Grants the application's role its privileges on the database `ownerUrl` points to, as the
 * owner, in one transaction: a running application sees the old grants or the new, never none.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ database: string }>("SELECT current_database() AS database");
    await client.query("BEGIN");
    for (const statement of appRoleGrants(rows[0]!.database, appRole)) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations as the role of `migrationUrl`, then grants the application's role
 * (the role of `appUrl`) its privileges. Returns false, granting nothing, when both are the same
 * role: it then owns the tables, which the server warns about at start.
 */
export async function migrateDatabase(migrationUrl: string, appUrl: string): Promise<boolean> {
  runPrisma(["migrate", "deploy"], migrationUrl, { quiet: true });
  const appRole = roleOf(appUrl);
  if (appRole === roleOf(migrationUrl)) return false;
  await grantAppRole(migrationUrl, appRole);
  return true;
}
