import "server-only";
import type { Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { slugify } from "@/lib/domain/slug";

export const slugTaken = (slug: string) => `The address "${slug}" is taken. Choose another.`;

/** Creates an organization owned by `ownerId`. A taken slug given explicitly is an error; a derived one gets a suffix. */
export async function insertOrganization(tx: Tx, input: { name: string; slug?: string }, ownerId: string) {
  const base = input.slug ?? slugify(input.name);
  let slug = base;
  for (let attempt = 2; await tx.organization.findUnique({ where: { slug }, select: { id: true } }); attempt++) {
    if (input.slug) throw new ConflictError(slugTaken(input.slug));
    slug = `${base}-${attempt}`;
  }
  const organization = await tx.organization.create({ data: { name: input.name, slug }, select: { id: true, slug: true, name: true } });
  await tx.membership.create({ data: { organizationId: organization.id, userId: ownerId, role: "OWNER" } });
  return organization;
}
