import { approveAs, count, expect, query, screenshot, signedInAs, test } from "./helpers";

// A model approved as 1.0.0 whose revision 1.1.0 is being drafted stays approved everywhere:
// the models list, the model page and the dashboard say both, and the threat the draft adds is
// open risk that shows as not yet reviewed.
test("an approved model with its next revision in draft reads “Approved 1.0.0 · 1.1.0 in draft” in the list, on the model and on the dashboard", async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const [contributor, tech, security] = await signedInAs(browser, "contributor", "tech", "security");
  const category = `Revision check ${Date.now()}`;
  const title = `Session service ${Date.now()}`;

  const created = await contributor.context.request.post("/api/orgs/acme/models", { data: { title, category } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await query(`UPDATE "ThreatModel" SET version = '1.0.0' WHERE id = $1`, [id]);
  const statusOf = async () => (await query<{ status: string }>(`SELECT status::text FROM "ThreatModel" WHERE id = $1`, [id]))[0]!.status;

  // Submitted, approved by both leads, then revision 1.1.0 started.
  const review = `/acme/models/${id}/review`;
  await contributor.page.goto(review);
  await contributor.page.getByRole("button", { name: "Submit for review" }).click();
  await expect.poll(statusOf).toBe("IN_REVIEW");
  await tech.page.goto(review);
  await approveAs(tech.page, "TECH_LEAD");
  await security.page.goto(review);
  await security.page.getByRole("button", { name: "Approve as Security" }).click();
  await expect.poll(statusOf).toBe("APPROVED");
  await contributor.page.goto(review);
  await contributor.page.getByRole("button", { name: "Start revision 1.1.0" }).click();
  await expect.poll(statusOf).toBe("DRAFT");

  // The draft adds a threat.
  const page = contributor.page;
  await page.goto(`/acme/models/${id}`);
  const spoofing = page.getByTestId("stride-SPOOFING");
  await spoofing.getByRole("button", { name: "+ Add spoofing threat" }).click();
  await spoofing.getByLabel("Threat", { exact: true }).fill("Stolen refresh token");
  await spoofing.getByLabel("Likelihood", { exact: true }).selectOption("MEDIUM");
  await spoofing.getByLabel("Impact", { exact: true }).selectOption("HIGH");
  await expect
    .poll(() => count(`SELECT count(*) n FROM "Threat" WHERE "threatModelId" = $1 AND title = 'Stolen refresh token' AND priority = 'HIGH'`, [id]), {
      timeout: 15_000,
    })
    .toBe(1);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");

  // The model page.
  await page.reload();
  const standing = "Approved 1.0.0 · 1.1.0 in draft";
  await expect(page.getByTestId("model-standing")).toHaveText(standing);
  await screenshot(page, "approved-revision-model");

  // The models list.
  await page.goto(`/acme/models?q=${encodeURIComponent(title)}`);
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row.getByTestId("model-standing")).toHaveText(standing);
  await screenshot(page, "approved-revision-list");

  // The dashboard, narrowed to this model's category: counted as approved, one draft in progress,
  // and the draft's threat open.
  await page.goto(`/acme?category=${encodeURIComponent(category)}`);
  const byStatus = page.getByTestId("models-by-status");
  await expect(byStatus.getByRole("link", { name: "1 Approved models", exact: true })).toBeVisible();
  await expect(byStatus.getByRole("link", { name: "0 Draft models", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "1 drafts in progress on approved models", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "1 open threats", exact: true })).toBeVisible();
  await screenshot(page, "approved-revision-dashboard");

  // Its drafts-in-progress list names both versions, and the open threat is marked not yet reviewed.
  await page.getByRole("link", { name: "1 drafts in progress on approved models", exact: true }).click();
  await expect(page).toHaveURL(/view=models.*revising=1/);
  const table = page.getByTestId("risk-table");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.getByTestId("model-standing")).toHaveText(standing);
  await screenshot(page, "approved-revision-risks-models");
  await page.goto(`/acme/risks?view=threats&category=${encodeURIComponent(category)}`);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr").first()).toContainText("Stolen refresh token");
  await expect(table.locator("tbody tr").first()).toContainText("Not yet reviewed");
  await screenshot(page, "approved-revision-risks-threats");

  for (const c of [contributor, tech, security]) await c.context.close();
});
