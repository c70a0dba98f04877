import { z } from "zod";
import { ZId, ZText } from "./fields";

export const COMMENT_MAX = 5_000;
/** More mentions than this in one comment is a broadcast, not a conversation. */
export const MENTIONS_MAX = 20;

export const ZCommentBody = ZText({ message: "Write a comment first." })
  .trim()
  .min(1, "Write a comment first.")
  .max(COMMENT_MAX, `A comment has at most ${COMMENT_MAX.toLocaleString("en")} characters.`);

export const ZAddComment = z.object({
  modelId: ZId,
  // The form sends "" for "about the whole model".
  threatId: z.preprocess((v) => (v === "" || v === undefined ? null : v), ZId.nullable()),
  body: ZCommentBody,
  mentionedUserIds: z
    .array(ZId)
    .max(MENTIONS_MAX, `Mention at most ${MENTIONS_MAX} people in one comment.`)
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
export type TAddComment = z.output<typeof ZAddComment>;
export type TAddCommentInput = z.input<typeof ZAddComment>;
