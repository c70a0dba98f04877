import { describe, expect, it } from "vitest";
import { normalizeIp } from "./ip-address";

describe("normalizeIp", () => {
  it.each([
    ["dotted", "::ffff:127.0.0.1", "127.0.0.1"],
    ["upper-case", "::FFFF:10.1.2.3", "10.1.2.3"],
    ["hexadecimal", "::ffff:7f00:1", "127.0.0.1"],
    ["bracketed", "[::ffff:192.168.0.10]", "192.168.0.10"],
  ])("reads the IPv4-mapped IPv6 address in %s notation, %j, as IPv4 %j", (_notation, address, ipv4) => {
    expect(normalizeIp(address)).toBe(ipv4);
  });

  it.each(["127.0.0.1", "2001:db8::1", "::1"])("keeps %j as it is", (address) => {
    expect(normalizeIp(address)).toBe(address);
  });

  it("trims white space around an address", () => {
    expect(normalizeIp(" 203.0.113.9 ")).toBe("203.0.113.9");
  });

  it.each(["", null])("reads %j as no address", (address) => {
    expect(normalizeIp(address)).toBeNull();
  });
});
