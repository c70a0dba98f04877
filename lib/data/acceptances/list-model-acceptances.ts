import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { acceptanceDeciderRefusal, acceptanceState, type AcceptanceState } from "@/lib/domain/acceptance";
import { toDay } from "@/lib/domain/calendar";

export type AcceptanceView = {
  id: string;
  threatId: string | null;
  threatTitle: string;
  reason: string;
  riskOwner: string;
  reviewDate: string;
  state: AcceptanceState;
  proposedBy: string;
  /** Why the viewer may not accept it (they proposed it), or null. */
  acceptRefusal: string | null;
  updatedAt: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string;
};

const ymd = toDay;

/** The residual risks proposed on one of the organization's models, oldest first, each with its state on `today`. */
export async function listModelAcceptances(ctx: OrgContext, modelId: string, today: string): Promise<AcceptanceView[]> {
  requirePermission(ctx, "model.read");
  const acceptances = await db().residualRiskAcceptance.findMany({
    where: { threatModelId: modelId, organizationId: ctx.organizationId },
    orderBy: { createdAt: "asc" },
    include: { proposedBy: { select: { name: true } }, decidedBy: { select: { name: true } } },
  });
  return acceptances.map((a) => ({
    id: a.id,
    threatId: a.threatId,
    threatTitle: a.threatTitle,
    reason: a.reason,
    riskOwner: a.riskOwner,
    reviewDate: ymd(a.reviewDate),
    state: acceptanceState({ status: a.status, reviewDate: ymd(a.reviewDate) }, today),
    proposedBy: a.proposedBy.name,
    acceptRefusal: acceptanceDeciderRefusal(a, ctx.userId),
    updatedAt: a.updatedAt.toISOString(),
    decidedBy: a.decidedBy?.name ?? null,
    decidedAt: a.decidedAt,
    decisionComment: a.decisionComment,
  }));
}
