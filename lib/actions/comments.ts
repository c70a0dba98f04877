"use server";
import { addComment } from "@/lib/data/comments/add-comment";
import { ZAddComment } from "@/lib/validation/comments";
import { orgAction } from "./action";

/** The thread refreshes itself from the server afterwards; the form needs only the new id. */
export const addCommentAction = orgAction({ name: "comment.add", permission: "comment.create", schema: ZAddComment }, async (ctx, input) => {
  const comment = await addComment(ctx, input);
  return { id: comment.id };
});
