import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { COMMENT_SELECT, toView, type CommentView } from "./comment-view";

/** The model's comments, oldest first; another organization's model is not found. */
export async function listComments(ctx: OrgContext, modelId: string): Promise<CommentView[]> {
  requirePermission(ctx, "model.read");
  const model = await db().threatModel.findFirst({ where: { id: modelId, organizationId: ctx.organizationId }, select: { id: true } });
  if (!model) throw new NotFoundError("That threat model");
  const rows = await db().comment.findMany({
    where: { organizationId: ctx.organizationId, threatModelId: model.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: COMMENT_SELECT,
  });
  const mentionedIds = [...new Set(rows.flatMap((r) => r.mentionedUserIds))];
  const users = mentionedIds.length ? await db().user.findMany({ where: { id: { in: mentionedIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => toView(r, names));
}
