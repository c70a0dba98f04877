import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { acceptanceDeciderRefusal, isAcceptanceInForce, reviewDateRefusal } from "@/lib/domain/acceptance";
import { fromDay, toDay, today as todayOf } from "@/lib/domain/calendar";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { TDecideAcceptance } from "@/lib/validation/review";
import { actedBy, recordAuditEvent } from "../audit";
import { acceptanceLink, markActedOn, notify } from "../notifications";
import { lockModel, reviewLink } from "../review/model-lock";
import { completeSignOffIfReady } from "../review/sign-off";

const ymd = toDay;
const toDate = fromDay;

/**
 * A security lead's sign-off on a residual risk proposed for acceptance, or its rejection.
 * Accepting may set a new review date, which is how an accepted risk is renewed. The decision is
 * conditional on the state the lead saw, so two leads deciding at once cannot both win. Accepting
 * can remove a model's last blocker, so it runs under the model's row lock (taken before the
 * risk's row, in the order edits take them) and completes a sign-off both leads have given.
 */
export async function decideAcceptance(ctx: OrgContext, input: TDecideAcceptance) {
  requirePermission(ctx, "risk.accept");
  return db().$transaction(async (tx) => {
    const found = await tx.residualRiskAcceptance.findFirst({
      where: { id: input.acceptanceId, organizationId: ctx.organizationId },
      select: { threatModelId: true },
    });
    if (!found) throw new NotFoundError("That residual risk");
    const model = await lockModel(tx, ctx, found.threatModelId);
    const acceptance = await tx.residualRiskAcceptance.findFirst({
      where: { id: input.acceptanceId, organizationId: ctx.organizationId },
      select: { id: true, status: true, reviewDate: true, threatTitle: true, threatModelId: true, proposedById: true, updatedAt: true },
    });
    if (!acceptance) throw new NotFoundError("That residual risk");
    if (input.seenUpdatedAt && acceptance.updatedAt.toISOString() !== new Date(input.seenUpdatedAt).toISOString()) {
      throw new ConflictError("This residual risk was changed after you opened it. Reload to read the current wording, then decide.");
    }
    if (model.status === "ARCHIVED") throw new ConflictError("The threat model is archived: restore it before signing off its risks.");
    const today = todayOf();
    const reviewDate = input.reviewDate ?? ymd(acceptance.reviewDate);
    if (input.decision === "ACCEPTED") {
      const decider = acceptanceDeciderRefusal(acceptance, ctx.userId);
      if (decider) throw new ForbiddenError(decider);
      if (!isAcceptanceInForce({ status: "ACCEPTED", reviewDate }, today))
        throw new InvalidInputError("The review date has passed: choose a new review date to accept (or renew) this risk.", {
          reviewDate: ["Choose a date from today on."],
        });
      const { acceptanceHorizonYears } = await tx.organization.findUniqueOrThrow({
        where: { id: ctx.organizationId },
        select: { acceptanceHorizonYears: true },
      });
      const tooFar = reviewDateRefusal(reviewDate, today, acceptanceHorizonYears);
      if (tooFar) throw new InvalidInputError(tooFar, { reviewDate: [tooFar] });
      // Proposed risks are accepted; accepted ones (in force or expired) may be renewed with a new date.
      if (acceptance.status === "REJECTED") throw new ConflictError("This residual risk was rejected. It can be proposed again by changing it in the editor.");
      if (acceptance.status === "ACCEPTED" && !input.reviewDate)
        throw new ConflictError("This residual risk is already accepted. To renew it, choose a new review date.");
    } else if (acceptance.status !== "PROPOSED") {
      throw new ConflictError("Only a proposed residual risk can be rejected.");
    }
    // Conditional on the row as read: of two decisions at once, the second finds it changed.
    const updated = await tx.residualRiskAcceptance.updateMany({
      where: { id: acceptance.id, status: acceptance.status, updatedAt: acceptance.updatedAt },
      data: { status: input.decision, decidedById: ctx.userId, decidedAt: new Date(), decisionComment: input.comment, reviewDate: toDate(reviewDate) },
    });
    if (updated.count !== 1) throw new ConflictError("Someone decided on this residual risk at the same time. Reload to see their decision.");
    const renewed = acceptance.status === "ACCEPTED";
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      input.decision === "REJECTED" ? "risk.rejected" : renewed ? "risk.renewed" : "risk.accepted",
      { type: "residual-risk", id: acceptance.id },
      {
        modelId: acceptance.threatModelId,
        threat: acceptance.threatTitle,
        from: acceptance.status,
        to: input.decision,
        reviewDate,
        previousReviewDate: ymd(acceptance.reviewDate),
      },
    );
    await notify(tx, {
      organizationId: ctx.organizationId,
      userIds: [acceptance.proposedById],
      kind: "review-decision",
      title: `Residual risk “${acceptance.threatTitle}” ${input.decision === "REJECTED" ? "was rejected" : renewed ? `was renewed until ${reviewDate}` : `was accepted until ${reviewDate}`}`,
      link: reviewLink(ctx, acceptance.threatModelId),
      exceptUserId: ctx.userId,
    });
    if (input.decision === "ACCEPTED") {
      // Renewing (or accepting) is what a reminder about this risk asked of the lead.
      await markActedOn(tx, ctx, { kinds: ["acceptance-expiring", "acceptance-expired"], link: acceptanceLink(ctx, acceptance.threatModelId, acceptance.id) });
      if (model.status === "IN_REVIEW") await completeSignOffIfReady(tx, ctx, model, "risk.accepted");
    }
    return { status: input.decision };
  });
}
