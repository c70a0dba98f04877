import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { RevisionSnapshot } from "./revision-snapshot";

/** One approved revision's snapshot, or NotFoundError when it is not this organization's model's. */
export async function getRevisionDocument(ctx: OrgContext, modelId: string, revisionId: string) {
  requirePermission(ctx, "model.read");
  const revision = await db().revision.findFirst({
    where: { id: revisionId, threatModelId: modelId, organizationId: ctx.organizationId },
    select: { id: true, version: true, createdAt: true, snapshot: true, createdBy: { select: { name: true } } },
  });
  if (!revision) throw new NotFoundError("That revision");
  const snapshot = revision.snapshot as unknown as RevisionSnapshot;
  return {
    id: revision.id,
    version: revision.version,
    approvedAt: revision.createdAt,
    approvedBy: revision.createdBy.name,
    document: snapshot.document,
    approvals: snapshot.approvals,
  };
}
