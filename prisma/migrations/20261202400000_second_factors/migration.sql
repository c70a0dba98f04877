-- Second factors (authenticator apps and passkeys), recovery codes, and the session state of the
-- second step of signing in. An organization may require a second factor of every member.
CREATE TYPE "SecondFactorKind" AS ENUM ('TOTP', 'PASSKEY');

CREATE TABLE "SecondFactor" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "SecondFactorKind" NOT NULL,
    "name" TEXT NOT NULL,
    "totpSecret" TEXT,
    "totpLastStep" INTEGER,
    "credentialId" TEXT,
    "publicKey" BYTEA,
    "signCount" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[],
    "confirmedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SecondFactor_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SecondFactor_credentialId_key" ON "SecondFactor"("credentialId");
CREATE INDEX "SecondFactor_userId_idx" ON "SecondFactor"("userId");
ALTER TABLE "SecondFactor" ADD CONSTRAINT "SecondFactor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RecoveryCode_codeHash_key" ON "RecoveryCode"("codeHash");
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Session" ADD COLUMN "secondFactorDue" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "secondFactorAt" TIMESTAMP(3),
    ADD COLUMN "challenge" TEXT,
    ADD COLUMN "challengeExpiresAt" TIMESTAMP(3);

ALTER TABLE "Organization" ADD COLUMN "requireMfa" BOOLEAN NOT NULL DEFAULT false;
