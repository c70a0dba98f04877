-- Brute-force defences, shared by every instance on the database. One row per counted key
-- ("sign-in:ip:203.0.113.7"), updated by one INSERT … ON CONFLICT statement per attempt, so
-- concurrent attempts on any instance each count exactly once.
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "resetAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "RateLimitCounter_resetAt_idx" ON "RateLimitCounter"("resetAt");

-- Consecutive failed sign-ins per email address, whether or not an account has it, so a locked
-- address answers the same for an account that exists and one that does not.
CREATE TABLE "SignInLockout" (
    "email" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" TIMESTAMP(3),
    "lockedAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),
    "lockedAfter" INTEGER,
    "noticeDue" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SignInLockout_pkey" PRIMARY KEY ("email")
);
