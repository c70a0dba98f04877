// Brute-force defences in the browser and across instances: the sign-in form's messages for a
// rate-limited network and a locked account; owners and admins unlocking a locked member; the
// owner told afterwards; and two more ThreatDesk servers on the test database sharing one count.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { request as apiRequest, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, e2eDatabaseUrl, expect, newSignedInContext, query, screenshot, signIn, test, uniqueSuffix } from "./helpers";

const root = path.resolve(import.meta.dirname, "..");

/** A user in Acme with the demo password (its hash copied from a demo account), for this test alone. */
async function createAcmeMember(label: string) {
  const email = `${label}-${uniqueSuffix()}@acme.test`;
  const id = `e2e${uniqueSuffix()}`;
  await query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") SELECT $1, $2, $3, "passwordHash", now() FROM "User" WHERE email = 'owner@acme.test'`,
    [id, email, `Lena ${label}`],
  );
  await query(
    `INSERT INTO "Membership" (id, "organizationId", "userId", role, "updatedAt") SELECT $1, id, $2, 'CONTRIBUTOR', now() FROM "Organization" WHERE slug = 'acme'`,
    [`m${id}`, id],
  );
  return { id, email, name: `Lena ${label}` };
}

test("a locked account is refused with its message, shown to admins with Unlock, and its owner is told afterwards", async ({ page, browser }) => {
  // Three sign-ins and four accessibility checks, on a busy machine.
  test.setTimeout(600_000);
  const member = await createAcmeMember("locked");
  await page.goto("/login");
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(`not the password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("[data-alert=error]")).toHaveText("The email or password is incorrect.");
  }
  // Even the right password is refused now.
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-alert=error]")).toHaveText(
    "This account is locked after too many failed sign-ins. Try again in 15 minutes, or ask an owner or admin of your organization to unlock it.",
  );
  await expect(page).toHaveURL(/\/login/);
  await screenshot(page, "sign-in-account-locked");

  const admin = await newSignedInContext(browser, "admin@acme.test");
  await admin.page.goto("/acme/settings/members");
  const row = admin.page.getByTestId(`member-${member.email}`);
  await expect(row).toContainText("Locked");
  await expect(row).toContainText("after failed sign-ins, until");
  await row.scrollIntoViewIfNeeded();
  await screenshot(admin.page, "members-locked-member");
  await row.getByRole("button", { name: `Unlock ${member.name}` }).click();
  await expect(row).not.toContainText("Locked");
  await expect(row.getByRole("button", { name: `Unlock ${member.name}` })).toHaveCount(0);
  const [lock] = await query<{ lockedUntil: Date | null }>(`SELECT "lockedUntil" FROM "SignInLockout" WHERE email = $1`, [member.email]);
  expect(lock?.lockedUntil).toBeNull();
  const events = await query<{ action: string; actorLabel: string }>(
    `SELECT action, "actorLabel" FROM "AuditEvent" WHERE "targetId" = $1 AND action IN ('account.locked', 'account.unlocked') ORDER BY seq`,
    [member.id],
  );
  expect(events).toEqual([
    { action: "account.locked", actorLabel: expect.stringContaining("visitor at") },
    { action: "account.unlocked", actorLabel: "admin@acme.test" },
  ]);
  await admin.context.close();

  // Signed in at last: told when the lock happened, until they say they have read it.
  await signIn(page, member.email);
  const notice = page.getByTestId("lockout-notice");
  await expect(notice).toContainText(/Your account was locked at \d\d:\d\d UTC on \d{4}-\d\d-\d\d after 5 failed sign-ins\./);
  await screenshot(page, "lockout-notice-after-sign-in", { fullPage: false });
  await notice.getByRole("button", { name: "Got it" }).click();
  await expect(notice).toHaveCount(0, { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("lockout-notice")).toHaveCount(0);
});

/** Another ThreatDesk server on the test database, with the shipped sign-in limits, behind a (loopback) proxy we trust. */
async function startInstance(port: number): Promise<ChildProcess> {
  const secrets = JSON.parse(fs.readFileSync(path.join(root, ".data/e2e-postgres-secrets.json"), "utf8")) as { nextauthSecret: string; auditSecret: string };
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: e2eDatabaseUrl("app"),
      NEXTAUTH_SECRET: secrets.nextauthSecret,
      AUDIT_SECRET: secrets.auditSecret,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NODE_OPTIONS: `--require "${path.join(root, "scripts/peer-address.cjs")}"`,
      TRUSTED_PROXIES: "127.0.0.1, ::1",
      THREATDESK_LOG: "silent",
      DATABASE_POOL_SIZE: "3",
    },
  });
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGTERM");
  throw new Error(`the instance on port ${port} did not start`);
}

/** One password sign-in POST as the browser sends it (CSRF token first). */
async function attempt(api: APIRequestContext, email: string) {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return api.post("/api/auth/callback/credentials", { form: { email, password: "not the password", csrfToken, json: "true" } });
}

test("two instances on one database share the sign-in count: the 6th attempt in a minute is refused on either", async ({ browser }) => {
  test.setTimeout(360_000);
  const ports = [Number(process.env.E2E_PORT ?? 3100) + 101, Number(process.env.E2E_PORT ?? 3100) + 102];
  const instances = await Promise.all(ports.map(startInstance));
  try {
    // The client's address as the trusted proxy forwards it: a fresh one, so no other test's attempts count.
    const client = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
    const forwarded = { "x-forwarded-for": client };
    const [a, b] = await Promise.all(ports.map((port) => apiRequest.newContext({ baseURL: `http://localhost:${port}`, extraHTTPHeaders: forwarded })));
    const statuses: number[] = [];
    for (const api of [a, b, a, b, a]) statuses.push((await attempt(api!, `nobody-${uniqueSuffix()}@example.test`)).status());
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const refused = await attempt(b!, `nobody-${uniqueSuffix()}@example.test`);
    expect(refused.status()).toBe(429);
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await refused.json()) as { message: string }).toMatchObject({
      error: "RateLimited",
      message: expect.stringMatching(/^Too many sign-in attempts from your network\. Try again in \d+ seconds\.$/),
    });
    expect((await attempt(a!, `nobody-${uniqueSuffix()}@example.test`)).status()).toBe(429);
    const [counter] = await query<{ hits: number }>(`SELECT hits FROM "RateLimitCounter" WHERE key = $1`, [`sign-in:ip:${client}`]);
    expect(counter?.hits).toBe(7);

    // The form on the first instance shows the refusal, even for a demo account's right password.
    const context = await browser.newContext({ baseURL: `http://localhost:${ports[0]}`, extraHTTPHeaders: forwarded });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill("viewer@acme.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("[data-alert=error]")).toHaveText(/^Too many sign-in attempts from your network\. Try again in \d+ seconds\.$/);
    await screenshot(page, "sign-in-rate-limited");
    // A different network (another forwarded address) still signs in on the second instance.
    const other = await browser.newContext({ baseURL: `http://localhost:${ports[1]}`, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.77" } });
    const otherPage = await other.newPage();
    await signIn(otherPage, "viewer@acme.test");
    await expect(otherPage).toHaveURL(/\/acme/);
    await Promise.all([context.close(), other.close(), a!.dispose(), b!.dispose()]);
  } finally {
    for (const child of instances) child.kill("SIGTERM");
  }
});
