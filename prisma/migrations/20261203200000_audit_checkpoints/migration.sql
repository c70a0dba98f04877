-- Signed checkpoints of the audit chains: each records one chain's head (its last sequence number
-- and that event's hash) under an Ed25519 signature made with a key the database never holds.
-- A chain shorter than its latest checkpoint, or with another hash at that position, was cut
-- or rewritten. No foreign key to the organization: a checkpoint outlives whatever it vouches for.
CREATE TABLE "AuditCheckpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT,
    "seq" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AuditCheckpoint_organizationId_createdAt_idx" ON "AuditCheckpoint"("organizationId", "createdAt");

-- The request id a client sent, kept beside (never instead of) the server's own.
ALTER TABLE "AuditEvent" ADD COLUMN "clientRequestId" TEXT;

-- The append-only tables, each refusing UPDATE, DELETE and TRUNCATE with its own name in the
-- message: AuditEvent (20261122000100_audit_append_only) and AuditCheckpoint (here).
-- The body is a plain escaped string, as there: octal 073 is the semicolon PL/pgSQL needs.
CREATE FUNCTION append_only_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS
E'BEGIN RAISE EXCEPTION ''% is append-only: % is not allowed'', TG_TABLE_NAME, TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER audit_checkpoint_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();

CREATE TRIGGER audit_checkpoint_no_truncate
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();
