import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { actedBy, recordAuditEvent } from "../audit";
import { ensureAllowed, lockModel, transition } from "../review/model-lock";

/** An archived model back in the status it had before it was archived. */
export async function restoreModel(ctx: OrgContext, input: { modelId: string }) {
  requirePermission(ctx, "model.archive");
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    const next = ensureAllowed(ctx, "restore", model);
    await tx.threatModel.update({ where: { id: model.id }, data: { status: next, archivedAt: null, statusBeforeArchive: null } });
    await recordAuditEvent(tx, actedBy(ctx), "threat-model.restored", { type: "threat-model", id: model.id }, { from: model.status, to: next });
    return { status: next };
  });
}
