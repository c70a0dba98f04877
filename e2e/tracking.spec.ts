import { count, expect, query, screenshot, signIn, test } from "./helpers";

const MODEL = "Authentication Service Threat Model";
const MITIGATION = "Device trust";

async function demoModel() {
  const [model] = await query<{ id: string; lockVersion: number }>(
    `SELECT m.id, m."lockVersion" FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.title = $1`,
    [MODEL],
  );
  return model!;
}

test("a contributor marks a mitigation of the approved demo model implemented; the analysis stays locked and the model approved", async ({ page }) => {
  // The demo model's page is long and saves go one field at a time: more than the default budget on a busy machine.
  test.slow();
  const model = await demoModel();
  const [before] = await query<{ status: string; taskRef: string }>(
    `SELECT status::text, "taskRef" FROM "Mitigation" WHERE "threatModelId" = $1 AND title = $2`,
    [model.id, MITIGATION],
  );
  expect(before).toEqual({ status: "PLANNED", taskRef: "" });
  const approvals = await count(`SELECT count(*) n FROM "Approval" WHERE "threatModelId" = $1 AND "withdrawnAt" IS NULL`, [model.id]);
  expect(approvals).toBe(2);

  await signIn(page, "contributor@acme.test");
  await page.goto(`/acme/models/${model.id}`);
  await expect(page.getByText(/its analysis is locked/)).toBeVisible();
  // The analysis is shown, not edited: no editor fields, no rows to add.
  await expect(page.getByRole("textbox", { name: "Overview" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Add mitigation/ })).toHaveCount(0);

  const row = page.getByTestId("tracked-mitigation").filter({ has: page.getByText(MITIGATION, { exact: true }) });
  await expect(row).toHaveCount(1);
  await row.getByLabel("Status").selectOption("IMPLEMENTED");
  await row.getByLabel("Task ID or ticket URL").fill("SEC-42");
  await row.getByLabel("Implemented in").fill("auth-service v2.4");
  await expect(row.locator("[data-save-state]")).toHaveText("Saved");
  await expect(page.getByTestId("tracking-status")).toHaveText("All tracking changes saved");

  const [after] = await query<{ status: string; taskRef: string; implementedIn: string }>(
    `SELECT status::text, "taskRef", "implementedIn" FROM "Mitigation" WHERE "threatModelId" = $1 AND title = $2`,
    [model.id, MITIGATION],
  );
  expect(after).toEqual({ status: "IMPLEMENTED", taskRef: "SEC-42", implementedIn: "auth-service v2.4" });
  const [state] = await query<{ status: string; lockVersion: number }>(`SELECT status::text, "lockVersion" FROM "ThreatModel" WHERE id = $1`, [model.id]);
  expect(state).toEqual({ status: "APPROVED", lockVersion: model.lockVersion });
  expect(await count(`SELECT count(*) n FROM "Approval" WHERE "threatModelId" = $1 AND "withdrawnAt" IS NULL`, [model.id])).toBe(2);
  expect(
    await count(`SELECT count(*) n FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'threat-model.edited' AND summary->>'tracking' = 'true'`, [model.id]),
  ).toBeGreaterThan(0);

  // What was saved is what a reload shows.
  await page.reload();
  const reloaded = page.getByTestId("tracked-mitigation").filter({ has: page.getByText(MITIGATION, { exact: true }) });
  await expect(reloaded.getByLabel("Status")).toHaveValue("IMPLEMENTED");
  await expect(reloaded.getByLabel("Task ID or ticket URL")).toHaveValue("SEC-42");
  await reloaded.scrollIntoViewIfNeeded();
  await screenshot(page, "tracking-approved-model");

  // Still approved by both leads.
  await page.goto(`/acme/models/${model.id}/review`);
  await expect(page.getByTestId("approval-SECURITY")).toContainText("Approved");
  await expect(page.getByTestId("approval-TECH_LEAD")).toContainText("Approved");

  // Compared with the approved revision, the change reads as a tracking update.
  const [revision] = await query<{ id: string }>(`SELECT id FROM "Revision" WHERE "threatModelId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [model.id]);
  await page.goto(`/acme/models/${model.id}/revisions/${revision!.id}?compare=current`);
  const change = page.getByTestId("revision-diff").getByRole("listitem").filter({ hasText: MITIGATION });
  await expect(change).toHaveAttribute("data-kind", "tracking");
  await expect(change).toContainText("Tracking updated");
  await expect(change).toContainText("Status");
  await expect(change).toContainText("SEC-42");
  await screenshot(page, "tracking-diff");
});

test("the audit trail shows the browser's address as an IPv4 address on one line", async ({ page }) => {
  await signIn(page, "security@acme.test");
  await page.goto("/acme/audit");
  const headers = await page.getByRole("table").locator("thead th").allTextContents();
  const ipColumn = headers.findIndex((h) => h.trim() === "IP");
  expect(ipColumn).toBeGreaterThan(-1);
  const firstIp = page.getByRole("table").locator("tbody tr").first().locator("td").nth(ipColumn);
  const text = (await firstIp.textContent())!.trim();
  expect(text).not.toMatch(/^::ffff:/i);
  expect(text).toMatch(/^(\d{1,3}\.){3}\d{1,3}$|^::1$|^—$/);
  // One line: the cell is no taller than one line of its text.
  const box = await firstIp.locator("span").boundingBox();
  expect(box!.height).toBeLessThan(24);
  await screenshot(page, "tracking-audit-ip");
});
