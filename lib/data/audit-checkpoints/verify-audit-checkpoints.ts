import "server-only";
import type { KeyObject } from "node:crypto";
import { installationSigningKey } from "@/lib/audit-signing-key";
import { db } from "@/lib/db/client";
import {
  SigningKeyError,
  describeCheckpointProblem,
  parsePublicKey,
  readCheckpointFile,
  type CheckpointComparison,
  type FileCheckpoint,
} from "@/lib/domain/audit-checkpoint";
import { describeChainVerdict, type ChainVerdict } from "@/lib/domain/audit-chain";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { verifyAuditChain } from "../audit";
import { compareChainWith } from "./chain-state";

export type CheckpointedChainReport = {
  chain: string;
  organizationId: string | null;
  verdict: ChainVerdict;
  checkpoint: FileCheckpoint | null;
  comparison: CheckpointComparison | null;
  lines: string[];
};

/** The key checkpoints are checked with: the one given (an auditor's copy), else the installation's own. */
function verifyingKey(publicKeyPem: string | undefined): KeyObject {
  if (publicKeyPem !== undefined) {
    try {
      return parsePublicKey(publicKeyPem);
    } catch (error) {
      if (error instanceof SigningKeyError) throw new InvalidInputError(`The public key ${error.message}.`);
      throw error;
    }
  }
  const key = installationSigningKey();
  if (!key) throw new InvalidInputError("No key to check the checkpoints with: give the public key with --public-key (tm audit public-key prints it).");
  return key.publicKey;
}

/**
 * `tm audit verify --against FILE`: every chain's hash chain, and every chain the file has a
 * checkpoint of compared with it, so removed events (the newest, or a whole organization's) and
 * a chain rewritten and re-hashed with the secret show, each named. The file is refused unless
 * it and each of its checkpoints verify with the key; only the public key is needed. Reading
 * only. Exit code 1 when any chain is broken or does not match its checkpoint.
 */
export async function operatorVerifyAgainstCheckpoints(input: { content: string; publicKeyPem?: string; slug?: string }) {
  const publicKey = verifyingKey(input.publicKeyPem);
  const read = readCheckpointFile(input.content, publicKey);
  if (!read.ok) throw new InvalidInputError(`The checkpoint file is refused: ${read.error}.`);
  const { file } = read;

  const organizations = await db().organization.findMany({
    where: input.slug ? { slug: input.slug } : {},
    orderBy: { slug: "asc" },
    select: { id: true, slug: true },
  });
  const inFile = new Map(file.checkpoints.map((c) => [c.organizationId, c]));
  type Target = { chain: string; organizationId: string | null; checkpoint: FileCheckpoint | null };
  let targets: Target[];
  if (input.slug) {
    // The organization by its slug, or the file's checkpoint of it when it is gone from the database.
    const organization = organizations[0];
    const checkpoint = organization ? (inFile.get(organization.id) ?? null) : (file.checkpoints.find((c) => c.chain === input.slug) ?? null);
    if (!organization && !checkpoint) throw new NotFoundError(`The organization "${input.slug}"`);
    targets = [{ chain: input.slug, organizationId: organization?.id ?? checkpoint!.organizationId, checkpoint }];
  } else {
    const present = new Set(organizations.map((o) => o.id));
    targets = [
      { chain: "installation", organizationId: null, checkpoint: inFile.get(null) ?? null },
      ...organizations.map((o) => ({ chain: o.slug, organizationId: o.id, checkpoint: inFile.get(o.id) ?? null })),
      ...file.checkpoints
        .filter((c) => c.organizationId !== null && !present.has(c.organizationId))
        .map((c) => ({ chain: c.chain, organizationId: c.organizationId, checkpoint: c })),
    ];
  }

  const present = new Set(organizations.map((o) => o.id));
  const chains: CheckpointedChainReport[] = [];
  for (const target of targets) {
    const gone = target.organizationId !== null && !present.has(target.organizationId);
    const chain = gone ? `${target.chain} (organization ${target.organizationId}, no longer in the database)` : target.chain;
    const verdict = await verifyAuditChain(target.organizationId);
    const comparison = target.checkpoint ? await compareChainWith(target.checkpoint) : null;
    const lines: string[] = [];
    if (comparison && !comparison.ok) {
      lines.push(`${chain}: BROKEN against the checkpoint: ${describeCheckpointProblem(target.checkpoint!, comparison)}`);
      if (!verdict.ok) lines.push(describeChainVerdict(chain, verdict));
    } else {
      const against = target.checkpoint
        ? `; matches the checkpoint of ${target.checkpoint.createdAt.toISOString()} (event #${target.checkpoint.seq})`
        : "; no checkpoint of it in the file";
      lines.push(`${describeChainVerdict(chain, verdict)}${verdict.ok ? against : ""}`);
    }
    chains.push({ ...target, chain, verdict, comparison, lines });
  }
  const ok = chains.every((c) => c.verdict.ok && (c.comparison?.ok ?? true));
  return {
    ok,
    exitCode: ok ? (0 as const) : (1 as const),
    file: { createdAt: file.createdAt, fingerprint: file.publicKeyFingerprint },
    chains,
    lines: chains.flatMap((c) => c.lines),
  };
}
