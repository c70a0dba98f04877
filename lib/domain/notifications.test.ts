import { describe, expect, it } from "vitest";
import { isAppPath, isNotificationKind } from "./notifications";

describe("isAppPath", () => {
  it("accepts paths inside the app", () => {
    expect(isAppPath("/acme/models/abc")).toBe(true);
    expect(isAppPath("/acme/models/abc/review")).toBe(true);
    expect(isAppPath("/acme/models/abc#acceptance-x")).toBe(true);
  });

  it("refuses other sites, schemes and odd characters", () => {
    for (const link of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", "acme/models", "/acme\n/x", "/a b"]) {
      expect(isAppPath(link), link).toBe(false);
    }
  });
});

describe("isNotificationKind", () => {
  it("knows the kinds and nothing else", () => {
    expect(isNotificationKind("mentioned")).toBe(true);
    expect(isNotificationKind("acceptance-expired")).toBe(true);
    expect(isNotificationKind("mention")).toBe(false);
  });
});
