"use server";
import { requestMeta } from "@/lib/auth/request-meta";
import { signUp } from "@/lib/data/accounts";
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
