import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { insertUser } from "@/lib/data/accounts/insert-user";
import { claimInvite } from "./claim-invite";
import { hashToken } from "./invite-token";

/** Accepts an invitation by creating the invited address's account at the same time. */
export async function acceptInviteWithNewAccount(input: { token: string; name: string; password: string }, meta: RequestMeta, now = new Date()) {
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(input.token) }, select: { email: true } });
  if (!invite) throw new NotFoundError("That invitation");
  return db().$transaction(async (tx) => {
    const user = await insertUser(tx, { name: input.name, email: invite.email, password: input.password });
    const result = await claimInvite(tx, input.token, user, meta, now);
    return { ...result, email: user.email };
  });
}
