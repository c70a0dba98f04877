import { describe, expect, it } from "vitest";
import { normalizeIp } from "./ip-address";

describe("normalizeIp", () => {
  it("reads an IPv4-mapped IPv6 address as IPv4, in either notation", () => {
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("::FFFF:10.1.2.3")).toBe("10.1.2.3");
    expect(normalizeIp("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(normalizeIp("[::ffff:192.168.0.10]")).toBe("192.168.0.10");
  });

  it("keeps other addresses as they are, and empty ones as none", () => {
    expect(normalizeIp("127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeIp("::1")).toBe("::1");
    expect(normalizeIp(" 203.0.113.9 ")).toBe("203.0.113.9");
    expect(normalizeIp("")).toBeNull();
    expect(normalizeIp(null)).toBeNull();
  });
});
