import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { appendAuditEvent } from "../audit";
import { insertOrganization } from "./insert-organization";

/** A signed-in user creates an organization and becomes its owner. */
export async function createOrganization(user: UserContext, input: { name: string; slug?: string }) {
  return db().$transaction(async (tx) => {
    const organization = await insertOrganization(tx, input, user.userId);
    await tx.user.update({ where: { id: user.userId }, data: { lastOrganizationId: organization.id } });
    await appendAuditEvent(tx, {
      organizationId: organization.id,
      actorId: user.userId,
      actorLabel: user.email,
      action: "organization.created",
      targetType: "organization",
      targetId: organization.id,
      summary: { name: organization.name, slug: organization.slug },
      meta: user.meta,
    });
    return organization;
  });
}
