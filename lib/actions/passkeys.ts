"use server";
import { z } from "zod";
import { issueSessionCookie } from "@/lib/auth/issue-session-cookie";
import { finishPasskeyRegistration } from "@/lib/data/second-factors/passkeys/finish-passkey-registration";
import { startPasskeyRegistration } from "@/lib/data/second-factors/passkeys/start-passkey-registration";
import { startPasskeySignIn } from "@/lib/data/second-factors/passkeys/start-passkey-sign-in";
import { ZFinishPasskeyRegistration, ZStartPasskeyRegistration } from "@/lib/validation/second-factor";
import { secondFactorAction, userAction } from "./action";

/** The options for the browser to create a passkey; the name is checked now so a bad one is refused before the browser asks. */
export const startPasskeyRegistrationAction = userAction({ name: "passkey.start-registration", schema: ZStartPasskeyRegistration }, (user) =>
  startPasskeyRegistration(user),
);

export const finishPasskeyRegistrationAction = userAction({ name: "passkey.finish-registration", schema: ZFinishPasskeyRegistration }, async (user, input) => {
  const finished = await finishPasskeyRegistration(user, input);
  if (finished.session) await issueSessionCookie({ id: user.userId, email: user.email, name: user.name }, finished.session);
  return { recoveryCodes: finished.recoveryCodes };
});

/** The options for the browser to sign in with a passkey, as the second step; the answer goes to giveSecondFactorAction. */
export const startPasskeySignInAction = secondFactorAction({ name: "passkey.start-sign-in", schema: z.object({}) }, (session) => startPasskeySignIn(session));
