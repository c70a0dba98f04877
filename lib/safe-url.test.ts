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
  ])("%j → %j", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
