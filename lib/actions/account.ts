"use server";
import { requestMeta } from "@/lib/auth/request-meta";
import { rememberLastOrganization, signUp } from "@/lib/data/accounts";
import { findMembership } from "@/lib/data/organizations";
import { ZSlug } from "@/lib/validation/fields";
import { z } from "zod";
import { acceptInvite, acceptInviteWithNewAccount } from "@/lib/data/invites";
import { createOrganization } from "@/lib/data/organizations";
import { ZAcceptInvite, ZAcceptInviteNewAccount, ZSignUp } from "@/lib/validation/account";
import { ZCreateOrganization } from "@/lib/validation/organization";
import { publicAction, userAction } from "./action";

export const signUpAction = publicAction({ name: "account.sign-up", schema: ZSignUp }, async (input) => {
  const { organization } = await signUp(input, await requestMeta());
  return { organizationSlug: organization.slug };
});

export const acceptInviteWithNewAccountAction = publicAction(
  { name: "invite.accept-new-account", schema: ZAcceptInviteNewAccount },
  async (input) => acceptInviteWithNewAccount(input, await requestMeta()),
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
