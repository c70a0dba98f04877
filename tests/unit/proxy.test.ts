import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;

async function run(url: string, headers: Record<string, string> = {}) {
  const response = await proxy(new NextRequest(url, { headers }));
  // NextResponse.next({ request: { headers } }) hands the forwarded request headers to Next this way.
  const forwarded = (name: string) => response.headers.get(`x-middleware-request-${name}`);
  return { response, forwarded };
}

describe("proxy", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("sends the policy with a nonce, and forwards the same policy and nonce to the page", async () => {
    const { response, forwarded } = await run("http://localhost:3000/acme");
    const policy = response.headers.get("content-security-policy")!;
    const nonce = NONCE.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(forwarded("content-security-policy")).toBe(policy);
    expect(forwarded("x-nonce")).toBe(nonce);
    expect(response.headers.get("x-middleware-override-headers")).toContain("x-nonce");
  });

  it("uses a new nonce for every request", async () => {
    const nonces = new Set(
      (await Promise.all(Array.from({ length: 20 }, () => run("http://localhost:3000/login")))).map(
        ({ response }) => NONCE.exec(response.headers.get("content-security-policy")!)?.[1],
      ),
    );
    expect(nonces.size).toBe(20);
  });

  it("keeps stamping the request id and path", async () => {
    const { response, forwarded } = await run("http://localhost:3000/acme");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(forwarded("x-request-id")).toBe(response.headers.get("x-request-id"));
    expect(forwarded("x-request-path")).toBe("/acme");
  });

  it("sends HSTS and upgrade-insecure-requests over https only", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    const { response: plain } = await run("http://localhost:3000/login");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");

    const { response: direct } = await run("https://threatdesk.example.com/login");
    expect(direct.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(direct.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");

    vi.stubEnv("NEXTAUTH_URL", "https://threatdesk.example.com");
    const { response: behindProxy } = await run("http://10.0.0.5:3000/login");
    expect(behindProxy.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("allows eval in development only", async () => {
    vi.stubEnv("NODE_ENV", "development");
    expect((await run("http://localhost:3000/")).response.headers.get("content-security-policy")).toContain("'unsafe-eval'");
    vi.stubEnv("NODE_ENV", "production");
    expect((await run("http://localhost:3000/")).response.headers.get("content-security-policy")).not.toContain("unsafe-eval");
  });
});
