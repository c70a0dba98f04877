import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-url";

describe("safeCallbackUrl", () => {
  it.each([
    ["/acme/models", "/acme/models"],
    ["/invite/abc?x=1", "/invite/abc?x=1"],
    ["//evil.example/path", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    [undefined, "/"],
    [["/a"], "/"],
    // Tabs, newlines and backslashes that a browser would drop or turn into "//".
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/ /evil.example", "/"],
    ["/a\\..\\\\evil.example", "/"],
    ["/\u0000", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/acme/models?q=a%20b", "/acme/models?q=a%20b"],
  ])("%j → %j", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
