import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/errors";
import { ZAddComment } from "@/lib/validation/comments";
import { actedBy, recordAuditEvent } from "../audit";
import { notify } from "../notifications";
import { COMMENT_SELECT, toView, type CommentView } from "./comment-view";

/**
 * Adds a comment on a model or one of its threats. One transaction: the comment, its audit event
 * (without the text: the audit trail outlives what people wrote), "mentioned" notifications to
 * the mentioned members and "comment" ones to the model's creator and owner.
 */
export async function addComment(
  ctx: OrgContext,
  raw: { modelId: string; threatId?: string | null; body: string; mentionedUserIds: string[] },
): Promise<CommentView> {
  requirePermission(ctx, "comment.create");
  const parsed = ZAddComment.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError("Some fields need attention.", fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const organizationId = ctx.organizationId;

  return db().$transaction(async (tx) => {
    const model = await tx.threatModel.findFirst({
      where: { id: input.modelId, organizationId },
      select: { id: true, title: true, createdById: true, ownerId: true },
    });
    if (!model) throw new NotFoundError("That threat model");

    const threat = input.threatId
      ? await tx.threat.findFirst({ where: { id: input.threatId, organizationId, threatModelId: model.id }, select: { id: true, title: true } })
      : null;
    if (input.threatId && !threat) {
      throw new InvalidInputError("That threat is not part of this threat model.", { threatId: ["Choose a threat of this threat model."] });
    }

    const mentioned = input.mentionedUserIds.length
      ? await tx.membership.findMany({
          where: { organizationId, userId: { in: input.mentionedUserIds } },
          select: { user: { select: { id: true, name: true } } },
        })
      : [];
    if (mentioned.length !== input.mentionedUserIds.length) {
      throw new InvalidInputError("Only members of this organization can be mentioned.", { mentionedUserIds: ["Mention members of this organization only."] });
    }

    const row = await tx.comment.create({
      data: {
        organizationId,
        threatModelId: model.id,
        threatId: threat?.id ?? null,
        authorId: ctx.userId,
        body: input.body,
        mentionedUserIds: input.mentionedUserIds,
      },
      select: COMMENT_SELECT,
    });
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "comment.added",
      { type: "comment", id: row.id },
      { modelId: model.id, threatId: threat?.id ?? null, mentions: input.mentionedUserIds.length },
    );

    // The thread lives on the review page.
    const link = `/${ctx.organizationSlug}/models/${model.id}/review`;
    const where = threat ? `the threat “${threat.title}” in “${model.title}”` : `“${model.title}”`;
    await notify(tx, {
      organizationId,
      userIds: input.mentionedUserIds,
      kind: "mentioned",
      title: `${ctx.name} mentioned you in a comment on ${where}`,
      link,
      exceptUserId: ctx.userId,
    });
    // Whoever was mentioned already heard about this comment: one notification each, not two.
    const mentionedSet = new Set(input.mentionedUserIds);
    const followers = [model.createdById, model.ownerId].filter((id): id is string => Boolean(id) && !mentionedSet.has(id!));
    await notify(tx, {
      organizationId,
      userIds: followers,
      kind: "comment",
      title: `${ctx.name} commented on ${where}`,
      link,
      exceptUserId: ctx.userId,
    });

    return toView(row, new Map(mentioned.map((m) => [m.user.id, m.user.name])));
  });
}
