import { expect, test } from "@playwright/test";
import { query, screenshot, signIn } from "./helpers";

// Every page, as a person sees it; the screenshots are looked at, not compared.
test("every page of the owner's journey renders with its content", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await expect(page.getByRole("heading", { level: 1, name: "Acme" })).toBeVisible();
  await screenshot(page, "dashboard");

  await page.getByRole("link", { name: "Threat models", exact: true }).click();
  await expect(page).toHaveURL(/\/acme\/models$/);
  await expect(page.getByRole("table")).toContainText("Authentication Service Threat Model");
  await expect(page.getByRole("table")).toContainText("Payments webhook ingestion");
  await screenshot(page, "models-list");

  await page.getByLabel("Status").selectOption("APPROVED");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=APPROVED/);
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("APPROVED");

  await page.getByRole("link", { name: "Authentication Service Threat Model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Authentication Service Threat Model" })).toBeVisible();
  await expect(page.getByText("Attacker impersonates legitimate user")).toBeVisible();
  await expect(page.getByText("(overdue)")).toBeVisible();
  // Repaired text: proper characters, no mojibake from the source document.
  await expect(page.locator("main")).not.toContainText("â");
  await screenshot(page, "model-detail");

  await page.goto("/acme/models/new");
  await screenshot(page, "model-new");
  await page.getByRole("button", { name: "Create threat model" }).click();
  await expect(page.getByText("Give the threat model a title.")).toBeVisible();

  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByLabel("High priority: fix within (days)")).toHaveValue("7");
  await screenshot(page, "settings");
  await page.getByLabel("High priority: fix within (days)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("High must be at least 1 day.")).toBeVisible();
  const [org] = await query<{ fixByDaysHigh: number }>(`SELECT "fixByDaysHigh" FROM "Organization" WHERE slug = 'acme'`);
  expect(org!.fixByDaysHigh).toBe(7);

  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByTestId("member-viewer@acme.test")).toContainText("Vera Viewer");
  await screenshot(page, "members");

  await page.goto("/orgs/new");
  await screenshot(page, "organization-new");

  await page.getByRole("link", { name: "ThreatDesk home" }).click();
  await expect(page).toHaveURL(/\/acme$/);

  await page.setViewportSize({ width: 820, height: 1100 });
  await page.goto("/acme");
  await screenshot(page, "dashboard-tablet");
  await page.goto("/acme/settings/members");
  await screenshot(page, "members-tablet");
});

test("the organization switcher moves between organizations", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/orgs/new");
  const slug = `acme-labs-${Date.now().toString(36)}`;
  await page.getByLabel("Organization name").fill("Acme Labs");
  await page.getByLabel("Address (optional)").fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await page.getByRole("button", { name: /Switch organization/ }).click();
  await screenshot(page, "org-switcher");
  // Switching records the organization "/" returns to (a server action after the page shows).
  const remembered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/acme");
  await page.getByRole("menuitem", { name: /^Acme\s*Owner$/ }).click();
  await expect(page).toHaveURL(/\/acme$/);
  await remembered;
  await page.goto("/");
  await expect(page).toHaveURL(/\/acme$/);
  await expect(page.getByRole("heading", { level: 1, name: "Acme" })).toBeVisible();
});
