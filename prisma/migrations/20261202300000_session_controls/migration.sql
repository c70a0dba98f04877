-- Why a session ended (signed out, idle, another device, a privilege change …): shown to the user
-- on the sign-in page and kept for the account's session history.
ALTER TABLE "Session" ADD COLUMN "endedReason" TEXT;

-- The account page lists a user's live sessions, newest activity first.
CREATE INDEX "Session_userId_lastSeenAt_idx" ON "Session"("userId", "lastSeenAt");
