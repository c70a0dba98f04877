import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { listComments } from "./list-comments";

/**
 * Everything a comment thread shows for one model: its comments, its threats (what a comment
 * can be about, in the model's order) and the members who can be mentioned.
 */
export async function loadCommentThread(ctx: OrgContext, modelId: string) {
  const comments = await listComments(ctx, modelId);
  const [model, memberships] = await Promise.all([
    db().threatModel.findFirst({
      where: { id: modelId, organizationId: ctx.organizationId },
      select: { id: true, title: true, threats: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, title: true } } },
    }),
    db().membership.findMany({ where: { organizationId: ctx.organizationId }, select: { user: { select: { id: true, name: true } } } }),
  ]);
  if (!model) throw new NotFoundError("That threat model");
  const members = memberships.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name));
  return { model: { id: model.id, title: model.title }, comments, threats: model.threats, members };
}
