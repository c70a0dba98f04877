import "server-only";
import { installationSigningKey } from "@/lib/audit-signing-key";
import { db } from "@/lib/db/client";
import { writeCheckpointFile, type FileCheckpoint } from "@/lib/domain/audit-checkpoint";
import { NoSigningKeyError, recordAuditCheckpoints } from "./record-audit-checkpoints";

/** The installation's chain in files and reports, as `tm audit verify` names it. */
const INSTALLATION = "installation";

/**
 * `tm audit checkpoint`: signs a checkpoint of every chain that moved (as the hourly job does)
 * and returns the signed file of every chain's latest checkpoint, to keep where the database's
 * administrators cannot write. A chain withheld from a new checkpoint (it lost events) is in the
 * file with its last good one, and named in `withheld`.
 */
export async function operatorExportAuditCheckpoints(now = new Date()) {
  const key = installationSigningKey();
  if (!key) throw new NoSigningKeyError();
  const { checkpoints, withheld } = await recordAuditCheckpoints(now);
  const ids = [...checkpoints, ...withheld].flatMap((c) => (c.organizationId ? [c.organizationId] : []));
  const slugs = new Map((await db().organization.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } })).map((o) => [o.id, o.slug]));
  const label = (organizationId: string | null) => (organizationId === null ? INSTALLATION : (slugs.get(organizationId) ?? organizationId));
  const entries: FileCheckpoint[] = [...checkpoints, ...withheld]
    .map((c) => ({ chain: label(c.organizationId), ...c.checkpoint }))
    .sort((a, b) => (a.organizationId === null ? -1 : b.organizationId === null ? 1 : a.chain.localeCompare(b.chain)));
  const createdAt = new Date(Math.floor(now.getTime()));
  return {
    body: writeCheckpointFile(key.privateKey, createdAt, entries),
    createdAt,
    fingerprint: key.fingerprint,
    chains: entries.length,
    created: checkpoints.filter((c) => c.created).length,
    withheld: withheld.map((w) => ({ chain: label(w.organizationId), problem: w.problem })),
  };
}
