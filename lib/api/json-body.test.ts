import { describe, expect, it } from "vitest";
import { isSameOrigin, jsonDepth, JSON_MAX_DEPTH, readJsonBody } from "./json-body";

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3000/api/orgs/acme/models", { method: "POST", body, headers: { host: "localhost:3000", ...headers } });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }),
  );

describe("jsonDepth", () => {
  it.each([
    ["a scalar", "1", 0],
    ["an object", '{"a":1}', 1],
    ["nested arrays", "[[[]]]", 3],
    ["brackets inside strings", '{"a":"[[[{{{"}', 1],
    ["an escaped quote inside a string", '["\\"[["]', 1],
    ["100,000 levels, without a stack", "[".repeat(100_000) + "]".repeat(100_000), 100_000],
  ])("measures %s", (_label, text, depth) => expect(jsonDepth(text)).toBe(depth));
});

describe("isSameOrigin", () => {
  it.each([
    ["no Origin (an API client)", {}, true],
    ["this origin", { origin: "http://localhost:3000" }, true],
    ["a page fetching from this origin", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }, true],
    ["another origin", { origin: "http://evil.example.test" }, false],
    ["a sibling on the same site", { origin: "http://evil.localhost:3000", "sec-fetch-site": "same-site" }, false],
    ["the same host on another port", { origin: "http://localhost:4000" }, false],
    ["an opaque origin", { origin: "null" }, false],
    ["a cross-site fetch without Origin", { "sec-fetch-site": "cross-site" }, false],
  ])("%s: %s", (_label, headers, same) => expect(isSameOrigin(post("{}", headers as Record<string, string>))).toBe(same));
});

describe("readJsonBody", () => {
  it("reads JSON from this site", async () => {
    await expect(readJsonBody(post('{"title":"x"}', { "content-type": "application/json; charset=utf-8" }))).resolves.toEqual({ title: "x" });
  });

  it.each([
    ["a cross-origin JSON post", post("{}", { "content-type": "application/json", origin: "http://evil.example.test" }), "forbidden", /another site/],
    ["a text/plain form", post('{"title":"x"}', { "content-type": "text/plain" }), "unsupported-media-type", /application\/json/],
    ["no content type", post('{"title":"x"}'), "unsupported-media-type", /application\/json/],
    ["malformed JSON", post("{nope", { "content-type": "application/json" }), "bad-request", /not valid JSON/],
    ["a body over the limit", post(`"${"x".repeat(1_000_000)}"`, { "content-type": "application/json" }), "too-large", /larger than 1,000,000 bytes/],
    [
      "JSON nested too deep",
      post("[".repeat(JSON_MAX_DEPTH + 1) + "]".repeat(JSON_MAX_DEPTH + 1), { "content-type": "application/json" }),
      "bad-request",
      /nested more than 64 levels/,
    ],
    [
      "bytes that are not UTF-8",
      new Request("http://localhost:3000/x", { method: "POST", body: new Uint8Array([0x22, 0xff, 0x22]), headers: { "content-type": "application/json" } }),
      "bad-request",
      /UTF-8/,
    ],
  ])("refuses %s", async (_label, request, code, message) => {
    const refused = await refusal(readJsonBody(request));
    expect(refused?.code).toBe(code);
    expect(refused?.message).toMatch(message);
  });
});
