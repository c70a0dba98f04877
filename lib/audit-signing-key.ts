// The installation's checkpoint signing key (lib/config.ts says where it comes from), parsed once
// per key text. A key that does not parse is an error naming the setting, never a silent skip.
import type { KeyObject } from "node:crypto";
import { config } from "@/lib/config";
import { SigningKeyError, keyIdOf, parseSigningKey, publicKeyFingerprint, publicKeyOf } from "@/lib/domain/audit-checkpoint";

export type InstallationKey = { privateKey: KeyObject; publicKey: KeyObject; keyId: string; fingerprint: string };

let cached: { text: string; key: InstallationKey } | undefined;

/** The signing key and what is derived from it, or null when the installation has none configured. */
export function installationSigningKey(): InstallationKey | null {
  const configured = config.auditSigningKey();
  if (!configured) return null;
  if (cached?.text === configured.text) return cached.key;
  let privateKey: KeyObject;
  try {
    privateKey = parseSigningKey(configured.text);
  } catch (error) {
    if (error instanceof SigningKeyError) throw new Error(`${configured.source} ${error.message}`);
    throw error;
  }
  const publicKey = publicKeyOf(privateKey);
  const key = { privateKey, publicKey, keyId: keyIdOf(publicKey), fingerprint: publicKeyFingerprint(publicKey) };
  cached = { text: configured.text, key };
  return key;
}
