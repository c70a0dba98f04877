import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { diffDocuments } from "@/lib/domain/revision-diff";
import { NotFoundError } from "@/lib/errors";
import { findThreatModel } from "../threat-models/find-threat-model";
import { toDocument } from "../threat-models/to-document";
import { getRevisionDocument } from "./get-revision-document";

/**
 * Compares two states of a model section by section: two approved revisions, or a revision and
 * the current draft (`"current"`).
 */
export async function compareRevisions(ctx: OrgContext, modelId: string, fromId: string, toId: string | "current") {
  requirePermission(ctx, "model.read");
  const from = await getRevisionDocument(ctx, modelId, fromId);
  let to: { label: string; document: ThreatModelDocument };
  if (toId === "current") {
    const model = await findThreatModel(db(), ctx.organizationId, modelId);
    if (!model) throw new NotFoundError("That threat model");
    to = { label: `current ${model.status === "APPROVED" ? "approved" : "draft"} (${model.version})`, document: toDocument(model) };
  } else {
    const revision = await getRevisionDocument(ctx, modelId, toId);
    to = { label: `revision ${revision.version}`, document: revision.document };
  }
  return { fromLabel: `revision ${from.version}`, toLabel: to.label, diff: diffDocuments(from.document, to.document) };
}
