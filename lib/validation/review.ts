import { z } from "zod";
import { ZCalendarDate, ZId, ZText } from "./fields";

const COMMENT_MAX = 5_000;

/** What a reviewer says with a decision: optional, except where the decision needs a reason. */
const ZDecisionComment = ZText()
  .trim()
  .max(COMMENT_MAX, `A comment has at most ${COMMENT_MAX.toLocaleString("en")} characters.`)
  .default("");

export const ZSubmitForReview = z.object({
  modelId: ZId,
  /** Members asked to review; anyone in a reviewing role may still decide. */
  reviewerIds: z.array(ZId).max(20, "Name at most 20 reviewers.").default([]),
});
export type TSubmitForReview = z.output<typeof ZSubmitForReview>;

export const ZDecideReview = z
  .object({
    modelId: ZId,
    /** The state of the model the reviewer saw: a decision on anything older is refused. */
    lockVersion: z.number().int().positive(),
    decision: z.enum(["APPROVED", "CHANGES_REQUESTED"]),
    comment: ZDecisionComment,
  })
  .refine((d) => d.decision === "APPROVED" || d.comment.length > 0, {
    path: ["comment"],
    message: "Say what needs to change: requesting changes needs a comment.",
  });
export type TDecideReview = z.output<typeof ZDecideReview>;

export const ZStartRevision = z.object({ modelId: ZId, step: z.enum(["minor", "major"]).default("minor") });
export type TStartRevision = z.output<typeof ZStartRevision>;

export const ZModelOnly = z.object({ modelId: ZId });

export const ZDecideAcceptance = z
  .object({
    acceptanceId: ZId,
    decision: z.enum(["ACCEPTED", "REJECTED"]),
    comment: ZDecisionComment,
    /** Accepting may set a new review date: how an expired acceptance is renewed. */
    reviewDate: ZCalendarDate("The review date").optional(),
    /** When the proposal the lead read was last changed: a decision on older wording is refused. */
    seenUpdatedAt: z.iso.datetime().optional(),
  })
  .refine((d) => d.decision === "ACCEPTED" || d.comment.length > 0, {
    path: ["comment"],
    message: "Say why the risk is not accepted: rejecting needs a comment.",
  });
export type TDecideAcceptance = z.output<typeof ZDecideAcceptance>;

/** `?compare=` on a revision page: another revision's id, or "current" for the draft. */
export const ZCompareRevisions = z.object({ compare: z.union([z.literal("current"), ZId]).optional() });
