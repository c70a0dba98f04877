"use server";
import { issueSessionCookie } from "@/lib/auth/issue-session-cookie";
import { confirmTotpEnrolment } from "@/lib/data/second-factors/confirm-totp-enrolment";
import { passSecondFactor } from "@/lib/data/second-factors/pass-second-factor";
import { regenerateRecoveryCodes } from "@/lib/data/second-factors/regenerate-recovery-codes";
import { removeSecondFactor } from "@/lib/data/second-factors/remove-second-factor";
import { renameSecondFactor } from "@/lib/data/second-factors/rename-second-factor";
import { startTotpEnrolment } from "@/lib/data/second-factors/start-totp-enrolment";
import { safeCallbackUrl } from "@/lib/safe-url";
import { ZConfirmTotp, ZFactorId, ZGiveSecondFactor, ZRenameFactor } from "@/lib/validation/second-factor";
import { z } from "zod";
import { secondFactorAction, userAction } from "./action";

/** The second step of signing in, or stepping up: on success the browser holds a new, rotated session. */
export const giveSecondFactorAction = secondFactorAction({ name: "second-factor.give", schema: ZGiveSecondFactor }, async (session, meta, input) => {
  const rotated = await passSecondFactor(session, input, meta);
  await issueSessionCookie(session.user, rotated);
  return { redirectTo: safeCallbackUrl(input.callbackUrl) };
});

export const startTotpEnrolmentAction = userAction({ name: "second-factor.start-totp", schema: z.object({}) }, (user) => startTotpEnrolment(user));

export const confirmTotpEnrolmentAction = userAction({ name: "second-factor.confirm-totp", schema: ZConfirmTotp }, async (user, input) => {
  const finished = await confirmTotpEnrolment(user, input);
  if (finished.session) await issueSessionCookie({ id: user.userId, email: user.email, name: user.name }, finished.session);
  return { recoveryCodes: finished.recoveryCodes };
});

export const renameSecondFactorAction = userAction({ name: "second-factor.rename", schema: ZRenameFactor }, (user, input) => renameSecondFactor(user, input));

export const removeSecondFactorAction = userAction({ name: "second-factor.remove", schema: ZFactorId }, (user, input) => removeSecondFactor(user, input));

export const regenerateRecoveryCodesAction = userAction({ name: "second-factor.regenerate-recovery-codes", schema: z.object({}) }, (user) =>
  regenerateRecoveryCodes(user),
);
