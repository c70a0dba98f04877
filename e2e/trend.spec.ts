import { expect, screenshot, signIn, test } from "./helpers";

// The recorded trend is drawn on the server: a picture with a name, nothing in it to focus, no
// script to wait for, legible on a phone.
test("the trend chart is a server-drawn picture, nothing focusable, legible on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "viewer@acme.test");
  await page.goto("/acme");
  const chart = page.getByTestId("trend-chart");
  const picture = chart.getByRole("img", { name: /Line chart of the recorded open threats/ });
  // One drawing per width; on a phone only the narrow one shows.
  await expect(picture).toHaveCount(1);
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((svg) => svg.getAttribute("viewBox"))).toBe("0 0 360 220");
  await expect(chart.locator("a, button, input, select, textarea, [tabindex], [contenteditable]")).toHaveCount(0);
  await expect(picture.locator("text", { hasText: "Not recorded" })).toBeVisible();
  await expect(picture.locator("text", { hasText: "Demo data" })).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  await chart.screenshot({ path: "test-results/screens/dashboard-trend-phone.png" });
  // The heat map's cells keep their priority's name inside them at this width.
  await page.getByTestId("heat-map").screenshot({ path: "test-results/screens/dashboard-heat-map-phone.png" });
  await screenshot(page, "dashboard-phone");
});
