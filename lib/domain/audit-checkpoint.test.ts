import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  checkpointSignatureValid,
  compareWithCheckpoint,
  describeCheckpointProblem,
  describeSeqRanges,
  keyIdOf,
  parsePublicKey,
  parseSigningKey,
  publicKeyOf,
  publicKeyPem,
  readCheckpointFile,
  signCheckpoint,
  writeCheckpointFile,
} from "./audit-checkpoint";

const { privateKey } = generateKeyPairSync("ed25519");
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicKey = publicKeyOf(privateKey);
const at = new Date("2026-12-02T10:00:00.000Z");
const fields = { organizationId: "org-1", seq: 57, headHash: "ab".repeat(32), createdAt: at, keyId: keyIdOf(publicKey) };

describe("the signing key", () => {
  it("is read from PEM, from PEM with escaped newlines, and from base64 PKCS#8", () => {
    const der = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    for (const text of [pem, pem.replaceAll("\n", "\\n"), der]) expect(keyIdOf(publicKeyOf(parseSigningKey(text)))).toBe(keyIdOf(publicKey));
  });

  it("refuses what is not an Ed25519 private key, saying what it is", () => {
    expect(() => parseSigningKey("not a key")).toThrow("is not a private key in PEM or base64 PKCS#8");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => parseSigningKey(rsa)).toThrow("is a rsa key, not an Ed25519 key");
    expect(() => parsePublicKey(pem)).toThrow("is a private key");
    expect(keyIdOf(parsePublicKey(publicKeyPem(publicKey)))).toBe(keyIdOf(publicKey));
  });
});

describe("a checkpoint", () => {
  it("verifies with the public key, and not once any field changes", () => {
    const signed = signCheckpoint(privateKey, fields);
    expect(checkpointSignatureValid(publicKey, signed)).toBe(true);
    for (const changed of [
      { seq: 56 },
      { headHash: "cd".repeat(32) },
      { organizationId: "org-2" },
      { organizationId: null },
      { createdAt: new Date(at.getTime() + 1) },
    ]) {
      expect(checkpointSignatureValid(publicKey, { ...signed, ...changed }), JSON.stringify(changed)).toBe(false);
    }
    const other = publicKeyOf(generateKeyPairSync("ed25519").privateKey);
    expect(checkpointSignatureValid(other, { ...signed, keyId: keyIdOf(other) })).toBe(false);
  });

  it("is compared with what the chain still holds", () => {
    const checkpoint = { seq: 8, headHash: "h8" };
    expect(compareWithCheckpoint(checkpoint, { lastSeq: 10, hashAtCheckpoint: "h8", missingCount: 0, missing: [] })).toEqual({ ok: true });
    expect(compareWithCheckpoint(checkpoint, { lastSeq: 6, hashAtCheckpoint: null, missingCount: 2, missing: [{ from: 7, to: 8 }] })).toEqual({
      ok: false,
      kind: "missing",
      missingCount: 2,
      missing: [{ from: 7, to: 8 }],
      lastSeq: 6,
    });
    expect(compareWithCheckpoint(checkpoint, { lastSeq: 8, hashAtCheckpoint: "other", missingCount: 0, missing: [] })).toEqual({
      ok: false,
      kind: "rewritten",
      seq: 8,
    });
  });

  it("names missing events as runs", () => {
    expect(
      describeSeqRanges([
        { from: 3, to: 3 },
        { from: 9, to: 12 },
      ]),
    ).toBe("#3, #9–#12");
    expect(describeSeqRanges([{ from: 1, to: 2 }], 5)).toBe("#1–#2, …");
    expect(
      describeCheckpointProblem({ seq: 1, createdAt: at }, { ok: false, kind: "missing", missingCount: 1, missing: [{ from: 1, to: 1 }], lastSeq: 0 }),
    ).toBe("1 event missing (#1): the signed checkpoint of 2026-12-02T10:00:00.000Z records 1 event, the chain now has none");
  });
});

describe("the checkpoint file", () => {
  it("round-trips with the public key alone, and is refused with another", () => {
    const text = writeCheckpointFile(privateKey, at, [{ chain: "acme", ...signCheckpoint(privateKey, fields) }]);
    const read = readCheckpointFile(text, publicKey);
    expect(read).toMatchObject({ ok: true, file: { createdAt: at, checkpoints: [{ chain: "acme", seq: 57, createdAt: at }] } });
    const other = publicKeyOf(generateKeyPairSync("ed25519").privateKey);
    expect(readCheckpointFile(text, other)).toMatchObject({ ok: false, error: expect.stringMatching(/^it was signed with the key SHA256:/) });
    expect(readCheckpointFile(text.replace('"chain": "acme"', '"chain": "other"'), publicKey)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^its signature does not verify/),
    });
  });
});
