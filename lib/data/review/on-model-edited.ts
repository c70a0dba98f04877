import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";
import { actedBy, recordAuditEvent } from "../audit";
import { notify } from "../notifications";
import { reviewLink, withdrawDecisions } from "./model-lock";

/**
 * Called by every edit inside its transaction, after the edit's version bump: an edit after
 * submission withdraws the approvals given so far, and an edit answering requested changes takes
 * the model back to Draft. Returns how many approvals were withdrawn, for the editor to say so.
 */
export async function onModelEdited(tx: Tx, ctx: OrgContext, modelId: string): Promise<{ withdrawnApprovals: number; status: ThreatModelStatus }> {
  const model = await tx.threatModel.findUniqueOrThrow({ where: { id: modelId }, select: { status: true, title: true } });
  if (model.status === "CHANGES_REQUESTED") {
    await withdrawDecisions(tx, modelId, "The model was edited after changes were requested.");
    await tx.threatModel.update({ where: { id: modelId }, data: { status: "DRAFT" } });
    await recordAuditEvent(tx, actedBy(ctx), "review.back-to-draft", { type: "threat-model", id: modelId }, { from: "CHANGES_REQUESTED", to: "DRAFT" });
    return { withdrawnApprovals: 0, status: "DRAFT" };
  }
  if (model.status !== "IN_REVIEW") return { withdrawnApprovals: 0, status: model.status };
  const reviewers = await withdrawDecisions(tx, modelId, "The model was edited after its submission.");
  if (reviewers.length > 0) {
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "review.approvals-withdrawn",
      { type: "threat-model", id: modelId },
      { count: reviewers.length, reason: "edited in review" },
    );
    await notify(tx, {
      organizationId: ctx.organizationId,
      userIds: reviewers,
      kind: "review-requested",
      title: `${model.title} changed after your approval: review it again`,
      link: reviewLink(ctx, modelId),
      exceptUserId: ctx.userId,
    });
  }
  return { withdrawnApprovals: reviewers.length, status: "IN_REVIEW" };
}
