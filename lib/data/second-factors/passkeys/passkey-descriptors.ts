import "server-only";
import { db } from "@/lib/db/client";
import { CONFIRMED_FACTOR } from "../confirmed-factor";

/** The user's passkeys as the browser is told of them (to sign in with one, or not to register one twice). */
export async function passkeyDescriptors(userId: string): Promise<{ id: string; transports: string[] }[]> {
  const passkeys = await db().secondFactor.findMany({
    where: { userId, kind: "PASSKEY", ...CONFIRMED_FACTOR, credentialId: { not: null } },
    select: { credentialId: true, transports: true },
  });
  return passkeys.map((p) => ({ id: p.credentialId!, transports: p.transports }));
}
