import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { claimInvite } from "./claim-invite";

/** A signed-in user accepts the invitation for their address. */
export async function acceptInvite(user: UserContext, token: string, now = new Date()) {
  return db().$transaction((tx) => claimInvite(tx, token, { id: user.userId, email: user.email }, user.meta, now));
}
