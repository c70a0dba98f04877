"use server";
import { revalidatePath } from "next/cache";
import { createInvite } from "@/lib/data/invites/create-invite";
import { emailInvitation } from "@/lib/data/invites/email-invitation";
import { revokeInvite } from "@/lib/data/invites/revoke-invite";
import { changeMemberRole } from "@/lib/data/members/change-member-role";
import { removeMember } from "@/lib/data/members/remove-member";
import { unlockMember } from "@/lib/data/members/unlock-member";
import { decideRoleGrant } from "@/lib/data/role-grants/decide-role-grant";
import { ZChangeRole, ZCreateInvite, ZDecideRoleGrant, ZRemoveMember, ZRevokeInvite, ZUnlockMember } from "@/lib/validation/organization";
import { orgAction } from "./action";

const membersPath = (slug: string) => `/${slug}/settings/members`;

export const inviteMemberAction = orgAction({ name: "member.invite", permission: "member.invite", schema: ZCreateInvite }, async (ctx, input) => {
  const { invite, token } = await createInvite(ctx, input);
  const emailed = await emailInvitation(ctx, invite, token);
  revalidatePath(membersPath(ctx.organizationSlug));
  return { email: invite.email, role: invite.role, expiresAt: invite.expiresAt.toISOString(), path: `/invite/${token}`, emailed };
});

export const revokeInviteAction = orgAction({ name: "invite.revoke", permission: "member.invite", schema: ZRevokeInvite }, async (ctx, input) => {
  await revokeInvite(ctx, input);
  revalidatePath(membersPath(ctx.organizationSlug));
  return null;
});

export const changeMemberRoleAction = orgAction({ name: "member.change-role", permission: "member.update-role", schema: ZChangeRole }, async (ctx, input) => {
  const result = await changeMemberRole(ctx, input);
  revalidatePath(membersPath(ctx.organizationSlug));
  return result;
});

export const decideRoleGrantAction = orgAction(
  { name: "member.decide-role-grant", permission: "member.update-role", schema: ZDecideRoleGrant },
  async (ctx, input) => {
    const result = await decideRoleGrant(ctx, input);
    revalidatePath(membersPath(ctx.organizationSlug));
    return result;
  },
);

export const removeMemberAction = orgAction({ name: "member.remove", permission: "member.remove", schema: ZRemoveMember }, async (ctx, input) => {
  const result = await removeMember(ctx, input);
  revalidatePath(membersPath(ctx.organizationSlug));
  return result;
});

export const unlockMemberAction = orgAction({ name: "member.unlock", permission: "member.unlock", schema: ZUnlockMember }, async (ctx, input) => {
  const result = await unlockMember(ctx, input);
  revalidatePath(membersPath(ctx.organizationSlug));
  return result;
});
