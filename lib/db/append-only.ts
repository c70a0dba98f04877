// The tables the database itself keeps append-only: triggers refuse UPDATE, DELETE and TRUNCATE
// on each (prisma/migrations/20261122000100_audit_append_only, 20261203200000_audit_checkpoints),
// and the application's role needs no more than INSERT and SELECT on them. A table added here
// gets the same triggers in its migration; tests/integration/audit-checkpoints.test.ts checks.
export const APPEND_ONLY_TABLES = ["AuditEvent", "AuditCheckpoint"] as const;
