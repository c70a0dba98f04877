import "server-only";
import type { KeyObject } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkpointSignatureValid, compareWithCheckpoint, type ChainState, type SeqRange, type SignedCheckpoint } from "@/lib/domain/audit-checkpoint";

// What the checkpoint use cases share: each chain's head, the latest checkpoint of a chain, and
// what the database still holds of a chain up to a checkpoint's seq.

/** The chains that hold events, each with its head: the installation's (null) and every organization's. */
export async function chainHeads(): Promise<{ organizationId: string | null; seq: number; hash: string }[]> {
  // DISTINCT ON walks the (organizationId, seq) unique index once per chain.
  return db().$queryRaw`
    SELECT DISTINCT ON ("organizationId") "organizationId", seq, hash
    FROM "AuditEvent" ORDER BY "organizationId", seq DESC`;
}

const CHECKPOINT_FIELDS = { organizationId: true, seq: true, headHash: true, createdAt: true, keyId: true, signature: true } as const;

/**
 * The chain's checkpoint with the highest seq, or with `publicKey` the highest one that key
 * signed (a row the database holds but the key never signed vouches for nothing).
 */
export async function latestCheckpoint(organizationId: string | null, publicKey?: KeyObject): Promise<SignedCheckpoint | null> {
  const rows = await db().auditCheckpoint.findMany({
    where: { organizationId },
    orderBy: [{ seq: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: publicKey ? 20 : 1,
    select: CHECKPOINT_FIELDS,
  });
  if (!publicKey) return rows[0] ?? null;
  return rows.find((row) => checkpointSignatureValid(publicKey, row)) ?? null;
}

/** At most this many runs of missing events are named (the count is always exact). */
const MISSING_RANGES_SHOWN = 50;

/** What the chain holds up to `seq`: its last seq, the hash at `seq`, and the runs of missing seqs. */
export async function chainStateUpTo(organizationId: string | null, seq: number): Promise<ChainState> {
  // IS NULL and = both use the (organizationId, seq) index; IS NOT DISTINCT FROM would not.
  const inChain = (alias: string) =>
    organizationId === null ? Prisma.sql`${Prisma.raw(alias)}."organizationId" IS NULL` : Prisma.sql`${Prisma.raw(alias)}."organizationId" = ${organizationId}`;
  const [head] = await db().$queryRaw<{ lastSeq: number | null; held: number; hashAt: string | null }[]>`
    SELECT
      (SELECT max(seq) FROM "AuditEvent" e WHERE ${inChain("e")}) AS "lastSeq",
      (SELECT count(DISTINCT seq)::int FROM "AuditEvent" e WHERE ${inChain("e")} AND seq BETWEEN 1 AND ${seq}::int) AS held,
      (SELECT hash FROM "AuditEvent" e WHERE ${inChain("e")} AND seq = ${seq}::int ORDER BY id LIMIT 1) AS "hashAt"`;
  const lastSeq = head?.lastSeq ?? 0;
  const held = head?.held ?? 0;
  let missing: SeqRange[] = [];
  // Only a chain that lacks some event up to the checkpoint is searched for which ones.
  if (held < seq) {
    missing = await db().$queryRaw<SeqRange[]>`
      WITH missing AS (
        SELECT s.seq FROM generate_series(1, ${seq}::int) AS s(seq)
        WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE ${inChain("e")} AND e.seq = s.seq)
      )
      SELECT min(seq)::int AS "from", max(seq)::int AS "to"
      FROM (SELECT seq, seq - row_number() OVER (ORDER BY seq) AS run FROM missing) runs
      GROUP BY run ORDER BY 1 LIMIT ${MISSING_RANGES_SHOWN}`;
  }
  return { lastSeq, hashAtCheckpoint: head?.hashAt ?? null, missingCount: seq - held, missing };
}

/** The chain compared with a checkpoint of it. */
export async function compareChainWith(checkpoint: SignedCheckpoint) {
  return compareWithCheckpoint(checkpoint, await chainStateUpTo(checkpoint.organizationId, checkpoint.seq));
}
