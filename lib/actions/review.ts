"use server";
import { decideAcceptance } from "@/lib/data/acceptances/decide-acceptance";
import { decideReview } from "@/lib/data/review/decide-review";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { startNewRevision } from "@/lib/data/revisions/start-new-revision";
import { archiveModel } from "@/lib/data/threat-models/archive-model";
import { restoreModel } from "@/lib/data/threat-models/restore-model";
import { ZDecideAcceptance, ZDecideReview, ZModelOnly, ZStartRevision, ZSubmitForReview } from "@/lib/validation/review";
import { orgAction } from "./action";

// The review workflow's transitions. Each checks the role here and the model's state, the
// author and the revision in lib/data, inside one transaction.
export const submitForReviewAction = orgAction({ name: "review.submit", permission: "model.submit", schema: ZSubmitForReview }, submitForReview);

export const decideReviewAction = orgAction({ name: "review.decide", permission: "model.review", schema: ZDecideReview }, decideReview);

export const startNewRevisionAction = orgAction({ name: "review.start-revision", permission: "model.edit", schema: ZStartRevision }, startNewRevision);

export const archiveModelAction = orgAction({ name: "threat-model.archive", permission: "model.archive", schema: ZModelOnly }, archiveModel);

export const restoreModelAction = orgAction({ name: "threat-model.restore", permission: "model.archive", schema: ZModelOnly }, restoreModel);

export const decideAcceptanceAction = orgAction({ name: "risk.decide", permission: "risk.accept", schema: ZDecideAcceptance }, decideAcceptance);
