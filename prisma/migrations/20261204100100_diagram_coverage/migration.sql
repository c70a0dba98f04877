-- Each model's diagram coverage as the domain rule computed it at its last change, so the
-- dashboard can add the figures up across the organization inside PostgreSQL.
ALTER TABLE "ThreatModel" ADD COLUMN "coverageApplicable" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ThreatModel" ADD COLUMN "coverageCovered" INTEGER NOT NULL DEFAULT 0;
