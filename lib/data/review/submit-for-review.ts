import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { REVIEWER_ROLES, eligibleReviewers, reviewerRefusal } from "@/lib/domain/review";
import type { TSubmitForReview } from "@/lib/validation/review";
import { InvalidInputError } from "@/lib/errors";
import { actedBy, recordAuditEvent } from "../audit";
import { markActedOn, notify } from "../notifications";
import { ensureAllowed, lockModel, reviewLink, transition, withdrawDecisions } from "./model-lock";

export async function submitForReview(ctx: OrgContext, input: TSubmitForReview) {
  requirePermission(ctx, "model.submit");
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    const next = ensureAllowed(ctx, "submit", model);
    const reviewerIds = [...new Set(input.reviewerIds)];
    if (reviewerIds.length) {
      const reviewers = await tx.membership.findMany({
        where: { organizationId: ctx.organizationId, userId: { in: reviewerIds } },
        select: { userId: true, role: true },
      });
      if (reviewers.length !== reviewerIds.length)
        throw new InvalidInputError("A reviewer is not a member of this organization.", { reviewerIds: ["Choose reviewers among the members."] });
      const refusal = reviewerRefusal(reviewers, model.authors);
      if (refusal) throw new InvalidInputError(refusal.message, { reviewerIds: [refusal.field] });
    }
    // A new round: decisions from an earlier round do not carry over.
    await withdrawDecisions(tx, model.id, "Resubmitted for review.");
    await tx.threatModel.update({ where: { id: model.id }, data: { status: next, submittedAt: new Date(), requestedReviewerIds: reviewerIds } });
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "review.submitted",
      { type: "threat-model", id: model.id },
      { from: model.status, to: next, version: model.version, lockVersion: model.lockVersion, reviewers: reviewerIds.length },
    );
    // Nobody named: every security lead and tech lead is asked.
    const askIds = reviewerIds.length
      ? reviewerIds
      : eligibleReviewers(
          await tx.membership.findMany({
            where: { organizationId: ctx.organizationId, role: { in: [...REVIEWER_ROLES] } },
            select: { userId: true, role: true },
          }),
          model.authors,
        ).map((m) => m.userId);
    await notify(tx, {
      organizationId: ctx.organizationId,
      userIds: askIds,
      kind: "review-requested",
      title: `Review requested: ${model.title} ${model.version}`,
      link: reviewLink(ctx, model.id),
      exceptUserId: ctx.userId,
    });
    // Submitting again is what "changes requested" asked of the submitter.
    await markActedOn(tx, ctx, { kinds: ["changes-requested"], link: reviewLink(ctx, model.id) });
    return { status: next };
  });
}
