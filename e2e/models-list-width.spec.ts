import { expect, screenshot, signIn, test } from "./helpers";

test.use({ viewport: { width: 1280, height: 800 } });

test("every column of the threat-models list fits a 1280 px wide window, the row actions included", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/acme/models");
  const buttons = page.getByRole("button", { name: /^Actions for / });
  await expect(buttons.first()).toBeVisible();
  const table = page.getByRole("table", { name: /^Threat models, sorted by/ });
  // Each row's menu button lies inside the window and inside the region that holds the table.
  const holder = await table.evaluate((el) => el.parentElement!.getBoundingClientRect().toJSON() as DOMRect);
  for (const button of await buttons.all()) {
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(holder.x);
    expect(box.x + box.width).toBeLessThanOrEqual(Math.min(holder.x + holder.width, 1280));
  }
  // The actions column itself starts inside the region: it is not pushed out of view by the others.
  const actionsHeader = (await table.getByRole("columnheader", { name: "Actions" }).boundingBox())!;
  expect(actionsHeader.x).toBeLessThan(holder.x + holder.width);
  await screenshot(page, "models-list-1280", { fullPage: false });
});
