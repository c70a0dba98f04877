"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requestMeta } from "@/lib/auth/request-meta";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session-cookie";
import { getCurrentUser } from "@/lib/auth/session";
import { rememberLastOrganization } from "@/lib/data/accounts/last-organization";
import { revokeSession } from "@/lib/data/sessions/revoke-session";
import { signUp } from "@/lib/data/accounts/sign-up";
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
  const { organization } = await signUp(input, await requestMeta());
  return { organizationSlug: organization.slug };
});

export const acceptInviteWithNewAccountAction = publicAction({ name: "invite.accept-new-account", schema: ZAcceptInviteNewAccount }, async (input) =>
  acceptInviteWithNewAccount(input, await requestMeta()),
);

export const acceptInviteAction = userAction({ name: "invite.accept", schema: ZAcceptInvite }, (user, input) => acceptInvite(user, input.token));

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
    // Cleared with the attributes it was set with: a browser ignores an unset of a __Host- or
    // __Secure- cookie that is not itself Secure.
    for (const c of jar.getAll()) {
      if (!SESSION_COOKIE_NAME.test(c.name)) continue;
      jar.set(c.name, "", { expires: new Date(0), path: "/", httpOnly: true, sameSite: "lax", secure: c.name.startsWith("__") });
    }
    log.info("auth.signed-out", { userId: user?.userId });
    redirect(input.returnTo ?? "/login");
  },
);
