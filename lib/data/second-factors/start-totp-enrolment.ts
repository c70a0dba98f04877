import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { seal } from "@/lib/auth/sealed-box";
import { newTotpSecret, totpQrSvg, totpUri } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { SECOND_FACTOR_KIND_LABEL } from "@/lib/domain/second-factor";

export type TotpEnrolment = { factorId: string; secret: string; uri: string; qrSvg: string };

/**
 * Starts adding an authenticator app: a new secret, kept sealed on an unconfirmed factor until
 * the first code from the app proves it was set up. An earlier setup the user did not finish is
 * dropped, so there is at most one in progress.
 */
export async function startTotpEnrolment(user: UserContext): Promise<TotpEnrolment> {
  const secret = newTotpSecret();
  const factor = await db().$transaction(async (tx) => {
    await tx.secondFactor.deleteMany({ where: { userId: user.userId, kind: "TOTP", confirmedAt: null } });
    return tx.secondFactor.create({
      data: { userId: user.userId, kind: "TOTP", name: SECOND_FACTOR_KIND_LABEL.TOTP, totpSecret: seal(secret) },
      select: { id: true },
    });
  });
  const uri = totpUri(user.email, secret);
  return { factorId: factor.id, secret, uri, qrSvg: await totpQrSvg(uri) };
}
