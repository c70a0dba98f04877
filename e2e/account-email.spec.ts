import type { Page } from "@playwright/test";
import { count, expect, query, screenshot, signIn, signUpAndSignIn, test, uniqueSuffix } from "./helpers";
import { linkPath, waitForMail } from "./mail";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new passphrase for today";

/** Signs up through the page and signs in. */
function signUp(page: Page, suffix: string) {
  return signUpAndSignIn(page, { name: "Erin Email", email: `erin-${suffix}@example.com`, organization: `Umbrella ${suffix}`, password: PASSWORD });
}

test("a new account sees the confirmation banner until it opens the emailed link", async ({ page }) => {
  const suffix = uniqueSuffix();
  const email = await signUp(page, suffix);
  await expect(page).toHaveURL(new RegExp(`/umbrella-${suffix}$`));
  const banner = page.getByTestId("verify-email-banner");
  await expect(banner).toContainText(`We sent a link to ${email}`);
  await screenshot(page, "verify-email-banner");

  const first = await waitForMail(email, /Confirm your email address/);
  await banner.getByRole("button", { name: "Send the link again" }).click();
  await expect(banner.getByRole("status")).toContainText("Sent.");
  const second = await waitForMail(email, /Confirm your email address/);
  expect(linkPath(second, "/verify-email/")).not.toBe(linkPath(first, "/verify-email/"));

  // The first link was replaced by the second.
  await page.goto(linkPath(first, "/verify-email/"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.locator("[data-alert=error]")).toContainText("no longer valid");
  expect(await count(`SELECT count(*) n FROM "User" WHERE email = $1 AND "emailVerifiedAt" IS NOT NULL`, [email])).toBe(0);

  await page.goto(linkPath(second, "/verify-email/"));
  await screenshot(page, "verify-email");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("Email address confirmed")).toBeVisible();
  await screenshot(page, "verify-email-done");
  expect(await count(`SELECT count(*) n FROM "User" WHERE email = $1 AND "emailVerifiedAt" IS NOT NULL`, [email])).toBe(1);
  await page.goto(`/umbrella-${suffix}`);
  await expect(page.getByRole("heading", { level: 1, name: `Umbrella ${suffix}` })).toBeVisible();
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
});

test("password reset by email: the link works once, sets the password and signs out every session", async ({ page, browser }) => {
  const suffix = uniqueSuffix();
  const email = await signUp(page, suffix);
  await expect(page).toHaveURL(new RegExp(`/umbrella-${suffix}$`));

  const other = await browser.newContext();
  const resetPage = await other.newPage();
  await resetPage.goto("/login");
  await resetPage.getByRole("link", { name: "Forgot password?" }).click();
  await expect(resetPage).toHaveURL(/\/forgot-password$/);
  await resetPage.getByLabel("Email").fill(email);
  await screenshot(resetPage, "forgot-password");
  await resetPage.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(resetPage.getByTestId("reset-requested")).toContainText(`If ${email} has a ThreatDesk account`);
  await screenshot(resetPage, "forgot-password-sent");

  // An unknown address gets the very same answer.
  await resetPage.goto("/forgot-password");
  await resetPage.getByLabel("Email").fill(`nobody-${suffix}@example.com`);
  await resetPage.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(resetPage.getByTestId("reset-requested")).toContainText(`If nobody-${suffix}@example.com has a ThreatDesk account`);

  const mail = await waitForMail(email, /Reset your ThreatDesk password/);
  const link = linkPath(mail, "/reset-password/");
  await resetPage.goto(link);
  await expect(resetPage.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await resetPage.getByLabel("New password", { exact: true }).fill("passwordpassword");
  await resetPage.getByRole("button", { name: "Set new password" }).click();
  // Said once, beside the field.
  await expect(resetPage.getByText("This password is too common")).toHaveCount(1);
  await expect(resetPage.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await screenshot(resetPage, "reset-password-common");
  await resetPage.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await resetPage.getByRole("button", { name: "Set new password" }).click();
  await expect(resetPage.getByText("Your password was changed")).toBeVisible();
  await screenshot(resetPage, "reset-password-done");

  // Every session ended: the first browser is sent to sign in on its next request.
  await page.goto(`/umbrella-${suffix}`);
  await expect(page).toHaveURL(/\/login/);
  const [user] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  expect(await count(`SELECT count(*) n FROM "Session" WHERE "userId" = $1 AND "revokedAt" IS NULL`, [user!.id])).toBe(0);

  // The link worked once.
  await resetPage.goto(link);
  await expect(resetPage.getByRole("heading", { name: "This link can’t be used" })).toBeVisible();
  await screenshot(resetPage, "reset-password-used");

  await signIn(resetPage, email, NEW_PASSWORD);
  await expect(resetPage).toHaveURL(new RegExp(`/umbrella-${suffix}$`));
  await other.close();
});

test("the account page changes the password and signs out the other sessions only", async ({ page, browser }) => {
  const suffix = uniqueSuffix();
  const email = await signUp(page, suffix);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, PASSWORD);

  await page.getByRole("link", { name: "Account" }).first().click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByText("Not confirmed")).toBeVisible();
  await screenshot(page, "account");

  await page.getByLabel("Current password", { exact: true }).fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await screenshot(page, "account-wrong-password");

  await page.getByLabel("Current password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. 1 other session was signed out; this one stays signed in.")).toBeVisible();
  await screenshot(page, "account-password-changed");

  await page.goto(`/umbrella-${suffix}`);
  await expect(page.getByRole("heading", { level: 1, name: `Umbrella ${suffix}` })).toBeVisible();
  await otherPage.goto(`/umbrella-${suffix}`);
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});
