import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";
import { enforceRateLimit } from "../rate-limits/enforce-rate-limit";
import { mailFactorChange } from "./factor-events";
import { finishEnrolment, type EnrolmentFinished } from "./finish-enrolment";
import { spendTotpCode } from "./spend-totp-code";

export const WRONG_ENROLMENT_CODE = "That code does not match. Check the app shows ThreatDesk, then enter the code it shows now.";

/** Finishes adding an authenticator app with the first code it shows. A wrong code changes nothing. */
export async function confirmTotpEnrolment(
  user: UserContext,
  input: { factorId: string; name: string; code: string },
  now = new Date(),
): Promise<EnrolmentFinished> {
  await enforceRateLimit("mfa-code", { ip: user.meta.ip, account: user.email }, user.meta, now);
  const finished = await db().$transaction(async (tx) => {
    if (!(await spendTotpCode(tx, user.userId, input.code, now, input.factorId))) return null;
    return finishEnrolment(tx, user, { id: input.factorId, kind: "TOTP", name: input.name }, now);
  });
  if (!finished) throw new InvalidInputError(WRONG_ENROLMENT_CODE, { code: [WRONG_ENROLMENT_CODE] });
  mailFactorChange(user, "added", { kind: "TOTP", name: input.name }, now);
  return finished;
}
