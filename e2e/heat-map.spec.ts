import { expect, query, screenshot, signIn, test, uniqueSuffix } from "./helpers";

// The likelihood × impact heat map: each cell says the priority its likelihood and impact give
// (lib/domain/priority.ts) in words and colour, and how many open threats it holds.
test("heat-map cells carry their count and their priority, in words and in colour", async ({ page }) => {
  const suffix = uniqueSuffix();
  const category = `E2E heat ${suffix}`;
  const modelId = `e2e-heat-${suffix}`;
  // A draft model of its own category: two High × High threats (Critical) and one Low × Low (Low).
  await query(
    `INSERT INTO "ThreatModel" (id, "organizationId", title, status, category, "createdById", "updatedAt")
     SELECT $1, o.id, $2, 'DRAFT'::"ThreatModelStatus", $3, u.id, now() FROM "Organization" o, "User" u WHERE o.slug = 'acme' AND u.email = 'owner@acme.test'`,
    [modelId, `Heat map check ${suffix}`, category],
  );
  try {
    await query(
      `INSERT INTO "Threat" (id, "organizationId", "threatModelId", category, title, likelihood, impact, priority, position, "updatedAt")
       SELECT $1 || v.n, m."organizationId", m.id, v.category::"StrideCategory", v.title, v.likelihood::"Likelihood", v.impact::"Impact", v.priority::"Priority", v.n, now()
       FROM "ThreatModel" m,
            (VALUES (1, 'SPOOFING', 'Token replay', 'HIGH', 'HIGH', 'CRITICAL'),
                    (2, 'TAMPERING', 'Price tampering', 'HIGH', 'HIGH', 'CRITICAL'),
                    (3, 'REPUDIATION', 'Unsigned logs', 'LOW', 'LOW', 'LOW')) AS v(n, category, title, likelihood, impact, priority)
       WHERE m.id = $2`,
      [`${modelId}-t`, modelId],
    );

    await signIn(page, "security@acme.test");
    await page.goto(`/acme?category=${encodeURIComponent(category)}`);
    const heatMap = page.getByTestId("heat-map");
    const critical = heatMap.getByRole("link", { name: /^2 open threats with High likelihood and High impact/ });
    const low = heatMap.getByRole("link", { name: /^1 open threats with Low likelihood and Low impact/ });
    const emptyMedium = heatMap.getByRole("link", { name: /^0 open threats with Medium likelihood and Medium impact/ });
    await expect(critical).toHaveAccessibleName(/priority Critical/);
    await expect(low).toHaveAccessibleName(/priority Low/);
    await expect(emptyMedium).toHaveAccessibleName(/priority Medium/);
    // What a sighted user reads in the cell: the count and the priority's name.
    await expect(critical).toHaveText(/^\s*2\s*Critical\s*$/);
    await expect(low).toHaveText(/^\s*1\s*Low\s*$/);
    await expect(emptyMedium).toHaveText(/^\s*0\s*Medium\s*$/);
    // Critical impact raises the matrix's result one level: High × Critical is Critical, Low × Critical High.
    await expect(heatMap.getByRole("link", { name: /with High likelihood and Critical impact/ })).toContainText("Critical");
    await expect(heatMap.getByRole("link", { name: /with Low likelihood and Critical impact/ })).toContainText("High");

    const background = (cell: typeof critical) => cell.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [criticalBg, lowBg, mediumBg] = await Promise.all([background(critical), background(low), background(emptyMedium)]);
    expect(criticalBg).not.toBe(lowBg);
    expect(new Set([criticalBg, lowBg, mediumBg]).size).toBe(3);
    // An empty cell keeps its priority's label and a lighter shade of its colour, so occupied cells stand out.
    const emptyCritical = heatMap.getByRole("link", { name: /^0 open threats with Medium likelihood and Critical impact/ });
    await expect(emptyCritical).toHaveText(/^\s*0\s*Critical\s*$/);
    expect(await background(emptyCritical)).not.toBe(criticalBg);

    await heatMap.scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-heat-map");
    await heatMap.screenshot({ path: "test-results/screens/dashboard-heat-map-panel.png" });
  } finally {
    await query(`DELETE FROM "ThreatModel" WHERE id = $1`, [modelId]);
  }
});
