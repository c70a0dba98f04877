import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { nextVersion } from "@/lib/domain/review";
import type { TStartRevision } from "@/lib/validation/review";
import { actedBy, recordAuditEvent } from "../audit";
import { ensureAllowed, lockModel, transition, withdrawDecisions } from "../review/model-lock";

/** An approved model becomes the next version's draft; the approved revision stays readable. */
export async function startNewRevision(ctx: OrgContext, input: TStartRevision) {
  requirePermission(ctx, "model.edit");
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    const next = ensureAllowed(ctx, "start-revision", model);
    let version = nextVersion(model.version, input.step);
    // Never reuse a version an earlier revision was approved under.
    while (await tx.revision.findUnique({ where: { threatModelId_version: { threatModelId: model.id, version } }, select: { id: true } }))
      version = nextVersion(version, input.step);
    await withdrawDecisions(tx, model.id, `Superseded: revision ${version} started.`);
    await tx.threatModel.update({
      where: { id: model.id },
      data: { status: next, version, submittedAt: null, requestedReviewerIds: [], revisionEditorIds: [], lockVersion: { increment: 1 } },
    });
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "review.revision-started",
      { type: "threat-model", id: model.id },
      { fromVersion: model.version, toVersion: version, from: model.status, to: next },
    );
    return { version };
  });
}
