// When a session stops being honoured. The session cookie only names a Session row; these rules
// decide, on every request and on every instance, whether that row still stands for a signed-in
// user (OWASP ASVS 5.0 V7, NIST SP 800-63B-4 §2.2.3 reauthentication: an idle timeout and an
// absolute lifetime, both enforced on the server).

/** Why a session ended. Stored in Session.endedReason and shown on the sign-in page. */
export const SESSION_ENDS = [
  "signed-out",
  "expired",
  "idle",
  "device-changed",
  "privilege-changed",
  "signed-out-elsewhere",
  "password-changed",
  "rotated",
] as const;
export type SessionEnd = (typeof SESSION_ENDS)[number];

export type SessionState = { revokedAt: Date | null; endedReason: string | null; expiresAt: Date; lastSeenAt: Date; userAgent: string | null };

export type SessionLimits = { idleMinutes: number };

/** Session.lastSeenAt is written at most this often, so an active user costs one write a minute, not one a request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The longest user agent kept; longer ones are cut the same way when stored and when compared. */
export const USER_AGENT_MAX = 512;

export function boundUserAgent(userAgent: string | null | undefined): string | null {
  return userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null;
}

/** The moment a session that was last seen at `lastSeenAt` falls idle. */
export function idleDeadline(lastSeenAt: Date, limits: SessionLimits): Date {
  return new Date(lastSeenAt.getTime() + limits.idleMinutes * 60_000);
}

/**
 * Why this session may no longer be used for a request from `request.userAgent` at `now`, or
 * null while it stands. A revoked session keeps the reason it was revoked with; the user agent
 * the session started with binds it (the session fingerprint): a cookie replayed from another
 * browser ends the session rather than being served.
 */
export function sessionEndReason(session: SessionState, request: { userAgent: string | null }, now: Date, limits: SessionLimits): SessionEnd | null {
  if (session.revokedAt) return isSessionEnd(session.endedReason) ? session.endedReason : "signed-out";
  if (session.expiresAt <= now) return "expired";
  if (idleDeadline(session.lastSeenAt, limits) <= now) return "idle";
  if (boundUserAgent(session.userAgent) !== boundUserAgent(request.userAgent)) return "device-changed";
  return null;
}

/** Whether a live session's lastSeenAt is old enough to be written again. */
export function lastSeenIsStale(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
}

export function isSessionEnd(value: unknown): value is SessionEnd {
  return typeof value === "string" && (SESSION_ENDS as readonly string[]).includes(value);
}

/** What the sign-in page tells someone whose session ended, by reason; null where nothing needs saying. */
export function sessionEndNotice(reason: SessionEnd, limits: SessionLimits): string | null {
  switch (reason) {
    case "idle":
      return `You were signed out after ${limits.idleMinutes} minutes without activity. Sign in again to continue.`;
    case "expired":
      return "Your session reached its time limit. Sign in again to continue.";
    case "device-changed":
      return "Your session was ended because it was used from a different browser. Sign in again to continue.";
    case "privilege-changed":
      return "Your role changed, so you were signed out. Sign in again to continue with your new role.";
    case "signed-out-elsewhere":
      return "This session was signed out from another of your sessions. Sign in again to continue.";
    case "password-changed":
      return "Your password was changed, so your other sessions were signed out. Sign in with the new password.";
    case "signed-out":
    // Replaced by a new session when the second factor was given; the browser holds the new one.
    case "rotated":
      return null;
  }
}
