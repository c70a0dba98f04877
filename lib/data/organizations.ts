import "server-only";
import type { OrgContext, UserContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import type { Role } from "@/lib/domain/roles";
import { slugify } from "@/lib/domain/slug";
import type { TOrganizationSettings } from "@/lib/validation/organization";
import { actedAs, actedBy, recordAuditEvent } from "./audit";

/** Creates an organization owned by `ownerId`. A taken slug given explicitly is an error; a derived one gets a suffix. */
export async function insertOrganization(tx: Tx, input: { name: string; slug?: string }, ownerId: string) {
  const base = input.slug ?? slugify(input.name);
  let slug = base;
  for (let attempt = 2; await tx.organization.findUnique({ where: { slug }, select: { id: true } }); attempt++) {
    if (input.slug) throw new ConflictError(`The address "${input.slug}" is taken. Choose another.`);
    slug = `${base}-${attempt}`;
  }
  const organization = await tx.organization.create({ data: { name: input.name, slug }, select: { id: true, slug: true, name: true } });
  await tx.membership.create({ data: { organizationId: organization.id, userId: ownerId, role: "OWNER" } });
  return organization;
}

export async function createOrganization(user: UserContext, input: { name: string; slug?: string }) {
  return db().$transaction(async (tx) => {
    const organization = await insertOrganization(tx, input, user.userId);
    await tx.user.update({ where: { id: user.userId }, data: { lastOrganizationId: organization.id } });
    await recordAuditEvent(tx, actedAs(organization.id, { id: user.userId, label: user.email, meta: user.meta }), "organization.created", { type: "organization", id: organization.id }, { name: organization.name, slug: organization.slug });
    return organization;
  });
}

export type Membership = {
  membershipId: string;
  role: Role;
  organization: { id: string; slug: string; name: string };
};

/** The user's membership in the organization with this slug, or null: outsiders see nothing. */
export async function findMembership(userId: string, slug: string): Promise<Membership | null> {
  const row = await db().membership.findFirst({
    where: { userId, organization: { slug } },
    select: { id: true, role: true, organization: { select: { id: true, slug: true, name: true } } },
  });
  return row ? { membershipId: row.id, role: row.role, organization: row.organization } : null;
}

export async function getOrganizationSettings(ctx: OrgContext) {
  requirePermission(ctx, "org.read");
  return db().organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { name: true, slug: true, fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true, reviewCadenceMonths: true, createdAt: true },
  });
}

export async function updateOrganizationSettings(ctx: OrgContext, input: TOrganizationSettings) {
  requirePermission(ctx, "org.update");
  return db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.organizationId },
      select: { name: true, fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true, reviewCadenceMonths: true },
    });
    const after = await tx.organization.update({ where: { id: ctx.organizationId }, data: input, select: { name: true, fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true, reviewCadenceMonths: true } });
    const changed = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
    );
    await recordAuditEvent(tx, actedBy(ctx), "organization.settings-updated", { type: "organization", id: ctx.organizationId }, changed);
    return after;
  });
}
