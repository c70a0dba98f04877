import { countsAsApprovedSql } from "../lib/data/sql/model-standing";
import { count, expect, query, screenshot, signIn, test } from "./helpers";

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
  // Other tests may have approved models too: the list holds exactly those the database counts as approved.
  const approved = await count(
    `SELECT count(*) AS n FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND ${countsAsApprovedSql("m").text}`,
  );
  expect(approved).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(approved + 1);
  await expect(page.getByRole("table")).toContainText("Authentication Service Threat Model");
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("APPROVED");

  await page.getByRole("link", { name: "Authentication Service Threat Model", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Authentication Service Threat Model" })).toBeVisible();
  await expect(page.getByText("Attacker impersonates legitimate user", { exact: true })).toBeVisible();
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

// The pages and states the journeys above do not stop at, each one screenshotted and so
// checked for WCAG 2.2 A/AA by axe-core: lists and their empty states, menus and panels open,
// not-found pages, and a phone's width.
test("every other page and state passes the accessibility check", async ({ page }) => {
  const [model] = await query<{ id: string }>(
    `SELECT m.id FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.title = 'Admin console single sign-on'`,
  );
  const draft = `/acme/models/${model!.id}`;

  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await screenshot(page, "state-login");
  await signIn(page, "owner@acme.test");

  for (const view of ["threats", "acceptances", "mitigations", "models"] as const) {
    await page.goto(`/acme/risks?view=${view}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await screenshot(page, `state-risks-${view}`);
  }
  await page.goto("/acme/risks?view=threats&category=no-such-category");
  await expect(page.getByText(/^No .* here$/)).toBeVisible();
  await screenshot(page, "state-risks-empty");

  await page.goto("/acme/models?q=no-such-model-anywhere");
  await expect(page.getByText("No threat models match these filters")).toBeVisible();
  await screenshot(page, "state-models-empty");

  await page.goto("/acme/library");
  await expect(page.getByRole("heading", { level: 1, name: "Threat library" })).toBeVisible();
  await screenshot(page, "state-library");

  await page.goto("/acme/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText(/^No (unread )?notifications( yet)?$/)).toBeVisible();
  await screenshot(page, "state-notifications-empty");
  await page.getByRole("button", { name: /^Notifications/ }).click();
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("Nothing new");
  await screenshot(page, "state-notification-panel-empty");

  await page.goto("/acme/models/import");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await screenshot(page, "state-import");

  await page.goto(draft);
  await expect(page.getByTestId("threat").first()).toBeVisible();
  const suggestions = page.getByRole("button", { name: /^Suggestions \(\d+\)$/ }).first();
  await suggestions.click();
  await expect(page.getByText("From the threat library").first()).toBeVisible();
  await page.getByText("From the threat library").first().scrollIntoViewIfNeeded();
  await screenshot(page, "state-editor-suggestions", { fullPage: false });
  await page.getByRole("button", { name: "Hide suggestions" }).first().click();
  await page
    .getByText(/^Residual risk of this threat/)
    .first()
    .click();
  await screenshot(page, "state-editor-residual-open", { fullPage: false });

  await page.goto(`${draft}/review`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await screenshot(page, "state-review-draft");

  await page.goto("/acme/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await screenshot(page, "state-org-not-found");
  await page.goto(`/acme/models/no-such-model`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await screenshot(page, "state-model-not-found");
  await page.goto("/no-such-organization");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await screenshot(page, "state-organization-not-found");

  await page.setViewportSize({ width: 390, height: 844 });
  for (const [path, name] of [
    ["/acme", "phone-dashboard"],
    ["/acme/models", "phone-models"],
    [draft, "phone-editor"],
    [`${draft}/review`, "phone-review"],
    ["/acme/risks?view=threats", "phone-risks"],
    ["/acme/library", "phone-library"],
    ["/acme/settings/members", "phone-members"],
    ["/acme/audit", "phone-audit"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await screenshot(page, name);
  }
  await page.getByRole("button", { name: /Switch organization/ }).click();
  await expect(page.getByRole("menuitem").first()).toBeVisible();
  await screenshot(page, "phone-org-switcher", { fullPage: false });
});
