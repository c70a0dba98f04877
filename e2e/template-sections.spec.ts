import type { Page } from "@playwright/test";
import { expect, screenshot, signIn, test } from "./helpers";

/** The numbered section headings ("6. Risk summary") a page shows, in order. */
async function numberedHeadings(page: Page): Promise<string[]> {
  const texts = await page.locator("main h2").allInnerTexts();
  return texts.map((t) => t.trim()).filter((t) => /^[1-9]\d*\. /.test(t));
}

test("the editor, the document view and the Markdown export number the same sections the same way, in the template's order", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "contributor@acme.test");
  const title = `Numbering ${Date.now().toString(36)}`;
  await page.goto("/acme/models/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel(/Team template/).check();
  await page.getByRole("button", { name: "Create threat model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 60_000 });
  const modelPath = new URL(page.url()).pathname;

  const editor = await numberedHeadings(page);
  await page.goto(`${modelPath}?view=read`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const view = await numberedHeadings(page);
  await screenshot(page, "document-view-numbering");

  const response = await page.request.get(`${modelPath}/export?format=md`);
  expect(response.status()).toBe(200);
  const exported = (await response.text())
    .split("\n")
    .filter((line) => line.startsWith("## "))
    .map((line) => line.slice(3));

  expect(exported).toEqual([
    "1. Feature Overview",
    "2. System Architecture for This Feature",
    "3. Trust Boundaries",
    "4. Assets to Protect",
    "5. STRIDE Threat Analysis",
    "6. Risk Summary",
    "7. Mitigations Implemented",
    "8. Attack Scenarios",
    "9. Security Controls Summary",
    "10. Security Invariants Added to CONSTITUTION.md",
    "11. Residual Risks",
    "12. Review & Approval",
  ]);
  // The screen writes the short form of each heading; the number is the same.
  const sameSection = (shown: string, written: string) => written.toLowerCase().startsWith(shown.toLowerCase());
  expect(view).toHaveLength(exported.length);
  view.forEach((heading, i) => expect(sameSection(heading, exported[i]!), `${heading} ~ ${exported[i]}`).toBe(true));
  // The editor has every section but Review & approval, which is decided on the review page.
  expect(editor).toEqual(view.slice(0, -1));
});
