import { describe, expect, it } from "vitest";
import { boundUserAgent, idleDeadline, lastSeenIsStale, sessionEndNotice, sessionEndReason, SESSION_ENDS, type SessionState } from "./session-policy";

const now = new Date("2026-12-02T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() - n * 60_000);
const limits = { idleMinutes: 30 };
const live: SessionState = { revokedAt: null, endedReason: null, expiresAt: new Date("2026-12-02T20:00:00Z"), lastSeenAt: minutes(5), userAgent: "Firefox" };
const request = { userAgent: "Firefox" };

describe("sessionEndReason", () => {
  it("lets a live session from its own browser through", () => {
    expect(sessionEndReason(live, request, now, limits)).toBeNull();
  });

  it("ends a session idle for the whole idle timeout, not a minute before", () => {
    expect(sessionEndReason({ ...live, lastSeenAt: minutes(29) }, request, now, limits)).toBeNull();
    expect(sessionEndReason({ ...live, lastSeenAt: minutes(30) }, request, now, limits)).toBe("idle");
    expect(sessionEndReason({ ...live, lastSeenAt: minutes(31) }, request, now, { idleMinutes: 45 })).toBeNull();
  });

  it("ends a session at its absolute lifetime however active it is", () => {
    expect(sessionEndReason({ ...live, expiresAt: now, lastSeenAt: now }, request, now, limits)).toBe("expired");
  });

  it("ends a session presented by another user agent", () => {
    expect(sessionEndReason(live, { userAgent: "curl/8.5.0" }, now, limits)).toBe("device-changed");
    expect(sessionEndReason(live, { userAgent: null }, now, limits)).toBe("device-changed");
  });

  it("compares user agents as stored: cut to the same length", () => {
    const long = "x".repeat(2000);
    expect(sessionEndReason({ ...live, userAgent: boundUserAgent(long) }, { userAgent: long }, now, limits)).toBeNull();
  });

  it("keeps a revoked session's recorded reason, and calls an unrecorded one a sign-out", () => {
    expect(sessionEndReason({ ...live, revokedAt: minutes(1), endedReason: "privilege-changed" }, request, now, limits)).toBe("privilege-changed");
    expect(sessionEndReason({ ...live, revokedAt: minutes(1), endedReason: null }, request, now, limits)).toBe("signed-out");
    expect(sessionEndReason({ ...live, revokedAt: minutes(1), endedReason: "nonsense" }, request, now, limits)).toBe("signed-out");
  });
});

describe("idleDeadline and lastSeenIsStale", () => {
  it("counts the idle timeout from the last time the session was seen", () => {
    expect(idleDeadline(minutes(10), limits)).toEqual(new Date(now.getTime() + 20 * 60_000));
  });

  it("writes lastSeenAt again after a minute, not before", () => {
    expect(lastSeenIsStale(new Date(now.getTime() - 59_999), now)).toBe(false);
    expect(lastSeenIsStale(new Date(now.getTime() - 60_000), now)).toBe(true);
  });
});

describe("sessionEndNotice", () => {
  it("explains every way a session ends except a plain sign-out and a rotation (the browser holds the new session)", () => {
    for (const reason of SESSION_ENDS) {
      const notice = sessionEndNotice(reason, limits);
      if (reason === "signed-out" || reason === "rotated") expect(notice).toBeNull();
      else expect(notice).toMatch(/sign in/i);
    }
    expect(sessionEndNotice("idle", limits)).toContain("30 minutes");
  });
});
