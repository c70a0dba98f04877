import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { actedBy, recordAuditEvent } from "../audit";
import { ensureAllowed, lockModel, transition } from "../review/model-lock";

/** Archives a model in any status; restoring it returns it to the status it had. */
export async function archiveModel(ctx: OrgContext, input: { modelId: string }) {
  requirePermission(ctx, "model.archive");
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    const next = ensureAllowed(ctx, "archive", model);
    await tx.threatModel.update({ where: { id: model.id }, data: { status: next, archivedAt: new Date(), statusBeforeArchive: model.status } });
    await recordAuditEvent(tx, actedBy(ctx), "threat-model.archived", { type: "threat-model", id: model.id }, { from: model.status, to: next });
    return { status: next };
  });
}
