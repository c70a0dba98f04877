import { count, expect, screenshot, signIn, test } from "./helpers";

const ACME_EVENTS = `SELECT count(*) n FROM "AuditEvent" e JOIN "Organization" o ON o.id = e."organizationId" WHERE o.slug = 'acme'`;

test("the security lead sees Acme's audit trail verified and filters it by action", async ({ page }) => {
  await signIn(page, "security@acme.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(page).toHaveURL(/\/acme\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();

  // The banner counts every event of the organization's chain, verified on this visit.
  const banner = page.getByText(/^Chain verified: [\d,]+ events?, unbroken$/);
  await expect(banner).toBeVisible();
  const verified = Number((await banner.textContent())!.match(/Chain verified: ([\d,]+)/)![1]!.replaceAll(",", ""));
  expect(verified).toBe(await count(ACME_EVENTS));
  await expect(page.getByText(/Chain broken/)).toHaveCount(0);

  const table = page.getByRole("table");
  for (const header of ["Time (UTC)", "Actor", "Action", "Target", "Summary", "IP"]) {
    await expect(table.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
  }
  // Newest first, at most 50 to a page.
  const shown = await table.locator("tbody tr").count();
  expect(shown).toBe(Math.min(50, verified));

  await page.getByLabel("Action", { exact: true }).selectOption("organization.created");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/acme\/audit\?action=organization\.created$/);
  const created = await count(`${ACME_EVENTS} AND e.action = 'organization.created'`);
  expect(created).toBeGreaterThan(0);
  await expect(table.locator("tbody tr")).toHaveCount(created);
  for (const cell of await table.locator("tbody tr td:nth-child(3)").all()) await expect(cell).toHaveText("organization.created");
  // The demo organization's creation: its actor and a readable summary, not raw JSON.
  const seeded = table.locator("tbody tr", { hasText: "demo seed" });
  await expect(seeded).toContainText("name:");
  await expect(seeded).toContainText("Acme");
  await expect(seeded).not.toContainText("{");
  await expect(page.getByText(`1–${created} of ${created} ${created === 1 ? "event" : "events"}`)).toBeVisible();
  // The banner speaks for the whole chain, not for the filtered rows.
  await expect(page.getByText(`Chain verified: ${verified.toLocaleString("en")} ${verified === 1 ? "event" : "events"}, unbroken`)).toBeVisible();
  await screenshot(page, "audit-trail");

  // The filter is in the URL: a reload keeps it, and Clear filters goes back to everything.
  await page.reload();
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("organization.created");
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/acme\/audit$/);
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("");
});

test("a contributor has no audit trail link and gets 404 at /acme/audit", async ({ page }) => {
  await signIn(page, "contributor@acme.test");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Threat models" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" })).toHaveCount(0);

  const response = await page.goto("/acme/audit");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText(/Chain verified|Chain broken/)).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
});
