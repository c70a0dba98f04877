import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { ReviewCapacity } from "@/lib/domain/review";
import type { RevisionSnapshot } from "./revision-snapshot";

export type RevisionSummary = { id: string; version: string; approvedAt: Date; approvers: { name: string; capacity: ReviewCapacity; at: Date }[] };

/** The approved revisions of one of the organization's models, newest first, with who approved each. */
export async function listRevisions(ctx: OrgContext, modelId: string): Promise<RevisionSummary[]> {
  requirePermission(ctx, "model.read");
  // Only the approvals of each snapshot: the documents themselves can be large.
  const revisions = await db().$queryRaw<{ id: string; version: string; createdAt: Date; approvals: RevisionSnapshot["approvals"] | null }[]>`
    SELECT id, version, "createdAt", snapshot->'approvals' AS approvals FROM "Revision"
    WHERE "threatModelId" = ${modelId} AND "organizationId" = ${ctx.organizationId}
    ORDER BY "createdAt" DESC, id DESC`;
  return revisions.map((r) => ({
    id: r.id,
    version: r.version,
    approvedAt: r.createdAt,
    approvers: (r.approvals ?? []).map((a) => ({ name: a.reviewerName, capacity: a.capacity, at: new Date(a.at) })),
  }));
}
