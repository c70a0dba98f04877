import { count, expect, query, screenshot, signIn, test, uniqueSuffix } from "./helpers";

test("sign up creates an organization; its owner invites a member who accepts and signs in", async ({ page, browser }) => {
  const suffix = uniqueSuffix();
  const ownerEmail = `founder-${suffix}@example.com`;
  const memberEmail = `analyst-${suffix}@example.com`;
  const password = "correct horse battery staple";

  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Fay Founder");
  await page.getByLabel("Work email").fill(ownerEmail);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Organization").fill(`Globex ${suffix}`);
  await screenshot(page, "signup");
  await page.getByRole("button", { name: "Create account" }).click();
  // The answer is the same for a taken address, so the new account signs in by itself.
  await expect(page.getByTestId("check-inbox")).toContainText(ownerEmail);
  await screenshot(page, "signup-check-inbox");
  await signIn(page, ownerEmail, password);

  await expect(page).toHaveURL(new RegExp(`/globex-${suffix}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Globex ${suffix}` })).toBeVisible();
  await expect(page.getByText("No threat models yet")).toBeVisible();
  const [org] = await query<{ id: string; slug: string }>(`SELECT id, slug FROM "Organization" WHERE slug = $1`, [`globex-${suffix}`]);
  expect(org).toBeDefined();
  expect(
    await count(
      `SELECT count(*) n FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND m.role = 'OWNER' AND m."organizationId" = $2`,
      [ownerEmail, org!.id],
    ),
  ).toBe(1);
  await screenshot(page, "dashboard-empty");

  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Email", { exact: true }).fill(memberEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("SECURITY_LEAD");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByText(`${memberEmail} as Security lead`)).toBeVisible();
  await expect(page.getByTestId("invite-delivery")).toContainText(`Emailed to ${memberEmail}`);
  await screenshot(page, "members-invite-created");

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto(link);
  await expect(memberPage.getByRole("heading", { name: `Join Globex ${suffix}` })).toBeVisible();
  await screenshot(memberPage, "invite-accept");
  await memberPage.getByLabel("Your name").fill("Ivan Invitee");
  await memberPage.getByLabel("Choose a password").fill(password);
  await memberPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/globex-${suffix}$`));
  await expect(memberPage.getByText("Signed in as Security lead")).toBeVisible();

  // The link worked once.
  await memberPage.goto(link);
  await expect(memberPage.getByRole("heading", { name: "This invitation can’t be used" })).toBeVisible();

  // The member signs out and back in.
  await memberPage.goto(`/globex-${suffix}`);
  await memberPage.getByRole("button", { name: "Sign out" }).first().click();
  await expect(memberPage).toHaveURL(/\/login/);
  await signIn(memberPage, memberEmail, password);
  await expect(memberPage).toHaveURL(new RegExp(`/globex-${suffix}$`));
  expect(
    await count(
      `SELECT count(*) n FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND m.role = 'SECURITY_LEAD' AND m."organizationId" = $2`,
      [memberEmail, org!.id],
    ),
  ).toBe(1);

  // The owner sees the new member.
  await page.reload();
  await expect(page.getByTestId(`member-${memberEmail}`)).toContainText("Ivan Invitee");
  await memberContext.close();
});

test("a wrong password gets one message that does not say which part was wrong", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill("not the right password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-alert=error]")).toHaveText("The email or password is incorrect.");
  await page.getByLabel("Email").fill("nobody-here@acme.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-alert=error]")).toHaveText("The email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
});

test("sign-up refuses a short password with a field message, and answers a taken email as a new one, creating nothing", async ({ page }) => {
  const before = await count(`SELECT count(*) n FROM "User"`);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Shorty");
  await page.getByLabel("Work email").fill("shorty@example.com");
  await page.getByLabel("Password").fill("tooshort");
  await page.getByLabel("Organization").fill("Shorts");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 15 characters.")).toBeVisible();

  await page.getByLabel("Work email").fill("owner@acme.test");
  await page.getByLabel("Password").fill("a perfectly long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-inbox")).toContainText("owner@acme.test");
  await expect(page.getByText("already exists")).toHaveCount(0);
  expect(await count(`SELECT count(*) n FROM "User"`)).toBe(before);
});

test("signed-out visitors are sent to sign-in; members of other organizations get 404", async ({ page }) => {
  await page.goto("/acme/models");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Facme/);
  await screenshot(page, "login-demo");

  const suffix = uniqueSuffix();
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Otto Outsider");
  await page.getByLabel("Work email").fill(`otto-${suffix}@example.com`);
  await page.getByLabel("Password").fill("outsider password long enough");
  await page.getByLabel("Organization").fill(`Initech ${suffix}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-inbox")).toBeVisible();
  await signIn(page, `otto-${suffix}@example.com`, "outsider password long enough");
  await expect(page).toHaveURL(new RegExp(`/initech-${suffix}$`));

  const [model] = await query<{ id: string }>(
    `SELECT m.id FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' LIMIT 1`,
  );
  for (const path of ["/acme", "/acme/models", `/acme/models/${model!.id}`, "/acme/settings/members"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await screenshot(page, "not-found");
  const api = await page.request.get(`/api/orgs/acme/models`);
  expect(api.status()).toBe(404);
  expect(JSON.stringify(await api.json())).not.toContain("Authentication Service");
});
