-- Data-flow diagrams: each model's diagrams as JSON documents, the diagram items each threat is
-- on, and the recorded reasons a suggested STRIDE category does not apply to an item.
CREATE TABLE "Diagram" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "threatModelId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Diagram_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Diagram_threatModelId_position_idx" ON "Diagram"("threatModelId", "position");
CREATE INDEX "Diagram_organizationId_idx" ON "Diagram"("organizationId");
ALTER TABLE "Diagram" ADD CONSTRAINT "Diagram_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Diagram" ADD CONSTRAINT "Diagram_threatModelId_fkey" FOREIGN KEY ("threatModelId") REFERENCES "ThreatModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SuggestionDismissal" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "threatModelId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "category" "StrideCategory" NOT NULL,
    "reason" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SuggestionDismissal_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SuggestionDismissal_threatModelId_elementId_category_key" ON "SuggestionDismissal"("threatModelId", "elementId", "category");
CREATE INDEX "SuggestionDismissal_organizationId_idx" ON "SuggestionDismissal"("organizationId");
ALTER TABLE "SuggestionDismissal" ADD CONSTRAINT "SuggestionDismissal_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SuggestionDismissal" ADD CONSTRAINT "SuggestionDismissal_threatModelId_fkey" FOREIGN KEY ("threatModelId") REFERENCES "ThreatModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Threat" ADD COLUMN "elementIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
