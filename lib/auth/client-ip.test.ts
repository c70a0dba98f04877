import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, clientIp, parseTrustedProxies } from "./client-ip";

const headers = (values: Record<string, string>) => new Headers(values);
const none = parseTrustedProxies("");

describe("clientIp", () => {
  it("is the connection's address by default, whatever X-Forwarded-For or X-Real-IP say", () => {
    const h = headers({ [PEER_ADDRESS_HEADER]: "::ffff:192.0.2.10", "x-forwarded-for": "203.0.113.1", "x-real-ip": "203.0.113.2" });
    expect(clientIp(h, none)).toBe("192.0.2.10");
  });

  it("is unknown (null) without the connection's address, never a header the client wrote", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.1" }), parseTrustedProxies("0.0.0.0/0"))).toBeNull();
  });

  it("behind a trusted proxy, is the nearest untrusted hop of X-Forwarded-For, read from the right", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.1");
    const h = headers({ [PEER_ADDRESS_HEADER]: "192.0.2.1", "x-forwarded-for": "198.51.100.99, 203.0.113.7, 10.0.0.5" });
    // 198.51.100.99 is what the client itself claimed; 203.0.113.7 is what our proxy saw.
    expect(clientIp(h, trusted)).toBe("203.0.113.7");
  });

  it("ignores the headers when the connection is not from a trusted proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(clientIp(headers({ [PEER_ADDRESS_HEADER]: "198.51.100.4", "x-forwarded-for": "203.0.113.7" }), trusted)).toBe("198.51.100.4");
  });

  it("uses X-Real-IP from a trusted proxy that sent no X-Forwarded-For, and stops at a hop that is not an address", () => {
    const trusted = parseTrustedProxies("127.0.0.1, ::1");
    expect(clientIp(headers({ [PEER_ADDRESS_HEADER]: "::1", "x-real-ip": "203.0.113.8" }), trusted)).toBe("203.0.113.8");
    expect(clientIp(headers({ [PEER_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": "<script>, 127.0.0.1" }), trusted)).toBe("127.0.0.1");
    expect(clientIp(headers({ [PEER_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": "2001:db8::1" }), trusted)).toBe("2001:db8::1");
  });

  it("refuses a malformed TRUSTED_PROXIES entry by name", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow('TRUSTED_PROXIES: "10.0.0.0/33" is not an IP address or CIDR range');
    expect(() => parseTrustedProxies("proxy.internal")).toThrow('"proxy.internal"');
    expect(() => parseTrustedProxies("10.0.0.0/8x")).toThrow();
    expect(parseTrustedProxies(" 10.0.0.0/8 , ::1 ").empty).toBe(false);
  });
});
