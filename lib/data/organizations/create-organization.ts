import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { actedAs, recordAuditEvent } from "../audit";
import { insertOrganization } from "./insert-organization";

/** A signed-in user creates an organization and becomes its owner. */
export async function createOrganization(user: UserContext, input: { name: string; slug?: string }) {
  return db().$transaction(async (tx) => {
    const organization = await insertOrganization(tx, input, user.userId);
    await tx.user.update({ where: { id: user.userId }, data: { lastOrganizationId: organization.id } });
    await recordAuditEvent(
      tx,
      actedAs(organization.id, { id: user.userId, label: user.email, meta: user.meta }),
      "organization.created",
      { type: "organization", id: organization.id },
      { name: organization.name, slug: organization.slug },
    );
    return organization;
  });
}
