import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { APPEND_ONLY_TABLES, databaseRoleWarnings, type DatabaseRoleFacts } from "@/lib/domain/database-role";
import { log } from "@/lib/log";

/**
 * Asks PostgreSQL what the connected role may do, and logs one `database.role-unsafe` line when
 * it could undo the audit trail's protection (a superuser, the owner of its tables…). Run once at
 * server start; returns the warnings it logged.
 */
export async function checkDatabaseRole(client: PrismaClient = db()): Promise<string[]> {
  const [facts] = await client.$queryRaw<DatabaseRoleFacts[]>`
    SELECT current_user::text AS role, r.rolsuper AS superuser, r.rolcreaterole AS "createRole",
      coalesce((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
                WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind IN ('r', 'p')
                  AND pg_has_role(current_user, c.relowner, 'USAGE')), '{}') AS "ownedTables",
      has_schema_privilege(current_schema(), 'CREATE') AS "mayCreateInSchema",
      coalesce((SELECT array_agg(t ORDER BY t) FROM unnest(${[...APPEND_ONLY_TABLES]}::text[]) t
                WHERE to_regclass(quote_ident(t)) IS NOT NULL
                  AND (has_table_privilege(to_regclass(quote_ident(t)), 'UPDATE') OR has_table_privilege(to_regclass(quote_ident(t)), 'DELETE')
                       OR has_table_privilege(to_regclass(quote_ident(t)), 'TRUNCATE'))), '{}') AS "rewritableAppendOnly"
    FROM pg_roles r WHERE r.rolname = current_user`;
  const warnings = facts ? databaseRoleWarnings(facts) : [];
  if (warnings.length) {
    log.warn("database.role-unsafe", {
      role: facts!.role,
      warnings,
      advice: "connect the app as a role that owns nothing, with only the grants in README (Database roles); run migrations with MIGRATION_DATABASE_URL",
    });
  }
  return warnings;
}
