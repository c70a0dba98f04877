import { count, enrolAuthenticatorApp, expect, query, screenshot, signInToSecondStep, signUpAndSignIn, test, totpCode, uniqueSuffix } from "./helpers";

const PASSWORD = "correct horse battery staple";

test("a user adds an authenticator app, signs in with its code, and with a recovery code once", async ({ page }) => {
  test.setTimeout(180_000);
  const suffix = uniqueSuffix();
  const email = await signUpAndSignIn(page, {
    name: "Tove Twostep",
    email: `two-step-${suffix}@example.com`,
    organization: `Two-step ${suffix}`,
    password: PASSWORD,
  });

  await page.goto("/account");
  const card = page
    .locator("section, div")
    .filter({ has: page.getByRole("heading", { name: /Two-step sign-in/ }) })
    .first();
  await expect(card).toContainText("Off");
  await screenshot(page, "two-step-off");

  // The dialog: QR code and the same key as text.
  await page.getByRole("button", { name: "Add authenticator app" }).click();
  const dialog = page.getByTestId("add-authenticator-app");
  await expect(dialog.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = ((await dialog.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await screenshot(page, "two-step-add-app");
  // A wrong code is refused and keeps what was typed.
  await dialog.getByLabel("Name").fill("Work phone");
  await dialog.getByLabel("Code from the app").fill("000000");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog.getByText("That code does not match.")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveValue("Work phone");
  await dialog.getByLabel("Code from the app").fill(await totpCode(secret));
  await dialog.getByRole("button", { name: "Add" }).click();
  const codes = dialog.getByTestId("recovery-codes");
  await expect(codes.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await codes.getByRole("listitem").allTextContents();
  await screenshot(page, "two-step-recovery-codes");
  await dialog.getByRole("button", { name: "I saved them" }).click();
  await expect(page.getByTestId("second-factor-row")).toHaveCount(1);
  await expect(page.getByTestId("second-factor-row")).toContainText("Work phone");
  await expect(page.getByTestId("recovery-codes-left")).toContainText("10 of 10 unused");
  await screenshot(page, "two-step-on");

  // Signing in now takes the app's code after the password. The enrolment code's step is spent,
  // so the next step's code is the one to type.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signInToSecondStep(page, email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await screenshot(page, "two-step-sign-in");
  await page.getByLabel("Code from your authenticator app").fill("123456");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That code is not right, or it was already used.")).toBeVisible();
  await page.getByLabel("Code from your authenticator app").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/two-step-/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // One session row passed the second factor; the password-only row it replaced was revoked.
  const passed = `SELECT count(*) n FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 AND s."revokedAt" IS NULL AND s."secondFactorAt" IS NOT NULL`;
  expect(await count(passed, [email])).toBe(1);
  expect(
    await count(`SELECT count(*) n FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 AND s."endedReason" = 'rotated'`, [email]),
  ).toBeGreaterThanOrEqual(2);

  // A recovery code works once.
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signInToSecondStep(page, email, PASSWORD);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code", { exact: true }).fill(recoveryCodes[0]!.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/two-step-/);
  await page.goto("/account");
  await expect(page.getByTestId("recovery-codes-left")).toContainText("9 of 10 unused");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signInToSecondStep(page, email, PASSWORD);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code", { exact: true }).fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That recovery code is not right, or it was already used.")).toBeVisible();
  await expect(page).toHaveURL(/\/login\/second-factor/);
});

test("removing the only factor needs a second factor given in the last minutes: the user confirms it is them, then it goes", async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const email = await signUpAndSignIn(page, {
    name: "Rhea Remove",
    email: `remove-factor-${suffix}@example.com`,
    organization: `Remove ${suffix}`,
    password: PASSWORD,
  });
  const { secret, recoveryCodes } = await enrolAuthenticatorApp(page);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signInToSecondStep(page, email, PASSWORD);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code", { exact: true }).fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  // The session gave its second factor a while ago.
  await query(
    `UPDATE "Session" s SET "secondFactorAt" = now() - interval '20 minutes' FROM "User" u WHERE u.id = s."userId" AND u.email = $1 AND s."revokedAt" IS NULL`,
    [email],
  );

  await page.goto("/account");
  await page.getByRole("button", { name: "Remove Phone" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove Phone?" });
  await expect(dialog).toContainText("turns two-step sign-in off");
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog.getByText("This change needs your second factor again")).toBeVisible();
  await screenshot(page, "two-step-remove-step-up");
  expect(await count(`SELECT count(*) n FROM "SecondFactor" f JOIN "User" u ON u.id = f."userId" WHERE u.email = $1`, [email])).toBe(1);

  await dialog.getByRole("link", { name: "Confirm it is you" }).click();
  await expect(page.getByText("Confirm it is you to continue,")).toBeVisible();
  await page.getByLabel("Code from your authenticator app").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account/);
  await page.getByRole("button", { name: "Remove Phone" }).click();
  await page.getByRole("dialog", { name: "Remove Phone?" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("No second factor yet.")).toBeVisible();
  expect(await count(`SELECT count(*) n FROM "RecoveryCode" r JOIN "User" u ON u.id = r."userId" WHERE u.email = $1`, [email])).toBe(0);
});
