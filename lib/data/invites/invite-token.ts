import "server-only";
import { createHash } from "node:crypto";

/** Invitations store only a SHA-256 of their token: the token itself is shown once. */
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}
