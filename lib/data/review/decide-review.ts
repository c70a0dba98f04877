import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { CAPACITY_LABELS, reviewCapacityFor, signOffStillNeeded } from "@/lib/domain/review";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import type { TDecideReview } from "@/lib/validation/review";
import { actedBy, recordAuditEvent } from "../audit";
import { markActedOn, notify } from "../notifications";
import { ensureAllowed, lockModel, reviewLink, transition } from "./model-lock";
import { completeSignOffIfReady } from "./sign-off";

/**
 * A security lead's or tech lead's decision on the state of the model they saw. An approval is
 * recorded even while blockers exist: the gate holds the model, not the lead. The model is
 * approved, in the same transaction, when both capacities have approved that same state and no
 * blocker remains; it then gets its next review date, its threats their fix-by dates, and an
 * immutable snapshot.
 */
export async function decideReview(ctx: OrgContext, input: TDecideReview) {
  requirePermission(ctx, "model.review");
  const approving = input.decision === "APPROVED";
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    ensureAllowed(ctx, approving ? "approve" : "request-changes", model);
    // The capacity this lead signs off in; the state machine has already refused the author.
    const capacity = reviewCapacityFor({ userId: ctx.userId, role: ctx.role }, model.authors);
    if (!capacity) throw new ForbiddenError("Only a security lead or a tech lead can review.");
    if (model.lockVersion !== input.lockVersion) {
      throw new ConflictError(
        "The model changed after you opened it, so your decision would be about an outdated revision. Look at the changes, then decide again.",
      );
    }
    const mine = await tx.approval.findFirst({
      where: { threatModelId: model.id, lockVersion: model.lockVersion, reviewerId: ctx.userId, withdrawnAt: null },
      select: { decision: true },
    });
    if (mine)
      throw new ConflictError(
        mine.decision === "APPROVED" ? "You have already approved this revision." : "You have already requested changes on this revision.",
      );

    await tx.approval.create({
      data: {
        organizationId: ctx.organizationId,
        threatModelId: model.id,
        lockVersion: model.lockVersion,
        reviewerId: ctx.userId,
        capacity,
        decision: input.decision,
        comment: input.comment,
      },
    });
    // Deciding is what the review request asked of this lead.
    await markActedOn(tx, ctx, { kinds: ["review-requested"], link: reviewLink(ctx, model.id) });
    const authorAndOwner = [model.createdById, model.ownerId].filter((id): id is string => Boolean(id));

    if (!approving) {
      await tx.threatModel.update({ where: { id: model.id }, data: { status: "CHANGES_REQUESTED" } });
      await recordAuditEvent(
        tx,
        actedBy(ctx),
        "review.changes-requested",
        { type: "threat-model", id: model.id },
        { capacity, version: model.version, lockVersion: model.lockVersion, from: "IN_REVIEW", to: "CHANGES_REQUESTED" },
      );
      await notify(tx, {
        organizationId: ctx.organizationId,
        userIds: authorAndOwner,
        kind: "changes-requested",
        title: `Changes requested on ${model.title}: ${input.comment}`,
        link: reviewLink(ctx, model.id),
        exceptUserId: ctx.userId,
      });
      return { status: "CHANGES_REQUESTED" as ThreatModelStatus, approved: false };
    }

    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "review.approved",
      { type: "threat-model", id: model.id },
      { capacity, version: model.version, lockVersion: model.lockVersion },
    );
    const signOff = await completeSignOffIfReady(tx, ctx, model, "review.approved");
    if (!signOff.complete) {
      await notify(tx, {
        organizationId: ctx.organizationId,
        userIds: authorAndOwner,
        kind: "review-decision",
        title: `${model.title}: approved by ${ctx.name} (${CAPACITY_LABELS[capacity]}). ${signOffStillNeeded(signOff)}`,
        link: reviewLink(ctx, model.id),
        exceptUserId: ctx.userId,
      });
      return { status: "IN_REVIEW" as ThreatModelStatus, approved: false };
    }
    return { status: "APPROVED" as ThreatModelStatus, approved: true };
  });
}
