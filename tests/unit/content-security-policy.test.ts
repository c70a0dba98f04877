import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, CSP_REPORT_PATH, servedOverHttps, STRICT_TRANSPORT_SECURITY } from "@/lib/http/content-security-policy";

const NONCE = "q2Lq4m1n8tS3Yb6Zb0w5Dg==";

/** The policy as a map of directive → sources, to assert on without caring for the order. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("createNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("contentSecurityPolicy", () => {
  it("lets only scripts with this response's nonce run, and what they load", () => {
    const d = directives(contentSecurityPolicy({ nonce: NONCE }));
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    expect(contentSecurityPolicy({ nonce: NONCE })).not.toMatch(/unsafe-inline'[^;]*nonce|script-src[^;]*unsafe-inline/);
  });

  it("holds every directive the app relies on", () => {
    const d = directives(contentSecurityPolicy({ nonce: NONCE }));
    expect(Object.fromEntries(d)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
      "report-uri": [CSP_REPORT_PATH],
    });
  });

  it("allows eval only for the development server", () => {
    expect(directives(contentSecurityPolicy({ nonce: NONCE, dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: NONCE, dev: false })).not.toContain("unsafe-eval");
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(directives(contentSecurityPolicy({ nonce: NONCE, https: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(contentSecurityPolicy({ nonce: NONCE, https: false })).not.toContain("upgrade-insecure-requests");
  });

  it("is one header line", () => {
    expect(contentSecurityPolicy({ nonce: NONCE, dev: true, https: true })).not.toMatch(/[\r\n]|\s{2}/);
  });

  it.each(["", "short", `${NONCE}'; script-src *`, "abc def ghi jkl mno", "a;b".repeat(10)])(
    "refuses a nonce that is not base64 of 12 bytes or more: %j",
    (nonce) => {
      expect(() => contentSecurityPolicy({ nonce })).toThrow(/nonce/);
    },
  );

  it("reports to the report route", () => {
    expect(fs.existsSync(path.resolve(import.meta.dirname, "../../app", `.${CSP_REPORT_PATH}`, "route.ts"))).toBe(true);
  });
});

describe("servedOverHttps (HSTS and upgrade-insecure-requests)", () => {
  it.each([
    { protocol: "https:", publicUrl: undefined, expected: true },
    { protocol: "https:", publicUrl: "http://localhost:3000", expected: true },
    { protocol: "http:", publicUrl: "https://threatdesk.example.com", expected: true },
    { protocol: "http:", publicUrl: "http://localhost:3000", expected: false },
    { protocol: "http:", publicUrl: undefined, expected: false },
    { protocol: "http:", publicUrl: "", expected: false },
    { protocol: "http:", publicUrl: "httpsfoo://x", expected: false },
  ])("$protocol with public URL $publicUrl → $expected", ({ protocol, publicUrl, expected }) => {
    expect(servedOverHttps({ protocol, publicUrl })).toBe(expected);
  });

  it("HSTS lasts two years and covers subdomains", () => {
    expect(STRICT_TRANSPORT_SECURITY).toBe("max-age=63072000; includeSubDomains");
  });
});
