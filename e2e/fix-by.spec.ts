import { expect, query, screenshot, signIn, test } from "./helpers";

// The organization's fix-by rule, not the template's 7 days, on every page that states it.
test("the editor, the document view and the Markdown download state the organization's own fix-by days", async ({ page }) => {
  const [before] = await query<{ fixByDaysHigh: number }>(`SELECT "fixByDaysHigh" FROM "Organization" WHERE slug = 'acme'`);
  await query(`UPDATE "Organization" SET "fixByDaysHigh" = 5 WHERE slug = 'acme'`);
  try {
    await signIn(page, "security@acme.test");
    const [approved] = await query<{ id: string }>(
      `SELECT m.id FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.status = 'APPROVED' ORDER BY m."createdAt" LIMIT 1`,
    );
    const [draft] = await query<{ id: string }>(
      `SELECT m.id FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.status = 'DRAFT' ORDER BY m."createdAt" LIMIT 1`,
    );

    await page.goto(`/acme/models/${approved!.id}?view=read`);
    const viewSummary = page.getByRole("table", { name: "Threats per priority" });
    await expect(viewSummary.getByRole("row").filter({ hasText: "High" }).first()).toContainText("Within 5 days of discovery");
    await expect(viewSummary).not.toContainText("Within 7 days");
    await viewSummary.scrollIntoViewIfNeeded();
    await screenshot(page, "fix-by-document-view", { fullPage: false });

    const markdown = await (await page.request.get(`/acme/models/${approved!.id}/export?format=md`)).text();
    expect(markdown).toMatch(/\| High \| \d+ \| Within 5 days of discovery \|/);
    expect(markdown).not.toContain("Within 7 days");

    await page.goto(`/acme/models/${draft!.id}`);
    const editorSummary = page.getByRole("table", { name: "Threats per priority and when they must be fixed" });
    await expect(editorSummary.getByRole("row").filter({ hasText: "High" }).first()).toContainText("Within 5 days of discovery");
    await editorSummary.scrollIntoViewIfNeeded();
    await screenshot(page, "fix-by-editor", { fullPage: false });
  } finally {
    await query(`UPDATE "Organization" SET "fixByDaysHigh" = $1 WHERE slug = 'acme'`, [before!.fixByDaysHigh]);
  }
});
