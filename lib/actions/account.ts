"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requestMeta } from "@/lib/auth/request-meta";
import { getCurrentUser } from "@/lib/auth/session";
import { rememberLastOrganization } from "@/lib/data/accounts/last-organization";
import { revokeSession } from "@/lib/data/sessions/revoke-session";
import { signUp } from "@/lib/data/accounts/sign-up";
import { dismissLockoutNotice } from "@/lib/data/lockouts/dismiss-lockout-notice";
import { enforceRateLimit } from "@/lib/data/rate-limits/enforce-rate-limit";
import { log } from "@/lib/log";
import { findMembership } from "@/lib/data/organizations/find-membership";
import { ZSlug } from "@/lib/validation/fields";
import { z } from "zod";
import { acceptInvite } from "@/lib/data/invites/accept-invite";
import { acceptInviteWithNewAccount } from "@/lib/data/invites/accept-invite-with-new-account";
import { createOrganization } from "@/lib/data/organizations/create-organization";
import { ZAcceptInvite, ZAcceptInviteNewAccount, ZSignUp } from "@/lib/validation/account";
import { ZCreateOrganization } from "@/lib/validation/organization";
import { publicAction, userAction } from "./action";

export const signUpAction = publicAction({ name: "account.sign-up", schema: ZSignUp }, async (input) => {
  const meta = await requestMeta();
  await enforceRateLimit("sign-up", { ip: meta.ip, account: input.email }, meta);
  const { organization } = await signUp(input, meta);
  return { organizationSlug: organization.slug };
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
      returnTo: z
        .string()
        .regex(/^\/(?![/\\])/)
        .max(500)
        .optional(),
    }),
  },
  async (input) => {
    const user = await getCurrentUser();
    if (user?.sessionId) await revokeSession(user.sessionId);
    const jar = await cookies();
    for (const c of jar.getAll()) if (/^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name)) jar.delete(c.name);
    log.info("auth.signed-out", { userId: user?.userId });
    redirect(input.returnTo ?? "/login");
  },
);
