-- The last approved version of a model, kept while its next revision is drafted, so the model
-- still counts as approved and the threats added since can be told apart.
ALTER TABLE "ThreatModel" ADD COLUMN "approvedVersion" TEXT;

-- Models approved before: their latest approved revision is the last approval.
UPDATE "ThreatModel" m
SET "approvedVersion" = r.version,
    "approvedAt" = coalesce(m."approvedAt", r."createdAt")
FROM (
  SELECT DISTINCT ON ("threatModelId") "threatModelId", version, "createdAt"
  FROM "Revision"
  ORDER BY "threatModelId", "createdAt" DESC, id DESC
) r
WHERE r."threatModelId" = m.id;
