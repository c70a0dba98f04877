import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";

/** The user has read the notice of their account's lock. */
export async function dismissLockoutNotice(user: UserContext): Promise<void> {
  await db().signInLockout.updateMany({ where: { email: user.email, noticeDue: true }, data: { noticeDue: false } });
}
