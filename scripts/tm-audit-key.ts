// The installation's checkpoint key for `tm audit public-key`, which needs no database: from the
// environment, or from the embedded installation's secrets when DATABASE_URL is not set.
import path from "node:path";
import { installationSigningKey } from "@/lib/audit-signing-key";
import { publicKeyPem } from "@/lib/domain/audit-checkpoint";
import { DEFAULT_DATA_DIR, embeddedSecrets, root } from "./embedded-db";
import { UsageError } from "./tm-command";

export function installationPublicKey(): { pem: string; fingerprint: string } {
  if (!process.env.DATABASE_URL && !process.env.AUDIT_SIGNING_KEY && !process.env.AUDIT_SIGNING_KEY_FILE) {
    process.env.AUDIT_SIGNING_KEY = embeddedSecrets(path.resolve(root, process.env.THREATDESK_DATA_DIR ?? DEFAULT_DATA_DIR)).auditSigningKey;
  }
  let key;
  try {
    key = installationSigningKey();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!key) throw new UsageError("no audit signing key is configured: set AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE (see .env.example)");
  return { pem: publicKeyPem(key.publicKey), fingerprint: key.fingerprint };
}
