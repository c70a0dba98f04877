import { describe, expect, it } from "vitest";
import { lockedMessage, lockoutNotice, failureLocks, isLocked, DEFAULT_LOCKOUT } from "./lockout";
import { DEFAULT_RATE_LIMITS, limitVariable, parseLimit, rateLimitKey, rateLimitMessage, retryAfterSeconds } from "./rate-limit";

describe("rate-limit rules", () => {
  it("sign-in allows 5 attempts a minute per IP, as the authentication-service threat model states", () => {
    expect(DEFAULT_RATE_LIMITS["sign-in"].ip).toEqual({ points: 5, windowSeconds: 60 });
  });

  it("reads limits written as attempts/window and refuses anything else", () => {
    expect(parseLimit("5/1m")).toEqual({ points: 5, windowSeconds: 60 });
    expect(parseLimit(" 10 / 15m ")).toEqual({ points: 10, windowSeconds: 900 });
    expect(parseLimit("3/1h")).toEqual({ points: 3, windowSeconds: 3600 });
    for (const bad of ["5", "0/1m", "5/0s", "5/1d", "five/1m", "-1/1m"]) expect(parseLimit(bad)).toBeNull();
    expect(limitVariable("mfa-code", "account")).toBe("RATE_LIMIT_MFA_CODE_ACCOUNT");
  });

  it("counts an account by its lower-cased email and words the refusal with the wait", () => {
    expect(rateLimitKey("sign-in", "account", " Ada@Example.TEST ")).toBe("sign-in:account:ada@example.test");
    const policy = DEFAULT_RATE_LIMITS["sign-in"];
    expect(rateLimitMessage(policy, "ip", 42)).toBe("Too many sign-in attempts from your network. Try again in 42 seconds.");
    expect(rateLimitMessage(policy, "account", 1)).toBe("Too many sign-in attempts for this account. Try again in 1 second.");
    expect(rateLimitMessage(policy, "account", 601)).toBe("Too many sign-in attempts for this account. Try again in 11 minutes.");
    const now = new Date("2026-12-02T10:00:00.000Z");
    expect(retryAfterSeconds(new Date("2026-12-02T10:00:41.200Z"), now)).toBe(42);
    expect(retryAfterSeconds(now, now)).toBe(1);
  });
});

describe("lockout rules", () => {
  it("locks at the 5th consecutive failure for 15 minutes by default", () => {
    expect(DEFAULT_LOCKOUT).toEqual({ attempts: 5, minutes: 15 });
    expect(failureLocks(4, DEFAULT_LOCKOUT)).toBe(false);
    expect(failureLocks(5, DEFAULT_LOCKOUT)).toBe(true);
    const now = new Date("2026-12-02T14:02:00Z");
    expect(isLocked({ lockedUntil: new Date("2026-12-02T14:17:00Z") }, now)).toBe(true);
    expect(isLocked({ lockedUntil: now }, now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });

  it("says how long the lock lasts, and tells the owner when it happened", () => {
    expect(lockedMessage(new Date("2026-12-02T14:02:42Z"), new Date("2026-12-02T14:02:00Z"))).toBe(
      "This account is locked after too many failed sign-ins. Try again in 42 seconds, or ask an owner or admin of your organization to unlock it.",
    );
    expect(lockoutNotice(new Date("2026-12-02T14:02:31Z"), 5)).toMatch(/^Your account was locked at 14:02 UTC on 2026-12-02 after 5 failed sign-ins\./);
  });
});
