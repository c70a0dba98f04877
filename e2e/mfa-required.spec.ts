import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { count, expect, query, screenshot, signUpAndSignIn, test, uniqueSuffix } from "./helpers";

const PASSWORD = "correct horse battery staple";

/** Adds an authenticator app from Account, with the code an app given the key on the page would show. */
async function addAuthenticatorApp(page: Page) {
  await page.getByRole("button", { name: "Add authenticator app" }).click();
  const dialog = page.getByTestId("add-authenticator-app");
  const secret = (await dialog.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await dialog.getByLabel("Code from the app").fill(await generate({ secret }));
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await dialog.getByRole("button", { name: "I saved them" }).click();
  await expect(dialog).toHaveCount(0);
}

test("an Owner requires two-step sign-in; a member without a factor is sent to enrol, then reaches the organization", async ({ page, browser }) => {
  const suffix = uniqueSuffix();
  const organization = `Initech ${suffix}`;
  const slug = `initech-${suffix}`;
  const memberEmail = `analyst-${suffix}@example.com`;
  await signUpAndSignIn(page, { name: "Olga Owner", email: `owner-${suffix}@example.com`, organization, password: PASSWORD });

  // Without a factor of her own, the Owner cannot turn it on.
  await page.goto(`/${slug}/settings`);
  const card = page.getByTestId("two-step-requirement");
  await expect(card.getByRole("button", { name: "Require two-step sign-in" })).toBeDisabled();
  await expect(card).toContainText("Add a second factor to your own account first, under Account.");

  await page.goto("/account");
  await addAuthenticatorApp(page);
  await expect(page.getByTestId("second-factor-row")).toHaveCount(1);

  // A member joins while nothing is required: they have no factor.
  await page.goto(`/${slug}/settings/members`);
  await page.getByLabel("Email", { exact: true }).fill(memberEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("CONTRIBUTOR");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(link);
  await member.getByLabel("Your name").fill("Ivan Invitee");
  await member.getByLabel("Choose a password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account and join" }).click();
  await expect(member).toHaveURL(new RegExp(`/${slug}$`));

  await page.goto(`/${slug}/settings`);
  await expect(card).toContainText("Not required");
  await expect(card.getByTestId("members-without-factor")).toContainText("1 member has no second factor yet.");
  await screenshot(page, "mfa-required-settings-card");
  await card.getByRole("button", { name: "Require two-step sign-in" }).click();
  const dialog = page.getByRole("dialog", { name: `Require two-step sign-in for ${organization}?` });
  await expect(dialog).toContainText("1 member has no second factor yet.");
  await screenshot(page, "mfa-required-confirm-dialog", { fullPage: false });
  await dialog.getByRole("button", { name: "Require two-step sign-in" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card).toContainText("Two-step sign-in is now required.");
  await expect(card).toContainText("Required");
  expect(await count(`SELECT count(*) n FROM "Organization" WHERE slug = $1 AND "requireMfa"`, [slug])).toBe(1);
  const events = await query<{ summary: unknown }>(
    `SELECT e.summary FROM "AuditEvent" e JOIN "Organization" o ON o.id = e."organizationId" WHERE o.slug = $1 AND e.action = 'organization.mfa-requirement-changed'`,
    [slug],
  );
  expect(events.map((e) => e.summary)).toEqual([{ requirement: "on", membersWithoutFactor: 1 }]);
  // The Owner's own session gave its factor when she added it: she stays in.
  await page.goto(`/${slug}`);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));

  // The member's next page sends them to enrol instead of into the organization.
  await member.goto(`/${slug}`);
  await expect(member).toHaveURL(new RegExp(`/account\\?required=${slug}#two-step$`));
  await expect(member.getByText(`${organization} requires two-step sign-in.`)).toBeVisible();
  await expect(member.getByText("Add an authenticator app or a passkey to continue.")).toBeVisible();
  await screenshot(member, "mfa-required-enrol-notice");

  // Every page of the organization sends them back; the Owner sees who still has to enrol.
  await member.goto(`/${slug}/models`);
  await expect(member).toHaveURL(new RegExp(`/account\\?required=${slug}#two-step$`));
  await page.goto(`/${slug}/settings/members`);
  await expect(page.getByTestId(`member-${memberEmail}`)).toContainText("Two-step: off");

  await addAuthenticatorApp(member);
  await expect(member.getByRole("link", { name: `Continue to ${organization}` })).toBeVisible();
  await screenshot(member, "mfa-required-enrolled-notice");
  await member.getByRole("link", { name: `Continue to ${organization}` }).click();
  await expect(member).toHaveURL(new RegExp(`/${slug}$`));
  await expect(member.getByRole("heading", { level: 1, name: organization })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId(`member-${memberEmail}`)).toContainText("Two-step: on");
  await screenshot(page, "mfa-required-members");
  await memberContext.close();
});
