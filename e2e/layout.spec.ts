import type { Locator, Page } from "@playwright/test";
import { expect, query, screenshot, signIn, test } from "./helpers";

// The layout at a laptop's 1366 × 768 and a phone's 390 × 844, measured: nothing the user needs
// is cut off, squeezed or left without its background.

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function draftModelId(): Promise<string> {
  const [model] = await query<{ id: string }>(
    `SELECT m.id FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.title = 'Admin console single sign-on'`,
  );
  return model!.id;
}

/** How a select shows its chosen option: the text's width against the room inside the control. */
async function selectedTextFit(select: Locator) {
  return select.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = el.options[el.selectedIndex]!.text;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text, textWidth: context.measureText(text).width, room };
  });
}

async function expectInside(inner: Locator, outer: Locator) {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  expect(a.x).toBeGreaterThanOrEqual(b.x - 0.5);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
}

async function expectWithinViewport(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

test("at 1366 px the priority override select shows its whole choice inside the threat", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, "owner@acme.test");
  await page.goto(`/acme/models/${await draftModelId()}`);
  const threats = page.getByTestId("threat");
  await expect(threats.first()).toBeVisible();
  const overrides = page.getByLabel("Override priority");
  expect(await overrides.count()).toBeGreaterThan(0);
  for (const threat of await threats.all()) {
    const select = threat.getByLabel("Override priority");
    const fit = await selectedTextFit(select);
    expect(fit.textWidth, `"${fit.text}" needs ${fit.textWidth.toFixed(0)} px, the select leaves ${fit.room} px`).toBeLessThanOrEqual(fit.room);
    await expectInside(select, threat);
    const box = (await select.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(LAPTOP.width);
  }
  // The longest choice, "Use suggested (Critical)", is the one the first threat starts with.
  await expect(overrides.first().locator("option:checked")).toHaveText(/^Use suggested \(/);
  await overrides.first().scrollIntoViewIfNeeded();
  await screenshot(page, "layout-override-1366", { fullPage: false });
  await screenshot(page, "layout-editor-1366");
});

test("at 390 px the threat fields keep the width of the phone", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "owner@acme.test");
  await page.goto(`/acme/models/${await draftModelId()}`);
  const title = page.getByTestId("threat").first().getByLabel("Threat", { exact: true });
  await title.scrollIntoViewIfNeeded();
  for (const field of [title, page.getByTestId("threat").first().getByLabel("Likelihood"), page.getByTestId("threat").first().getByLabel("Description")]) {
    const box = (await field.boundingBox())!;
    expect(box.width, "a threat field on a 390 px phone").toBeGreaterThanOrEqual(300);
  }
  for (const select of await page.getByLabel("Override priority").all()) {
    const fit = await selectedTextFit(select);
    expect(fit.textWidth).toBeLessThanOrEqual(fit.room);
  }
  // Nothing runs off the side of the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, "layout-threat-390", { fullPage: false });
  await screenshot(page, "layout-editor-390");
});

test("at 390 px the top bar shows the whole bell, unread count and all", async ({ page }) => {
  // A dozen unread mentions give the bell its widest label; the tech lead's name is the longest.
  await query(
    `INSERT INTO "Notification" (id, "organizationId", "userId", kind, title, link)
     SELECT 'layout-' || g || '-' || u.id, o.id, u.id, 'mentioned', 'Mentioned you on Admin console single sign-on', '/acme'
     FROM "User" u, "Organization" o, generate_series(1, 12) g
     WHERE u.email = 'techlead@acme.test' AND o.slug = 'acme'
     ON CONFLICT DO NOTHING`,
  );
  try {
    await page.setViewportSize(PHONE);
    await signIn(page, "techlead@acme.test");
    const bell = page.getByRole("button", { name: /^Notifications/ });
    await expect(bell).toBeVisible();
    await expect(bell).toContainText("12");
    await expectWithinViewport(page, bell);
    const signOut = page.getByRole("button", { name: "Sign out" });
    await expectWithinViewport(page, signOut);
    const bellBox = (await bell.boundingBox())!;
    const signOutBox = (await signOut.boundingBox())!;
    expect(bellBox.x + bellBox.width).toBeLessThanOrEqual(signOutBox.x);
    await screenshot(page, "layout-topbar-390", { fullPage: false });
    await screenshot(page, "layout-dashboard-390");

    await bell.click();
    const panel = page.getByRole("region", { name: "Notifications" });
    await expect(panel.getByRole("link", { name: /Mentioned you on Admin console/ }).first()).toBeVisible();
    await expectWithinViewport(page, panel);
    await screenshot(page, "layout-notifications-390");
  } finally {
    await query(`DELETE FROM "Notification" WHERE id LIKE 'layout-%'`);
  }
});

test("at 1366 px the sidebar's background runs to the foot of a long page", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, "owner@acme.test");
  await page.goto(`/acme/models/${await draftModelId()}`);
  await expect(page.getByTestId("threat").first()).toBeVisible();
  const sidebar = page.locator("aside");
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(pageHeight).toBeGreaterThan(LAPTOP.height * 3);
  const box = (await sidebar.boundingBox())!;
  expect(box.y + box.height + (await page.evaluate(() => window.scrollY)), "the sidebar's bottom edge").toBeGreaterThanOrEqual(pageHeight - 1);
  expect(await sidebar.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");

  // Scrolled to the foot, the navigation is still in view beside the content.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const dashboardLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" });
  await expectWithinViewport(page, dashboardLink);
  await expectWithinViewport(page, page.getByRole("button", { name: "Sign out" }));
  await screenshot(page, "layout-sidebar-foot-1366", { fullPage: false });
  await screenshot(page, "layout-sidebar-1366");
});
