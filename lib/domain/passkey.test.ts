import { describe, expect, it } from "vitest";
import { authenticatorDataCounter, challengeExpiry, challengeIsLive, relyingParty, signCountAdvances } from "./passkey";

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

describe("authenticatorDataCounter", () => {
  it("reads the big-endian counter after the RP ID hash and the flags", () => {
    const data = new Uint8Array(37);
    data.set([0x00, 0x01, 0x02, 0x03], 33);
    expect(authenticatorDataCounter(data)).toBe(0x00010203);
  });

  it("reads it from a view into a larger buffer", () => {
    const buffer = new Uint8Array(45);
    buffer.set([0, 0, 0, 7], 41);
    expect(authenticatorDataCounter(buffer.subarray(8))).toBe(7);
  });

  it("is null for data too short to hold one", () => {
    expect(authenticatorDataCounter(new Uint8Array(36))).toBeNull();
  });
});

describe("signCountAdvances", () => {
  it("accepts authenticators that keep no counter", () => {
    expect(signCountAdvances(0, 0)).toBe(true);
  });

  it("accepts a counter that goes up", () => {
    expect(signCountAdvances(0, 1)).toBe(true);
    expect(signCountAdvances(41, 42)).toBe(true);
  });

  it("refuses a counter that stays or falls: a copy of the key was used", () => {
    expect(signCountAdvances(5, 5)).toBe(false);
    expect(signCountAdvances(5, 3)).toBe(false);
    expect(signCountAdvances(5, 0)).toBe(false);
  });
});
