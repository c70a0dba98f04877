import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { CONFIRMED_FACTOR } from "./confirmed-factor";

/** A new name for one of the user's own factors; another user's factor is not found. */
export async function renameSecondFactor(user: UserContext, input: { factorId: string; name: string }) {
  const renamed = await db().secondFactor.updateMany({
    where: { id: input.factorId, userId: user.userId, ...CONFIRMED_FACTOR },
    data: { name: input.name },
  });
  if (renamed.count !== 1) throw new NotFoundError("That sign-in factor");
  return { name: input.name };
}
