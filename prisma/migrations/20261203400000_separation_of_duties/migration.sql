-- Separation of duties: bounded review dates, role grants confirmed by a second manager, and
-- everyone who edited a revision counted as its author when the organization says so.
ALTER TABLE "Organization" ADD COLUMN "acceptanceHorizonYears" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "Organization" ADD COLUMN "roleGrantsNeedSecondManager" BOOLEAN;
ALTER TABLE "Organization" ADD COLUMN "editorsCountAsAuthors" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "ThreatModel" ADD COLUMN "revisionEditorIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

ALTER TABLE "Membership" ADD COLUMN "pendingRole" "Role";
ALTER TABLE "Membership" ADD COLUMN "pendingRoleById" TEXT;
ALTER TABLE "Membership" ADD COLUMN "pendingRoleAt" TIMESTAMP(3);
