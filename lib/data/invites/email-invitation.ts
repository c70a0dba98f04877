import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { formatDate } from "@/lib/format";
import { invitationMessage } from "@/lib/mail/messages/invitation";
import { sendMail, type MailOutcome } from "@/lib/mail/send-mail";

/**
 * Emails a new invitation to its address and marks it emailed when the server took it, so that
 * accepting it confirms the address. Any other outcome leaves the copyable link as the way in.
 */
export async function emailInvitation(
  ctx: OrgContext,
  invite: { id: string; email: string; role: Role; expiresAt: Date },
  token: string,
): Promise<MailOutcome> {
  requirePermission(ctx, "member.invite");
  const outcome = await sendMail(
    invitationMessage({
      to: invite.email,
      organizationName: ctx.organizationName,
      invitedBy: ctx.name,
      roleLabel: ROLE_LABELS[invite.role],
      link: `${config.publicUrl()}/invite/${token}`,
      expiresOn: formatDate(invite.expiresAt),
    }),
    "invitation",
  );
  if (outcome === "sent") {
    await db().invite.updateMany({ where: { id: invite.id, organizationId: ctx.organizationId }, data: { emailedAt: new Date() } });
  }
  return outcome;
}
