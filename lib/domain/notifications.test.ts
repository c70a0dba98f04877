import { describe, expect, it } from "vitest";
import { isAppPath, isNotificationKind } from "./notifications";

describe("isAppPath", () => {
  it.each(["/acme/models/abc", "/acme/models/abc/review", "/acme/models/abc#acceptance-x"])("accepts %j, a path inside the app", (link) => {
    expect(isAppPath(link)).toBe(true);
  });

  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", "acme/models", "/acme\n/x", "/a b"])(
    "refuses %j: another site, a scheme or odd characters",
    (link) => {
      expect(isAppPath(link)).toBe(false);
    },
  );
});

describe("isNotificationKind", () => {
  it("knows the kinds and nothing else", () => {
    expect(isNotificationKind("mentioned")).toBe(true);
    expect(isNotificationKind("acceptance-expired")).toBe(true);
    expect(isNotificationKind("mention")).toBe(false);
  });
});
