-- Review workflow: requested reviewers, archive/restore, and decisions that can be withdrawn and
-- given again on the same state of a model.
ALTER TABLE "ThreatModel" ADD COLUMN "requestedReviewerIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "ThreatModel" ADD COLUMN "statusBeforeArchive" "ThreatModelStatus";

DROP INDEX "Approval_threatModelId_lockVersion_reviewerId_key";
CREATE INDEX "Approval_threatModelId_lockVersion_idx" ON "Approval"("threatModelId", "lockVersion");
-- Two clicks (or two instances) can never record two live decisions by one reviewer on one state.
CREATE UNIQUE INDEX "Approval_one_live_decision" ON "Approval"("threatModelId", "lockVersion", "reviewerId") WHERE "withdrawnAt" IS NULL;
