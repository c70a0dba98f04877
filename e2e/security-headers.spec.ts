import type { APIResponse, Page } from "@playwright/test";
import { count, expect, signIn, test } from "./helpers";

function policyOf(response: APIResponse | { headers(): Record<string, string> }) {
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  return { policy, nonce };
}

/** The nonce every script element of the page carries (a browser hides it from the attribute; the property keeps it). */
async function scriptNonces(page: Page) {
  return page.evaluate(() => [...document.querySelectorAll("script")].map((s) => s.nonce));
}

test("pages are served with a Content-Security-Policy whose nonce is new on every request", async ({ request }) => {
  const [first, second] = [await request.get("/login"), await request.get("/login")];
  const a = policyOf(first);
  const b = policyOf(second);
  expect(a.nonce).toBeTruthy();
  expect(b.nonce).toBeTruthy();
  expect(a.nonce).not.toBe(b.nonce);
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "report-uri /api/csp-report",
  ]) {
    expect(a.policy).toContain(directive);
  }
  expect(a.policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  expect(/script-src[^;]*/.exec(a.policy)?.[0]).not.toContain("unsafe");
  // The page's own scripts carry the nonce of its response.
  expect(await first.text()).toContain(`nonce="${a.nonce}"`);
  // Served over plain http here: no HSTS, no upgrade of subresources to https.
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
  expect(a.policy).not.toContain("upgrade-insecure-requests");
  // The static headers stay.
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
});

test("every script of a signed-in page carries its response's nonce, and the page works", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  const response = await page.goto("/acme/models");
  const { nonce } = policyOf(response!);
  expect(nonce).toBeTruthy();
  const nonces = await scriptNonces(page);
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
  // Hydrated: a client-side navigation works.
  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(page).toHaveURL(/\/acme$/);
});

test("an address nothing answers gets a 404 page whose scripts run under the policy", async ({ page }) => {
  const response = await page.goto("/no/such/page/here");
  expect(response!.status()).toBe(404);
  const { nonce } = policyOf(response!);
  expect(new Set(await scriptNonces(page))).toEqual(new Set([nonce]));
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test.describe("a script injected without the nonce", () => {
  test.use({ allowCspViolations: true });

  test("does not run, and the violation is reported to /api/csp-report", async ({ page, cspViolations }) => {
    // As a stored or reflected injection would arrive: in the page's markup, without the nonce.
    await page.route("**/login", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace("</body>", "<script>window.__injected = true;</script></body>");
      await route.fulfill({ response, body });
    });
    const reported = page.waitForResponse((r) => r.url().endsWith("/api/csp-report") && r.request().method() === "POST");
    await page.goto("/login");
    const report = await reported;
    expect(report.status()).toBe(204);
    expect(report.request().headers()["content-type"]).toBe("application/csp-report");
    expect(report.request().postDataJSON()["csp-report"]).toMatchObject({ "effective-directive": "script-src-elem", "blocked-uri": "inline" });
    // An event handler attribute, as an injected element would carry it.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/no-such-image.png" onerror="window.__handler = true">'));
    await expect.poll(() => cspViolations.filter((v) => v.directive === "script-src-attr").length).toBeGreaterThan(0);
    expect(await page.evaluate(() => Object.keys(window).filter((k) => k === "__injected" || k === "__handler"))).toEqual([]);
    expect(cspViolations.filter((v) => v.directive === "script-src-elem" && v.blocked === "inline")).toHaveLength(1);
    // The page's own scripts ran all the same.
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  test("is caught in a browser context the test opens itself, as in every test", async ({ browser, cspViolations }) => {
    const other = await browser.newContext();
    const page = await other.newPage();
    await page.goto("/login");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/no-such-image.png" onerror="window.__handler = true">'));
    await expect.poll(() => cspViolations.filter((v) => v.directive === "script-src-attr" && v.url.endsWith("/login")).length).toBeGreaterThan(0);
    await other.close();
  });
});

test("the report endpoint takes both report formats and refuses what is not a report", async ({ request }) => {
  const legacy = await request.post("/api/csp-report", {
    headers: { "content-type": "application/csp-report" },
    data: JSON.stringify({ "csp-report": { "document-uri": "http://localhost/login", "effective-directive": "script-src-elem", "blocked-uri": "inline" } }),
  });
  expect(legacy.status()).toBe(204);
  const reporting = await request.post("/api/csp-report", {
    headers: { "content-type": "application/reports+json" },
    data: JSON.stringify([
      { type: "csp-violation", age: 0, url: "http://localhost/login", body: { documentURL: "http://localhost/login", effectiveDirective: "img-src" } },
    ]),
  });
  expect(reporting.status()).toBe(204);
  expect((await request.post("/api/csp-report", { headers: { "content-type": "application/csp-report" }, data: "{junk" })).status()).toBe(400);
  expect((await request.post("/api/csp-report", { headers: { "content-type": "text/plain" }, data: "hello" })).status()).toBe(415);
  expect((await request.post("/api/csp-report", { headers: { "content-type": "application/csp-report" }, data: "x".repeat(70_000) })).status()).toBe(413);
});

// Last in this file: it spends the address's report allowance for the minute.
test("a flood of reports from one address is refused with a 429 and Retry-After, and the refusal is in the installation's audit trail", async ({ request }) => {
  const report = () =>
    request.post("/api/csp-report", {
      headers: { "content-type": "application/csp-report" },
      data: JSON.stringify({ "csp-report": { "document-uri": "http://localhost/login", "effective-directive": "img-src", "blocked-uri": "data" } }),
    });
  const statuses: number[] = [];
  for (let i = 0; i < 61; i++) statuses.push((await report()).status());
  expect(statuses.filter((s) => s === 429).length, "some of 61 reports in a minute are refused").toBeGreaterThan(0);
  expect(statuses.filter((s) => s !== 204 && s !== 429)).toEqual([]);
  const refused = await report();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await count(`SELECT count(*) n FROM "AuditEvent" WHERE action = 'rate-limit.refused' AND "targetId" = 'csp-report:ip'`)).toBeGreaterThan(0);
});
