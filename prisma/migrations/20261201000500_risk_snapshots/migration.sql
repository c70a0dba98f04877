-- The dashboard's recorded history: one row of open-threat counts per organization per day. The
-- primary key is what keeps it to one row when several instances (or the job and a dashboard
-- load) take the day's snapshot at once.
CREATE TABLE "RiskSnapshot" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "openCritical" INTEGER NOT NULL,
    "openHigh" INTEGER NOT NULL,
    "openMedium" INTEGER NOT NULL,
    "openLow" INTEGER NOT NULL,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskSnapshot_pkey" PRIMARY KEY ("organizationId","day")
);

ALTER TABLE "RiskSnapshot" ADD CONSTRAINT "RiskSnapshot_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
