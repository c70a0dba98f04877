import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { generate } from "otplib";
import pg from "pg";

/** A Content-Security-Policy violation a page reported, as the browser saw it. */
export type CspViolation = { url: string; directive?: string; blocked?: string; sample?: string; sourceFile?: string; line?: number; console?: string };

const CSP_BINDING = "__threatdeskCspViolation";

/**
 * Records every Content-Security-Policy violation in the context's pages: the document's
 * `securitypolicyviolation` events (through a binding, so nothing is lost when the page navigates
 * or closes) and the browser's console lines about the policy.
 */
async function watchCspViolations(context: BrowserContext, violations: CspViolation[]) {
  await context.exposeBinding(CSP_BINDING, ({ page }, violation: Omit<CspViolation, "url">) => {
    violations.push({ url: page?.url() ?? "", ...violation });
  });
  await context.addInitScript((binding) => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const report = (window as unknown as Record<string, (v: unknown) => Promise<void>>)[binding];
        void report?.({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, sourceFile: e.sourceFile, line: e.lineNumber });
      },
      true,
    );
  }, CSP_BINDING);
  context.on("console", (message) => {
    if (/content[- ]security[- ]policy/i.test(message.text())) violations.push({ url: message.page()?.url() ?? "", console: message.text().slice(0, 500) });
  });
}

function describeCspViolation(v: CspViolation): string {
  if (v.console) return `  ${v.url}: console: ${v.console}`;
  return `  ${v.url}: ${v.directive} blocked ${v.blocked || "?"}${v.sourceFile ? ` (${v.sourceFile}:${v.line})` : ""}${v.sample ? ` "${v.sample}"` : ""}`;
}

/**
 * The browser tests' `test`: every spec imports it from here (ESLint refuses `test` from
 * @playwright/test in e2e/), so every test fails on any Content-Security-Policy violation in any
 * of its pages, the contexts it opens itself included. A test that provokes one on purpose sets
 * `test.use({ allowCspViolations: true })` and reads them from the `cspViolations` fixture.
 */
export const test = base.extend<{ allowCspViolations: boolean; cspViolations: CspViolation[] }>({
  allowCspViolations: [false, { option: true }],
  cspViolations: [
    async ({ browser, context, allowCspViolations }, provide) => {
      const violations: CspViolation[] = [];
      await watchCspViolations(context, violations);
      // Contexts a test opens itself (browser.newContext, and browser.newPage through it).
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const opened = await newContext.apply(browser, args);
        await watchCspViolations(opened, violations);
        return opened;
      };
      try {
        await provide(violations);
      } finally {
        browser.newContext = newContext;
      }
      if (!allowCspViolations && violations.length > 0) {
        throw new Error(`Content-Security-Policy violations:\n${violations.map(describeCspViolation).join("\n")}`);
      }
    },
    { auto: true },
  ],
});

export { expect };

export const DEMO_PASSWORD = process.env.THREATDESK_DEMO_PASSWORD ?? "threatdesk-demo-2026";
/**
 * The launcher's embedded database for the browser tests (see playwright.config.ts), as the
 * application's role (`app`) or the owner's (`owner`), with the passwords the launcher generated.
 */
export function e2eDatabaseUrl(role: "app" | "owner"): string {
  const secretsFile = path.resolve(import.meta.dirname, "../.data/e2e-postgres-secrets.json");
  const { databasePasswords } = JSON.parse(fs.readFileSync(secretsFile, "utf8")) as { databasePasswords: Record<"app" | "owner", string> };
  return `postgresql://threatdesk_${role}:${encodeURIComponent(databasePasswords[role])}@127.0.0.1:${process.env.E2E_DATABASE_PORT ?? 54339}/threatdesk`;
}

/** One query against the app's database (as its owner, so fixtures can set up anything), to assert what a browser action did (or did not) write. */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl("owner") });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function newSignedInContext(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

/** The demo organization's accounts, by the part each plays in a test. */
export const DEMO_ACCOUNTS = {
  owner: "owner@acme.test",
  admin: "admin@acme.test",
  security: "security@acme.test",
  tech: "techlead@acme.test",
  contributor: "contributor@acme.test",
  viewer: "viewer@acme.test",
} as const;

type SignedIn = { context: BrowserContext; page: Page };

/** One browser context per demo account named, each signed in, in the order named. */
export async function signedInAs<const Names extends (keyof typeof DEMO_ACCOUNTS)[]>(
  browser: Browser,
  ...names: Names
): Promise<{ [K in keyof Names]: SignedIn }> {
  const signedIn: SignedIn[] = [];
  for (const name of names) signedIn.push(await newSignedInContext(browser, DEMO_ACCOUNTS[name]));
  return signedIn as { [K in keyof Names]: SignedIn };
}

/** Fills each field found by its exact label, in the order given. */
export async function fillByLabel(scope: Page | Locator, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await scope.getByLabel(label, { exact: true }).fill(value);
}

const CAPACITY_LABEL = { TECH_LEAD: "Tech lead", SECURITY: "Security" } as const;

/** On a model's review page: approves in this capacity and waits until the page shows the approval. */
export async function approveAs(page: Page, capacity: keyof typeof CAPACITY_LABEL) {
  await page.getByRole("button", { name: `Approve as ${CAPACITY_LABEL[capacity]}` }).click();
  await expect(page.getByTestId(`approval-${capacity}`)).toContainText("Approved");
}

/** The WCAG 2.2 levels A and AA, every page and state is held to. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

type AxeViolation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** One violation as a reader needs it: the rule, how bad, where, and what axe says to fix. */
function describeViolation(v: AxeViolation): string {
  const nodes = v.nodes.slice(0, 8).map((node) => {
    const target = node.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t))).join(" ");
    const summary = (node.failureSummary ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 2)
      .join(" ");
    return `    - ${target}${summary ? `\n      ${summary}` : ""}`;
  });
  const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
  return [`  ${v.id} (${v.impact ?? "n/a"}): ${v.help}`, ...nodes, ...more].join("\n");
}

/** The page as it stands, checked by axe-core against WCAG 2.2 A and AA. */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Only the violations are wanted; leaving out the passes keeps a large page's check quick.
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return results.violations;
}

/**
 * Screenshots (the full page unless told otherwise) land in test-results/screens/, to be looked at. Every screenshot is also
 * an accessibility check: the state shown must have no WCAG 2.2 A/AA violation axe-core can find.
 * The screenshot is still written when it fails, so the failing state can be seen.
 */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
  // A refresh replaces the page's metadata as it streams in: the check is of the settled page, so
  // it waits (briefly) for the title. A page that has none still fails, on axe's document-title rule.
  await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 }).catch(() => undefined);
  const violations = await accessibilityViolations(page);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage });
  if (violations.length > 0) {
    throw new Error(`Accessibility violations on "${name}" (${page.url()}):\n${violations.map(describeViolation).join("\n")}`);
  }
}

export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A new account and organization through the sign-up page (the e2e server sends email, so sign-up
 * answers "check your inbox" whatever the address), then signed in: the account's email.
 */
export async function signUpAndSignIn(page: Page, account: { name: string; email: string; organization: string; password: string }) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Organization").fill(account.organization);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-inbox")).toContainText(account.email);
  await signIn(page, account.email, account.password);
  return account.email;
}

/** The authenticator app's code for `secret`, `stepsAhead` 30-second steps from now (the server accepts one step of drift). */
export function totpCode(secret: string, stepsAhead = 0) {
  return generate({ secret: secret.replace(/\s/g, ""), epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/**
 * Adds an authenticator app from the account page the way a person does: reads the key the
 * dialog shows, types the app's code, and (for the account's first factor) keeps the recovery
 * codes. Returns the key and the codes.
 */
export async function enrolAuthenticatorApp(page: Page, name = "Phone"): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto("/account");
  await page.getByRole("button", { name: "Add authenticator app" }).click();
  const dialog = page.getByTestId("add-authenticator-app");
  const secret = ((await dialog.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Code from the app").fill(await totpCode(secret));
  await dialog.getByRole("button", { name: "Add" }).click();
  const codes = dialog.getByTestId("recovery-codes");
  const first = await Promise.race([codes.waitFor().then(() => true), dialog.waitFor({ state: "hidden" }).then(() => false)]);
  const recoveryCodes = first ? await codes.getByRole("listitem").allTextContents() : [];
  if (first) await dialog.getByRole("button", { name: "I saved them" }).click();
  await expect(dialog).toBeHidden();
  return { secret, recoveryCodes };
}

/** The password step of signing in for an account with a second factor: ends on the second step. */
export async function signInToSecondStep(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\/second-factor/);
}
