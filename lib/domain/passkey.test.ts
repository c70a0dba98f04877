import { describe, expect, it } from "vitest";
import { challengeExpiry, challengeIsLive, relyingParty } from "./passkey";

describe("relyingParty", () => {
  it("is the public URL's host name, and its origin with the port", () => {
    expect(relyingParty("https://threatdesk.example.com")).toEqual({ id: "threatdesk.example.com", origin: "https://threatdesk.example.com" });
    expect(relyingParty("http://localhost:3210")).toEqual({ id: "localhost", origin: "http://localhost:3210" });
  });
});

describe("challenges", () => {
  const now = new Date("2026-12-02T10:00:00Z");

  it("answer for five minutes and not a moment longer", () => {
    const expires = challengeExpiry(now);
    expect(expires.toISOString()).toBe("2026-12-02T10:05:00.000Z");
    expect(challengeIsLive(expires, new Date("2026-12-02T10:04:59Z"))).toBe(true);
    expect(challengeIsLive(expires, expires)).toBe(false);
  });

  it("never answer without an expiry", () => {
    expect(challengeIsLive(null, now)).toBe(false);
  });
});
