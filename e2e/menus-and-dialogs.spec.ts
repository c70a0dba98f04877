import type { Locator, Page } from "@playwright/test";
import { expect, screenshot, signIn, test } from "./helpers";

/** Escape closes the menu or dialog and hands the focus back to the button that opened it. */
async function escapeReturnsFocus(page: Page, popup: Locator, button: Locator) {
  await page.keyboard.press("Escape");
  await expect(popup).toHaveCount(0);
  await expect(button).toBeFocused();
}

// The shared menu and dialog, driven by the keyboard as their users would: a menu button opens
// with Enter or the arrow keys, the arrows move between items, Escape closes and hands the focus
// back to the button; a dialog keeps the focus inside and returns it when it closes.

test("the organization switcher is a menu the keyboard can open, walk and close", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  const button = page.getByRole("button", { name: /Switch organization/ });
  await button.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  // The label is not an item: past the organizations comes "New organization".
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "+ New organization" })).toBeFocused();
  await screenshot(page, "menu-org-switcher-keyboard", { fullPage: false });
  await escapeReturnsFocus(page, menu, button);
  await expect(button).toHaveAttribute("aria-expanded", "false");
});

test("a model row's actions menu opens the delete dialog, which Escape closes with the focus back on the menu button", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/acme/models");
  const button = page.getByRole("button", { name: /^Actions for / }).first();
  const title = (await button.getAttribute("aria-label"))!.replace(/^Actions for /, "");
  const menu = page.getByRole("menu", { name: `Actions for ${title}` });
  // A long list may still be hydrating when the page shows: a key pressed before its menus
  // listen does nothing, so the opening is tried again (Escape first closes a half-open menu).
  await expect(async () => {
    await page.keyboard.press("Escape");
    await button.focus();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Open" })).toBeFocused({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Duplicate" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Open" })).toBeFocused();
  await screenshot(page, "menu-row-actions", { fullPage: false });
  await escapeReturnsFocus(page, menu, button);

  await page.keyboard.press("Enter");
  await menu.getByRole("menuitem", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete threat model" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Type the model’s title to confirm")).toBeFocused();
  // A wrong title is refused in place, and nothing is deleted.
  await dialog.getByLabel("Type the model’s title to confirm").fill("not the title");
  await dialog.getByRole("button", { name: "Delete threat model" }).click();
  await expect(dialog.getByText("Type the model’s title exactly as shown to delete it.")).toBeVisible();
  // Tab stays inside the dialog.
  for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await screenshot(page, "dialog-delete-model", { fullPage: false });
  await escapeReturnsFocus(page, dialog, button);
  await expect(page.getByRole("link", { name: title, exact: true }).first()).toBeVisible();
});

test("a model's Download menu lists each format and closes on Escape", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/acme/models");
  await page
    .getByRole("button", { name: /^Actions for / })
    .first()
    .click();
  await page.getByRole("menuitem", { name: "Open" }).click();
  await expect(page).toHaveURL(/\/acme\/models\/[^/?]+$/);
  const button = page.getByTestId("download-menu").getByRole("button", { name: "Download" });
  await button.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem")).toHaveText([/^Markdown/, /^ThreatDesk JSON/, /^OWASP Threat Dragon v2/]);
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: /^ThreatDesk JSON/ })).toBeFocused();
  await screenshot(page, "menu-download", { fullPage: false });
  await escapeReturnsFocus(page, menu, button);
});
