// Signed checkpoints of the audit chains. The hash chain shows an event changed or removed in the
// middle, but not the newest events removed (or a whole chain): what is left still links up. A
// checkpoint records a chain's head (its last seq and that event's hash) under an Ed25519
// signature whose private key the database never holds; the chain must reach that seq with that
// hash. Checking needs only the public key, so whoever verifies cannot forge a checkpoint.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "./audit-chain";

export type SignedCheckpoint = {
  /** Null: the installation's chain. */
  organizationId: string | null;
  seq: number;
  headHash: string;
  createdAt: Date;
  keyId: string;
  signature: string;
};

export type CheckpointFields = Omit<SignedCheckpoint, "signature">;

const CHECKPOINT_KIND = "threatdesk-audit-checkpoint";
export const CHECKPOINT_FILE_FORMAT = "threatdesk-audit-checkpoints";

/** Why a key is refused, in words an operator can act on. */
export class SigningKeyError extends Error {}

/**
 * The Ed25519 private key from its text: PEM ("-----BEGIN PRIVATE KEY-----"), or the base64 of
 * the PKCS#8 DER (one line, for environments that mangle newlines).
 */
export function parseSigningKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const trimmed = text.trim().replaceAll("\\n", "\n");
    key = trimmed.startsWith("-----")
      ? createPrivateKey(trimmed)
      : createPrivateKey({ key: Buffer.from(trimmed.replace(/\s+/g, ""), "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new SigningKeyError("is not a private key in PEM or base64 PKCS#8 (generate one with: openssl genpkey -algorithm ed25519)");
  }
  if (key.asymmetricKeyType !== "ed25519") throw new SigningKeyError(`is a ${key.asymmetricKeyType ?? "unknown"} key, not an Ed25519 key`);
  return key;
}

/** An Ed25519 public key from PEM ("-----BEGIN PUBLIC KEY-----"); a private key is refused, as a verifier needs none. */
export function parsePublicKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    if (/PRIVATE KEY/.test(text)) throw new SigningKeyError("is a private key: give the public key (tm audit public-key prints it)");
    key = createPublicKey(text.trim());
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError('is not a public key in PEM ("-----BEGIN PUBLIC KEY-----")');
  }
  if (key.asymmetricKeyType !== "ed25519") throw new SigningKeyError(`is a ${key.asymmetricKeyType ?? "unknown"} key, not an Ed25519 key`);
  return key;
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

function spkiDigest(publicKey: KeyObject) {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest();
}

/** "SHA256:…" (base64, as ssh-keygen prints fingerprints): what an operator compares by eye. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  return `SHA256:${spkiDigest(publicKey).toString("base64").replace(/=+$/, "")}`;
}

/** The short name checkpoints carry of the key that signed them: the fingerprint's first 16 hex digits. */
export function keyIdOf(publicKey: KeyObject): string {
  return spkiDigest(publicKey).toString("hex").slice(0, 16);
}

/** Exactly what a checkpoint's signature covers. */
function checkpointMessage(fields: CheckpointFields): Buffer {
  return Buffer.from(
    canonicalJson({
      kind: CHECKPOINT_KIND,
      organizationId: fields.organizationId,
      seq: fields.seq,
      headHash: fields.headHash,
      createdAt: fields.createdAt.toISOString(),
      keyId: fields.keyId,
    }),
  );
}

export function signCheckpoint(privateKey: KeyObject, fields: CheckpointFields): SignedCheckpoint {
  return { ...fields, signature: sign(null, checkpointMessage(fields), privateKey).toString("base64") };
}

export function checkpointSignatureValid(publicKey: KeyObject, checkpoint: SignedCheckpoint): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, checkpointMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    return false;
  }
}

// ─── Comparing a chain with its checkpoint ──────────────────────────────────────────────

/** Consecutive sequence numbers, both ends included. */
export type SeqRange = { from: number; to: number };

/** What the database holds of a chain, as far as a checkpoint is concerned. */
export type ChainState = {
  /** The highest seq present (0: the chain has no events). */
  lastSeq: number;
  /** The hash of the event at the checkpoint's seq, or null when there is none. */
  hashAtCheckpoint: string | null;
  /** How many seqs from 1 to the checkpoint's have no event. */
  missingCount: number;
  /** Those seqs as runs, the first few when there are many. */
  missing: SeqRange[];
};

export type CheckpointComparison =
  { ok: true } | { ok: false; kind: "missing"; missingCount: number; missing: SeqRange[]; lastSeq: number } | { ok: false; kind: "rewritten"; seq: number };

/**
 * Whether the chain still holds what the checkpoint vouched for: every event up to its seq (none
 * missing), the one at its seq with its hash (any rewrite before it, re-hashed with the secret
 * or not, changes that hash). Events after the checkpoint are for the next one.
 */
export function compareWithCheckpoint(checkpoint: Pick<SignedCheckpoint, "seq" | "headHash">, chain: ChainState): CheckpointComparison {
  if (chain.missingCount > 0) return { ok: false, kind: "missing", missingCount: chain.missingCount, missing: chain.missing, lastSeq: chain.lastSeq };
  if (checkpoint.seq > 0 && chain.hashAtCheckpoint !== checkpoint.headHash) return { ok: false, kind: "rewritten", seq: checkpoint.seq };
  return { ok: true };
}

/** "#5", "#55–#57", "#3, #9–#12": the missing events, named; "…" when there are more than the runs given. */
export function describeSeqRanges(ranges: SeqRange[], count = countSeqRanges(ranges)): string {
  const named = ranges.map((r) => (r.from === r.to ? `#${r.from}` : `#${r.from}–#${r.to}`)).join(", ");
  return count > countSeqRanges(ranges) ? `${named}, …` : named;
}

function countSeqRanges(ranges: SeqRange[]): number {
  return ranges.reduce((n, r) => n + r.to - r.from + 1, 0);
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** One sentence on a chain that no longer matches its checkpoint, for operators, logs and the audit page. */
export function describeCheckpointProblem(checkpoint: Pick<SignedCheckpoint, "seq" | "createdAt">, comparison: CheckpointComparison): string | null {
  if (comparison.ok) return null;
  const of = `the signed checkpoint of ${checkpoint.createdAt.toISOString()} records ${plural(checkpoint.seq, "event", "events")}`;
  if (comparison.kind === "missing") {
    const count = comparison.missingCount;
    return `${plural(count, "event", "events")} missing (${describeSeqRanges(comparison.missing, count)}): ${of}, the chain now ${comparison.lastSeq === 0 ? "has none" : `ends at #${comparison.lastSeq}`}`;
  }
  return `event #${comparison.seq} differs from ${of.replace("records", "that recorded")}: the chain up to #${comparison.seq} was rewritten`;
}

// ─── The checkpoint file ────────────────────────────────────────────────────────────────

export type FileCheckpoint = SignedCheckpoint & { /** The organization's slug when written, for people; the id is what counts. */ chain: string };

export type CheckpointFile = {
  format: typeof CHECKPOINT_FILE_FORMAT;
  version: 1;
  createdAt: Date;
  keyId: string;
  publicKeyFingerprint: string;
  checkpoints: FileCheckpoint[];
  /** Over everything above: a chain's entry removed from the file (or added) shows. */
  signature: string;
};

function fileMessage(file: Omit<CheckpointFile, "signature">): Buffer {
  return Buffer.from(canonicalJson({ ...file, createdAt: file.createdAt.toISOString() }));
}

/** The self-contained file an operator keeps away from the database (`tm audit checkpoint --out FILE`). */
export function writeCheckpointFile(privateKey: KeyObject, createdAt: Date, checkpoints: FileCheckpoint[]): string {
  const publicKey = publicKeyOf(privateKey);
  const body: Omit<CheckpointFile, "signature"> = {
    format: CHECKPOINT_FILE_FORMAT,
    version: 1,
    createdAt,
    keyId: keyIdOf(publicKey),
    publicKeyFingerprint: publicKeyFingerprint(publicKey),
    checkpoints,
  };
  const signature = sign(null, fileMessage(body), privateKey).toString("base64");
  return `${JSON.stringify({ ...body, signature }, null, 2)}\n`;
}

const ZDate = z.iso.datetime().transform((s) => new Date(s));
const ZFile = z.strictObject({
  format: z.literal(CHECKPOINT_FILE_FORMAT),
  version: z.literal(1),
  createdAt: ZDate,
  keyId: z.string().max(100),
  publicKeyFingerprint: z.string().max(200),
  checkpoints: z
    .array(
      z.strictObject({
        chain: z.string().max(200),
        organizationId: z.string().max(100).nullable(),
        seq: z.number().int().min(0),
        headHash: z.string().max(200),
        createdAt: ZDate,
        keyId: z.string().max(100),
        signature: z.string().max(200),
      }),
    )
    .max(1_000_000),
  signature: z.string().max(200),
});

export type ReadCheckpointFile = { ok: true; file: CheckpointFile } | { ok: false; error: string };

/**
 * The file, once its signature and every checkpoint's verify with `publicKey` (the one given,
 * never one the file names: whoever could edit the file could put their own key in it).
 */
export function readCheckpointFile(text: string, publicKey: KeyObject): ReadCheckpointFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: "it is not JSON" };
  }
  const parsed = ZFile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `it is not a ThreatDesk checkpoint file (${issue.path.join(".") || "file"}: ${issue.message})` };
  }
  const file = parsed.data;
  const fingerprint = publicKeyFingerprint(publicKey);
  if (file.keyId !== keyIdOf(publicKey) || file.publicKeyFingerprint !== fingerprint) {
    return { ok: false, error: `it was signed with the key ${file.publicKeyFingerprint}, not with ${fingerprint}` };
  }
  const { signature, ...body } = file;
  let valid = false;
  try {
    valid = verify(null, fileMessage(body), publicKey, Buffer.from(signature, "base64"));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, error: `its signature does not verify with the key ${fingerprint}: it was changed after it was signed` };
  const forged = file.checkpoints.find((c) => !checkpointSignatureValid(publicKey, c));
  if (forged) return { ok: false, error: `the checkpoint of ${forged.chain} does not verify with the key ${fingerprint}` };
  return { ok: true, file };
}
