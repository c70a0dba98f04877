import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { challengeExpiry, challengeIsLive } from "@/lib/domain/passkey";

/** Keeps the challenge just given to the browser on the session's row; it replaces any earlier one. */
export async function keepSessionChallenge(sessionId: string, userId: string, challenge: string, now: Date): Promise<boolean> {
  const kept = await db().session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { challenge, challengeExpiresAt: challengeExpiry(now) },
  });
  return kept.count === 1;
}

/**
 * Takes the session's challenge, clearing it whatever comes next: a challenge answers once,
 * whether the answer holds or not. Null when there is none, it has expired, or another request
 * took it first (the clearing is conditional on the value read).
 */
export async function takeSessionChallenge(tx: Tx | ReturnType<typeof db>, sessionId: string, userId: string, now: Date): Promise<string | null> {
  const row = await tx.session.findFirst({ where: { id: sessionId, userId, revokedAt: null }, select: { challenge: true, challengeExpiresAt: true } });
  if (!row?.challenge) return null;
  const taken = await tx.session.updateMany({
    where: { id: sessionId, challenge: row.challenge },
    data: { challenge: null, challengeExpiresAt: null },
  });
  return taken.count === 1 && challengeIsLive(row.challengeExpiresAt, now) ? row.challenge : null;
}
