import "server-only";
import { installationSigningKey } from "@/lib/audit-signing-key";
import { db } from "@/lib/db/client";
import { SafeError } from "@/lib/errors";
import { describeCheckpointProblem, signCheckpoint, type SignedCheckpoint } from "@/lib/domain/audit-checkpoint";
import { chainHeads, compareChainWith, latestCheckpoint } from "./chain-state";

export type RecordedCheckpoint = {
  organizationId: string | null;
  checkpoint: SignedCheckpoint;
  /** False when the chain had not moved since its latest checkpoint, which stands. */
  created: boolean;
};

/**
 * A chain left without a new checkpoint because it no longer holds what its latest one vouched
 * for: that checkpoint stays the record of it.
 */
export type WithheldCheckpoint = { organizationId: string | null; checkpoint: SignedCheckpoint; problem: string };

export class NoSigningKeyError extends SafeError {
  constructor() {
    super("No audit signing key is configured: set AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE (see .env.example).", "bad-request");
  }
}

/**
 * Signs a checkpoint of every chain whose head moved since its latest checkpoint (the periodic
 * job, and `tm audit checkpoint`). Reads committed heads only, so it takes no lock and never
 * waits for an append. A chain that no longer matches its latest checkpoint (events removed or
 * rewritten) gets none: signing what is left would make the removal look like the record.
 */
export async function recordAuditCheckpoints(now = new Date()): Promise<{ checkpoints: RecordedCheckpoint[]; withheld: WithheldCheckpoint[] }> {
  const key = installationSigningKey();
  if (!key) throw new NoSigningKeyError();
  const checkpoints: RecordedCheckpoint[] = [];
  const withheld: WithheldCheckpoint[] = [];
  const fresh: SignedCheckpoint[] = [];
  const heads = new Map((await chainHeads()).map((head) => [head.organizationId, head]));
  // A chain with checkpoints but no events left is one whose every event was removed.
  const checkpointed = await db().auditCheckpoint.findMany({ distinct: ["organizationId"], select: { organizationId: true } });
  const chains = [...new Set([...heads.keys(), ...checkpointed.map((c) => c.organizationId)])];
  for (const organizationId of chains) {
    const latest = await latestCheckpoint(organizationId, key.publicKey);
    const head = heads.get(organizationId);
    if (latest) {
      const comparison = await compareChainWith(latest);
      if (!comparison.ok || !head) {
        withheld.push({ organizationId, checkpoint: latest, problem: describeCheckpointProblem(latest, comparison) ?? "the chain has no events" });
        continue;
      }
      if (latest.seq === head.seq && latest.headHash === head.hash) {
        checkpoints.push({ organizationId, checkpoint: latest, created: false });
        continue;
      }
    }
    if (!head) continue;
    const checkpoint = signCheckpoint(key.privateKey, {
      organizationId: head.organizationId,
      seq: head.seq,
      headHash: head.hash,
      // Millisecond precision, as stored, so the signature can be checked against the row.
      createdAt: new Date(Math.floor(now.getTime())),
      keyId: key.keyId,
    });
    fresh.push(checkpoint);
    checkpoints.push({ organizationId, checkpoint, created: true });
  }
  if (fresh.length) await db().auditCheckpoint.createMany({ data: fresh });
  return { checkpoints, withheld };
}
