// The database role the running application connects as. It reads and writes the product's rows
// and nothing more: the tables belong to the migration role, so the application (or whoever takes
// it over) cannot switch the audit trail's triggers off or rewrite history.

/**
 * Tables whose rows are never changed or removed once written. The application's role may only
 * add and read them (scripts/db-roles.ts grants from this list); their triggers refuse UPDATE,
 * DELETE and TRUNCATE even to the owner (prisma/migrations/20261122000100_audit_append_only,
 * 20261203200000_audit_checkpoints). A table added here gets the same triggers in its migration;
 * tests/integration/audit-checkpoints.test.ts checks.
 */
export const APPEND_ONLY_TABLES = ["AuditEvent", "AuditCheckpoint"] as const;

/** What PostgreSQL says about the role the application is connected as. */
export type DatabaseRoleFacts = {
  role: string;
  superuser: boolean;
  createRole: boolean;
  /** Tables of the schema that the role owns, itself or through a role it belongs to. */
  ownedTables: string[];
  mayCreateInSchema: boolean;
  /** Append-only tables the role may UPDATE, DELETE or TRUNCATE (only their triggers refuse it). */
  rewritableAppendOnly: string[];
};

/** Each way the application's role could undo the audit trail's protection, one sentence each (empty: none). */
export function databaseRoleWarnings(facts: DatabaseRoleFacts): string[] {
  const warnings: string[] = [];
  if (facts.superuser) warnings.push(`"${facts.role}" is a superuser: it can switch the audit trail's triggers off (session_replication_role)`);
  const ownedAppendOnly = APPEND_ONLY_TABLES.filter((t) => facts.ownedTables.includes(t));
  if (!facts.superuser && facts.ownedTables.length > 0) {
    const among = ownedAppendOnly.length ? `, ${ownedAppendOnly.join(" and ")} among them` : "";
    const tables = facts.ownedTables.length === 1 ? "1 table" : `${facts.ownedTables.length} tables`;
    warnings.push(`"${facts.role}" owns ${tables}${among}: it can disable their triggers (ALTER TABLE … DISABLE TRIGGER) and alter them`);
  }
  if (!facts.superuser && facts.createRole) warnings.push(`"${facts.role}" may create roles`);
  if (!facts.superuser && facts.mayCreateInSchema) warnings.push(`"${facts.role}" may create tables in the schema`);
  const rewritable = facts.rewritableAppendOnly.filter((t) => !facts.superuser && !facts.ownedTables.includes(t));
  if (rewritable.length) warnings.push(`"${facts.role}" holds UPDATE, DELETE or TRUNCATE on ${rewritable.join(" and ")}: only the triggers refuse it`);
  return warnings;
}
