import type { Browser, Page } from "@playwright/test";
import { count, expect, query, screenshot, signIn, signUpAndSignIn, test, uniqueSuffix } from "./helpers";

const PASSWORD = "correct horse battery staple";

function signUp(page: Page, suffix: string) {
  return signUpAndSignIn(page, { name: "Sam Sessions", email: `sessions-${suffix}@example.com`, organization: `Sessions ${suffix}`, password: PASSWORD });
}

async function secondBrowser(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  return { context, page };
}

async function liveSessions(email: string) {
  return count(`SELECT count(*) n FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 AND s."revokedAt" IS NULL`, [email]);
}

test("the account page lists sessions; a cookie replayed from another browser, sign out everywhere else and the idle timeout each end a session", async ({
  page,
  browser,
}) => {
  // Five browsers sign in one after another: longer than one page's journey.
  test.setTimeout(300_000);
  const email = await signUp(page, uniqueSuffix());
  const second = await secondBrowser(browser, email);

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This browser" })).toHaveCount(1);
  await expect(rows.first()).toContainText(/^Chrome \d+ on \w+This browser/);
  await screenshot(page, "account-sessions");

  // The second browser's cookie, presented with another user agent: the session ends for good.
  const thief = await browser.newContext({ userAgent: "curl/8.5.0", storageState: await second.context.storageState() });
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/");
  await expect(thiefPage).toHaveURL(/\/login\?.*ended=device-changed/);
  await expect(thiefPage.getByRole("status")).toHaveText(/used from a different browser/);
  await second.page.goto("/");
  await expect(second.page).toHaveURL(/\/login/);
  await screenshot(second.page, "session-ended-device-changed");
  await thief.close();
  await second.context.close();

  // Sign out everywhere else, after a confirmation that names the count.
  const third = await secondBrowser(browser, email);
  const fourth = await secondBrowser(browser, email);
  await page.reload();
  await expect(rows).toHaveCount(3);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere else?" });
  await expect(dialog).toContainText("2 other sessions end at once");
  await screenshot(page, "account-sign-out-everywhere-dialog");
  await dialog.getByRole("button", { name: "Sign out 2 sessions" }).click();
  await expect(page.getByText("Signed out 2 other sessions.")).toBeVisible();
  await expect(rows).toHaveCount(1);
  expect(await liveSessions(email)).toBe(1);
  for (const other of [third, fourth]) {
    await other.page.goto("/");
    await expect(other.page).toHaveURL(/\/login\?.*ended=signed-out-elsewhere/);
    await other.context.close();
  }

  // Idle past the timeout (the clock moved by rewriting when the session was last seen).
  await query(
    `UPDATE "Session" SET "lastSeenAt" = now() - interval '31 minutes' WHERE "revokedAt" IS NULL AND "userId" = (SELECT id FROM "User" WHERE email = $1)`,
    [email],
  );
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?.*ended=idle/);
  await expect(page.getByRole("status")).toHaveText("You were signed out after 30 minutes without activity. Sign in again to continue.");
  await screenshot(page, "session-ended-idle");
  expect(await liveSessions(email)).toBe(0);
});
