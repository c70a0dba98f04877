"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requestMeta } from "@/lib/auth/request-meta";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session-cookie";
import { getSecondFactorSession } from "@/lib/auth/session";
import { isSafeReturnPath } from "@/lib/safe-url";
import { rememberLastOrganization } from "@/lib/data/accounts/last-organization";
import { revokeSession } from "@/lib/data/sessions/revoke-session";
import { dismissLockoutNotice } from "@/lib/data/lockouts/dismiss-lockout-notice";
import { enforceRateLimit } from "@/lib/data/rate-limits/enforce-rate-limit";
import { answerSignUp } from "@/lib/data/accounts/answer-sign-up";
import { changePassword } from "@/lib/data/accounts/change-password";
import { requestPasswordReset } from "@/lib/data/accounts/request-password-reset";
import { resetPassword } from "@/lib/data/accounts/reset-password";
import { sendEmailVerification } from "@/lib/data/accounts/send-email-verification";
import { verifyEmail } from "@/lib/data/accounts/verify-email";
import { log } from "@/lib/log";
import { findMembership } from "@/lib/data/organizations/find-membership";
import { ZSlug, ZText } from "@/lib/validation/fields";
import { z } from "zod";
import { acceptInvite } from "@/lib/data/invites/accept-invite";
import { acceptInviteWithNewAccount } from "@/lib/data/invites/accept-invite-with-new-account";
import { createOrganization } from "@/lib/data/organizations/create-organization";
import {
  ZAcceptInvite,
  ZAcceptInviteNewAccount,
  ZChangePassword,
  ZRequestPasswordReset,
  ZResetPassword,
  ZSignUp,
  ZVerifyEmail,
} from "@/lib/validation/account";
import { ZCreateOrganization } from "@/lib/validation/organization";
import { publicAction, userAction } from "./action";

export const signUpAction = publicAction({ name: "account.sign-up", schema: ZSignUp }, async (input) => {
  const meta = await requestMeta();
  await enforceRateLimit("sign-up", { ip: meta.ip, account: input.email }, meta);
  return answerSignUp(input, meta);
});

/** The same answer whether or not the address has an account (a refusal for too many requests aside, which counts by address either way). */
export const requestPasswordResetAction = publicAction({ name: "account.request-password-reset", schema: ZRequestPasswordReset }, async (input) => {
  const meta = await requestMeta();
  await enforceRateLimit("password-reset", { ip: meta.ip, account: input.email }, meta);
  await requestPasswordReset(input);
  return { email: input.email };
});

// A wrong or used link counts towards the same limit as requests for one.
export const resetPasswordAction = publicAction({ name: "account.reset-password", schema: ZResetPassword }, async (input) => {
  const meta = await requestMeta();
  await enforceRateLimit("password-reset", { ip: meta.ip }, meta);
  const { email } = await resetPassword(input, meta);
  return { email };
});

export const verifyEmailAction = publicAction({ name: "account.verify-email", schema: ZVerifyEmail }, async (input) => verifyEmail(input, await requestMeta()));

export const resendEmailVerificationAction = userAction({ name: "account.resend-verification", schema: z.object({}) }, async (user) => ({
  outcome: await sendEmailVerification(user),
}));

// Guessing the current password from a signed-in browser is limited like guessing it at sign-in.
export const changePasswordAction = userAction({ name: "account.change-password", schema: ZChangePassword }, async (user, input) => {
  await enforceRateLimit("sign-in", { ip: user.meta.ip, account: user.email }, user.meta);
  return changePassword(user, input);
});

// Counted before the token is looked up, so guessing tokens counts too.
export const acceptInviteWithNewAccountAction = publicAction({ name: "invite.accept-new-account", schema: ZAcceptInviteNewAccount }, async (input) => {
  const meta = await requestMeta();
  await enforceRateLimit("invite-acceptance", { ip: meta.ip }, meta);
  return acceptInviteWithNewAccount(input, meta);
});

export const acceptInviteAction = userAction({ name: "invite.accept", schema: ZAcceptInvite }, async (user, input) => {
  await enforceRateLimit("invite-acceptance", { ip: user.meta.ip, account: user.email }, user.meta);
  return acceptInvite(user, input.token);
});

export const dismissLockoutNoticeAction = userAction({ name: "account.dismiss-lockout-notice", schema: z.object({}) }, async (user) => {
  await dismissLockoutNotice(user);
  return null;
});

export const createOrganizationAction = userAction({ name: "organization.create", schema: ZCreateOrganization }, async (user, input) => {
  const organization = await createOrganization(user, input);
  return { organizationSlug: organization.slug };
});

export const rememberOrganizationAction = userAction({ name: "organization.remember", schema: z.object({ slug: ZSlug }) }, async (user, input) => {
  const membership = await findMembership(user.userId, input.slug);
  if (membership) await rememberLastOrganization(user, membership.organization.id);
  return null;
});

/**
 * Ends this browser's session: the Session row is revoked (so the cookie is worthless on every
 * instance) and the cookie is cleared. A server action rather than next-auth's client helper, so
 * the app shell ships no authentication library to the browser. Open to signed-out visitors: an
 * already-ended session still gets its cookie cleared.
 */
export const signOutAction = publicAction(
  // Only a path inside the app: an absolute or protocol-relative URL would make this an open redirect.
  {
    name: "account.sign-out",
    schema: z.object({
      returnTo: ZText().max(2000).refine(isSafeReturnPath, "A path inside ThreatDesk.").optional(),
    }),
  },
  async (input) => {
    // A session still due its second factor is signed out the same way ("Not you?" on that step).
    const session = await getSecondFactorSession();
    if (session) await revokeSession(session.sessionId);
    const jar = await cookies();
    // Cleared with the attributes it was set with: a browser ignores an unset of a __Host- or
    // __Secure- cookie that is not itself Secure.
    for (const c of jar.getAll()) {
      if (!SESSION_COOKIE_NAME.test(c.name)) continue;
      jar.set(c.name, "", { expires: new Date(0), path: "/", httpOnly: true, sameSite: "lax", secure: c.name.startsWith("__") });
    }
    log.info("auth.signed-out", { userId: session?.user.id });
    redirect(input.returnTo ?? "/login");
  },
);
