import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { installationSigningKey } from "@/lib/audit-signing-key";
import { checkpointSignatureValid, describeCheckpointProblem, type CheckpointComparison, type SignedCheckpoint } from "@/lib/domain/audit-checkpoint";
import { compareChainWith, latestCheckpoint } from "./chain-state";

export type CheckpointStanding =
  /** The installation has no signing key: no checkpoints are written or checked. */
  | { state: "no-key" }
  /** No checkpoint of this chain yet (the hourly job writes the first). */
  | { state: "none"; unsigned: boolean }
  | { state: "matches"; checkpoint: SignedCheckpoint; unsigned: boolean }
  | { state: "mismatch"; checkpoint: SignedCheckpoint; comparison: Exclude<CheckpointComparison, { ok: true }>; problem: string; unsigned: boolean };

/**
 * The audit page's second check: the organization's chain against its latest signed checkpoint,
 * naming the events missing since (or the one that differs). `unsigned` is true when the
 * database holds a newer checkpoint row the installation's key never signed.
 */
export async function getCheckpointStanding(ctx: OrgContext): Promise<CheckpointStanding> {
  requirePermission(ctx, "audit.read");
  const key = installationSigningKey();
  if (!key) return { state: "no-key" };
  const [newest, signed] = await Promise.all([latestCheckpoint(ctx.organizationId), latestCheckpoint(ctx.organizationId, key.publicKey)]);
  const unsigned = newest !== null && !checkpointSignatureValid(key.publicKey, newest);
  if (!signed) return { state: "none", unsigned };
  const comparison = await compareChainWith(signed);
  if (comparison.ok) return { state: "matches", checkpoint: signed, unsigned };
  return { state: "mismatch", checkpoint: signed, comparison, problem: describeCheckpointProblem(signed, comparison)!, unsigned };
}
