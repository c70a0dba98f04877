import { expect, signIn, test } from "./helpers";

// A link past a list's last page (an old bookmark, or the last row just deleted) shows the last
// page rather than an empty list.
test("each paged list sends a page past its end to its last page", async ({ page }) => {
  await signIn(page, "owner@acme.test");

  await page.goto("/acme/models?q=Payments&page=7");
  await expect(page).toHaveURL(/\/acme\/models\?q=Payments$/);
  await expect(page.getByRole("link", { name: "Payments webhook ingestion" })).toBeVisible();

  await page.goto("/acme/risks?view=threats&priority=CRITICAL&page=500");
  await expect(page).toHaveURL(/\/acme\/risks\?view=threats&priority=CRITICAL$/);
  await expect(page.getByRole("table")).toBeVisible();

  await page.goto("/acme/audit?page=5000");
  await expect(page).not.toHaveURL(/page=5000/);
  await expect(page.getByRole("table")).toBeVisible();
});
