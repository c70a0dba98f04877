import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { actedBy, appendAuditEvent } from "../audit";
import { insertThreatModelDocument } from "./insert-threat-model-document";

/** A new model written and owned by the caller, with the audit event that says how it began. */
export async function insertOwnDraft(
  tx: Tx,
  ctx: OrgContext,
  doc: ThreatModelDocument,
  action: "threat-model.created" | "threat-model.duplicated",
  summary: Record<string, unknown>,
) {
  const model = await insertThreatModelDocument(tx, { organizationId: ctx.organizationId, createdById: ctx.userId, ownerId: ctx.userId }, doc);
  await appendAuditEvent(tx, { ...actedBy(ctx), action, targetType: "threat-model", targetId: model.id, summary });
  return model;
}
