import fs from "node:fs";
import { count, expect, query, screenshot, signIn, test, uniqueSuffix } from "./helpers";

// The residual-risk dashboard. Earlier specs change the demo organization, so the expected
// figures are counted from the database at test time with the definition the dashboard uses: a
// threat is open unless a linked mitigation is Implemented or an accepted acceptance on it holds
// until a review date that has not passed; archived models count for nothing.
const ACME = `(SELECT id FROM "Organization" WHERE slug = 'acme')`;
const IN_USE = `(SELECT id FROM "ThreatModel" WHERE "organizationId" = ${ACME} AND status <> 'ARCHIVED')`;
const OPEN_BY_PRIORITY = `
  SELECT t.priority, count(*)::int AS n FROM "Threat" t
  WHERE t."organizationId" = ${ACME} AND t."threatModelId" IN ${IN_USE}
    AND NOT EXISTS (SELECT 1 FROM "ThreatMitigation" tm JOIN "Mitigation" mi ON mi.id = tm."mitigationId" WHERE tm."threatId" = t.id AND mi.status = 'IMPLEMENTED')
    AND NOT EXISTS (SELECT 1 FROM "ResidualRiskAcceptance" ra WHERE ra."threatId" = t.id AND ra."threatModelId" = t."threatModelId" AND ra.status = 'ACCEPTED' AND ra."reviewDate" >= (now() AT TIME ZONE 'UTC')::date)
  GROUP BY t.priority`;
const LABEL = { CRITICAL: "Critical", HIGH: "High", MEDIUM: "Medium", LOW: "Low" } as const;

test("the dashboard shows the organization's open and accepted risk as the database counts it", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/acme");
  await expect(page.getByRole("heading", { level: 1, name: "Acme" })).toBeVisible();

  const rows = await query<{ priority: keyof typeof LABEL; n: number }>(OPEN_BY_PRIORITY);
  const open = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, ...Object.fromEntries(rows.map((r) => [r.priority, r.n])) };
  const byPriority = page.getByTestId("open-by-priority");
  for (const p of Object.keys(LABEL) as (keyof typeof LABEL)[]) {
    await expect(byPriority.getByRole("link", { name: `${open[p]} open ${LABEL[p]} threats`, exact: true })).toBeVisible();
  }
  const total = open.CRITICAL + open.HIGH + open.MEDIUM + open.LOW;
  await expect(page.getByRole("link", { name: `${total} open threats`, exact: true })).toBeVisible();

  const models = await count(`SELECT count(*) n FROM "ThreatModel" WHERE "organizationId" = ${ACME} AND status <> 'ARCHIVED'`);
  await expect(page.getByRole("link", { name: `${models} threat models`, exact: true })).toBeVisible();
  const accepted = await count(
    `SELECT count(*) n FROM "ResidualRiskAcceptance" WHERE "organizationId" = ${ACME} AND status = 'ACCEPTED' AND "threatModelId" IN ${IN_USE}`,
  );
  await expect(page.getByRole("link", { name: `${accepted} accepted residual risks`, exact: true }).first()).toBeVisible();
  const overdueMitigations = await count(
    `SELECT count(*) n FROM "Mitigation" WHERE "organizationId" = ${ACME} AND status <> 'IMPLEMENTED' AND "dueDate" < (now() AT TIME ZONE 'UTC')::date AND "threatModelId" IN ${IN_USE}`,
  );
  await expect(page.getByRole("link", { name: `${overdueMitigations} overdue mitigations`, exact: true }).first()).toBeVisible();
  // The demo's authentication-service model was due for review on 12 April 2026.
  const overdueReviews = await count(
    `SELECT count(*) n FROM "ThreatModel" WHERE "organizationId" = ${ACME} AND status <> 'ARCHIVED' AND "nextReviewDate" < (now() AT TIME ZONE 'UTC')::date`,
  );
  expect(overdueReviews).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("link", { name: `${overdueReviews} models past their review date`, exact: true }).first()).toBeVisible();

  // The trend is drawn from the daily records: today's, taken by the server when it started; the
  // demo seed's made-up weeks before it, labelled as such; and before those, nothing recorded.
  const [recorded] = await query<{ openCritical: number; openHigh: number; openMedium: number; openLow: number; demo: boolean }>(
    `SELECT "openCritical", "openHigh", "openMedium", "openLow", demo FROM "RiskSnapshot" WHERE "organizationId" = ${ACME} AND day = (now() AT TIME ZONE 'UTC')::date`,
  );
  expect(recorded).toMatchObject({ demo: false });
  await expect(page.getByText(/as recorded once a day/)).toBeVisible();
  await expect(page.getByRole("img", { name: /Line chart of the recorded open threats/ })).toBeVisible();
  const trend = page.getByTestId("trend-table");
  await page.getByText("The trend as a table").click();
  const today = trend.getByRole("row", { name: /^Today/ });
  await expect(today.getByRole("cell")).toHaveText([
    ...[recorded!.openCritical, recorded!.openHigh, recorded!.openMedium, recorded!.openLow].map(String),
    /\d{4}$/,
  ]);
  await expect(trend.getByText("demo data")).toHaveCount(7);
  await expect(trend.getByRole("cell", { name: "Not recorded (before recording began)" })).toHaveCount(4);
  await screenshot(page, "dashboard-full");
});

test("a heat-map cell opens its threats, filters live in the URL, and the CSV export neutralizes formulas", async ({ page }) => {
  const suffix = uniqueSuffix();
  const category = `E2E risk ${suffix}`;
  const modelId = `e2e-dash-${suffix}`;
  const formula = '=HYPERLINK("http://evil.test","click")';
  // A draft model of its own category, so its figures are known exactly whatever ran before.
  await query(
    `INSERT INTO "ThreatModel" (id, "organizationId", title, status, category, "createdById", "updatedAt")
     SELECT $1, o.id, $2, 'DRAFT'::"ThreatModelStatus", $3, u.id, now() FROM "Organization" o, "User" u WHERE o.slug = 'acme' AND u.email = 'owner@acme.test'`,
    [modelId, `Dashboard check ${suffix}`, category],
  );
  try {
    await query(
      `INSERT INTO "Threat" (id, "organizationId", "threatModelId", category, title, likelihood, impact, priority, position, "updatedAt")
       SELECT $1 || v.n, m."organizationId", m.id, v.category::"StrideCategory", v.title, v.likelihood::"Likelihood", v.impact::"Impact", v.priority::"Priority", v.n, now()
       FROM "ThreatModel" m,
            (VALUES (1, 'INFORMATION_DISCLOSURE', $2, 'HIGH', 'CRITICAL', 'CRITICAL'),
                    (2, 'TAMPERING', '-2+3 tampering', 'MEDIUM', 'HIGH', 'HIGH'),
                    (3, 'SPOOFING', 'Plain, with a comma', 'LOW', 'LOW', 'LOW')) AS v(n, category, title, likelihood, impact, priority)
       WHERE m.id = $3`,
      [`${modelId}-t`, formula, modelId],
    );

    await signIn(page, "security@acme.test");
    await page.goto("/acme");
    await page.getByLabel("Model category").selectOption(category);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`category=${encodeURIComponent(category).replace(/%20/g, "(\\+|%20)")}`));
    await expect(page.getByRole("link", { name: "3 open threats", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "1 threat models", exact: true })).toBeVisible();
    const byPriority = page.getByTestId("open-by-priority");
    await expect(byPriority.getByRole("link", { name: "1 open Critical threats", exact: true })).toBeVisible();
    await expect(byPriority.getByRole("link", { name: "0 open Medium threats", exact: true })).toBeVisible();

    // The filter survives a reload: it is in the URL.
    await page.reload();
    await expect(page.getByLabel("Model category")).toHaveValue(category);
    await expect(page.getByRole("link", { name: "3 open threats", exact: true })).toBeVisible();
    await expect(page.getByTestId("dashboard-scope")).toContainText(category);
    await screenshot(page, "dashboard-filtered");

    // A heat-map cell opens the list of its threats, with the dashboard's filter.
    await page.getByTestId("heat-map").getByRole("link", { name: "1 open threats with High likelihood and Critical impact" }).click();
    await expect(page).toHaveURL(/\/acme\/risks\?view=threats&.*likelihood=HIGH&impact=CRITICAL/);
    await expect(page.getByRole("heading", { level: 1, name: "Open threats" })).toBeVisible();
    const table = page.getByTestId("risk-table");
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table).toContainText(formula);
    await expect(page.getByTestId("risk-count")).toContainText("1–1 of 1");
    await screenshot(page, "risks-drilldown");

    // Without the cell, the model's three threats, sortable by title on the server.
    // Each removal is a navigation: wait for it before using the next link, whose URL it changes.
    await page.getByRole("link", { name: "Remove “Likelihood: High”" }).click();
    await expect(page).not.toHaveURL(/likelihood=/);
    await page.getByRole("link", { name: "Remove “Impact: Critical”" }).click();
    await expect(page).not.toHaveURL(/impact=/);
    await expect(table.locator("tbody tr")).toHaveCount(3);
    await table.getByRole("button", { name: /Threat/ }).click();
    await expect(page).toHaveURL(/sort=title/);
    await expect(table.locator("tbody tr").first()).toContainText("-2+3 tampering");

    // The export downloads the whole list as an attachment, formulas neutralized.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^acme-threats-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Threat,Priority,Likelihood,Impact,STRIDE category,Fix by,Created,Not yet reviewed,Threat model,Model owner");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^'-2\+3 tampering,High,Medium,High,Tampering,/);
    expect(lines).toContainEqual(expect.stringMatching(/^"'=HYPERLINK\(""http:\/\/evil\.test"",""click""\)",Critical,High,Critical,Information Disclosure,/));
    expect(lines).toContainEqual(expect.stringMatching(/^"Plain, with a comma",Low,Low,Low,Spoofing,/));
  } finally {
    await query(`DELETE FROM "ThreatModel" WHERE id = $1`, [modelId]);
  }
});

test("the dashboard prints on one or two pages", async ({ page }) => {
  await signIn(page, "security@acme.test");
  await page.goto("/acme");
  await expect(page.getByRole("heading", { level: 1, name: "Acme" })).toBeVisible();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.mkdirSync("test-results/screens", { recursive: true });
  fs.writeFileSync("test-results/screens/dashboard-print.pdf", pdf);
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(2);
});
