import type { Page } from "@playwright/test";
import { count, expect, query, screenshot, signInToSecondStep, signUpAndSignIn, test, uniqueSuffix } from "./helpers";

const PASSWORD = "correct horse battery staple";

/** Chromium's virtual authenticator: a platform passkey with user verification, as a laptop's fingerprint reader. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

test("a user adds a passkey, then signs in with the password and the passkey", async ({ page }) => {
  test.setTimeout(180_000);
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  const suffix = uniqueSuffix();
  const email = await signUpAndSignIn(page, {
    name: "Pia Passkey",
    email: `passkey-${suffix}@example.com`,
    organization: `Passkeys ${suffix}`,
    password: PASSWORD,
  });

  await page.goto("/account");
  await page.getByRole("button", { name: "Add passkey" }).click();
  const dialog = page.getByTestId("add-passkey");
  await dialog.getByLabel("Name").fill("Work laptop");
  await screenshot(page, "passkey-add");
  // A name is needed before the browser is asked.
  await dialog.getByLabel("Name").fill("  ");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog.getByText("Give it a name, such as the device it is on.")).toBeVisible();
  expect(await count(`SELECT count(*) n FROM "SecondFactor" f JOIN "User" u ON u.id = f."userId" WHERE u.email = $1`, [email])).toBe(0);
  await dialog.getByLabel("Name").fill("Work laptop");
  await dialog.getByRole("button", { name: "Continue" }).click();
  const codes = dialog.getByTestId("recovery-codes");
  await expect(codes.getByRole("listitem")).toHaveCount(10);
  await expect(dialog.getByRole("heading", { name: "Passkey added" })).toBeVisible();
  await screenshot(page, "passkey-recovery-codes");
  await dialog.getByRole("button", { name: "I saved them" }).click();
  await expect(page.getByTestId("second-factor-row")).toHaveCount(1);
  await expect(page.getByTestId("second-factor-row")).toContainText("Work laptop");
  await expect(page.getByTestId("second-factor-row")).toContainText("Passkey");
  await screenshot(page, "passkey-listed");

  const [stored] = await query<{ credentialId: string; kind: string }>(
    `SELECT f."credentialId", f.kind FROM "SecondFactor" f JOIN "User" u ON u.id = f."userId" WHERE u.email = $1 AND f."confirmedAt" IS NOT NULL`,
    [email],
  );
  expect(stored?.kind).toBe("PASSKEY");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials.map((c) => Buffer.from(c.credentialId, "base64").toString("base64url"))).toEqual([stored!.credentialId]);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signInToSecondStep(page, email, PASSWORD);
  await expect(page.getByRole("button", { name: "Use your passkey" })).toBeVisible();
  await screenshot(page, "passkey-second-step");

  // A browser that cannot find the passkey (the key unplugged, the prompt dismissed) ends in
  // NotAllowedError: the user is told calmly and can try again once it is back.
  await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
  await page.getByRole("button", { name: "Use your passkey" }).click();
  await expect(page.getByText("The passkey prompt was closed or timed out. Try again, or use a code instead.")).toBeVisible({ timeout: 30_000 });
  await screenshot(page, "passkey-prompt-closed");
  await cdp.send("WebAuthn.addCredential", { authenticatorId, credential: credentials[0]! });

  await page.getByRole("button", { name: "Use your passkey" }).click();
  await expect(page).toHaveURL(/\/passkeys-/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const passed = `SELECT count(*) n FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 AND s."revokedAt" IS NULL AND s."secondFactorAt" IS NOT NULL`;
  expect(await count(passed, [email])).toBe(1);
  const [used] = await query<{ lastUsedAt: Date | null }>(`SELECT f."lastUsedAt" FROM "SecondFactor" f WHERE f."credentialId" = $1`, [stored!.credentialId]);
  expect(used?.lastUsedAt).not.toBeNull();
});
