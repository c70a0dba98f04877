import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { mailConfigured, sendMail } from "@/lib/mail/send-mail";
import type { TSignUp } from "@/lib/validation/account";
import { actedAs, recordAuditEvent } from "../audit";
import { insertOrganization } from "../organizations/insert-organization";
import { issueVerificationMessage } from "./send-email-verification";
import { EMAIL_TAKEN, insertUser } from "./insert-user";

/**
 * Sign-up: a new user who owns a new organization, all or nothing; with email configured, a
 * link to confirm the address is sent (not waited for).
 */
export async function signUp(input: TSignUp, meta: RequestMeta, now = new Date()) {
  // Checked before hashing so a taken email is refused without spending the hash's CPU time.
  const existing = await db().user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new ConflictError(EMAIL_TAKEN);
  const created = await db().$transaction(async (tx) => {
    const user = await insertUser(tx, input);
    const organization = await insertOrganization(tx, { name: input.organizationName, slug: input.organizationSlug }, user.id);
    await tx.user.update({ where: { id: user.id }, data: { lastOrganizationId: organization.id } });
    await recordAuditEvent(
      tx,
      actedAs(organization.id, { id: user.id, label: user.email, meta }),
      "organization.created",
      { type: "organization", id: organization.id },
      { name: organization.name, slug: organization.slug, owner: user.email },
    );
    return { user, organization, verification: mailConfigured() ? await issueVerificationMessage(tx, user, now) : null };
  });
  if (created.verification) void sendMail(created.verification, "verify-email");
  return { user: created.user, organization: created.organization };
}
