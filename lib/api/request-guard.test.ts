import { describe, expect, it } from "vitest";
import { isDecodablePath, refusalOf } from "./request-guard";

const action = (headers: Record<string, string>, body: string) =>
  new Request("http://localhost:3000/acme/models/new", {
    method: "POST",
    headers: { host: "localhost:3000", "next-action": "a".repeat(42), ...headers },
    body,
  });

describe("the request guard", () => {
  it.each([
    ["/acme/models", true],
    ["/acme/models/%E2%82%AC", true],
    ["/%E0%A4%A", false],
    ["/acme/models/%E0%A4%A", false],
    ["/acme/%C0", false],
  ])("decodes %s: %s", (pathname, decodable) => {
    expect(isDecodablePath(pathname)).toBe(decodable);
  });

  it("refuses an address that does not decode with a 400, whatever the method", async () => {
    expect(await refusalOf(new Request("http://localhost:3000/x"), "/%E0%A4%A")).toMatchObject({ status: 400 });
  });

  it("refuses a server action another site posted with a 403, and lets this site's through", async () => {
    expect(await refusalOf(action({ origin: "https://evil.example", "content-type": "text/plain" }, "[]"), "/acme/models/new")).toEqual({
      status: 403,
      message: "This request came from another site, so it was refused.",
    });
    expect(await refusalOf(action({ origin: "http://localhost:3000", "content-type": "text/plain" }, "[]"), "/acme/models/new")).toBeNull();
  });

  it("refuses action arguments nested deeper than 64 levels with a 400, and reads 64 levels", async () => {
    const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(await refusalOf(action({ "content-type": "text/plain;charset=UTF-8" }, nested(65)), "/acme/models/new")).toMatchObject({ status: 400 });
    expect(await refusalOf(action({ "content-type": "text/plain;charset=UTF-8" }, nested(64)), "/acme/models/new")).toBeNull();
    // Brackets inside a string are text, not nesting.
    expect(await refusalOf(action({ "content-type": "text/plain" }, JSON.stringify(["[".repeat(500)])), "/acme/models/new")).toBeNull();
  });

  it("leaves requests that are not action calls to the app", async () => {
    expect(await refusalOf(new Request("http://localhost:3000/api/x", { method: "POST", body: "[".repeat(100) }), "/api/x")).toBeNull();
  });
});
