import { expect, screenshot, signIn, test } from "./helpers";

/** A model whose architecture, scenario steps and residual risks are what the document view must show as written. */
function modelJson(title: string) {
  return JSON.stringify({
    format: "threatdesk",
    version: 1,
    exportedAt: "2026-12-01T00:00:00.000Z",
    models: [
      {
        title,
        featureName: "Token refresh",
        version: "1.0.0",
        status: "DRAFT",
        ownerTeam: "Identity Platform",
        category: "Authentication",
        nextReviewDate: null,
        systemDiagramRef: "docs/c4/token-refresh.png",
        overview: "Refreshes access tokens.",
        scopeIn: "",
        scopeOut: "",
        architecture: "Requests pass the gateway first:\n\n```\nUser Browser\n    |\n    | HTTPS\n    v\nAPI Gateway ──> Token Service\n```",
        dataFlow: "",
        trustBoundaries: [],
        assets: [],
        threats: [
          {
            category: "SPOOFING",
            title: "Stolen refresh token replayed",
            description: "A refresh token copied from a device is used elsewhere.",
            attackVectors: ["Malware on the device"],
            likelihood: "MEDIUM",
            impact: "HIGH",
            priority: "HIGH",
            residualRisk: "LOW",
            residualRiskJustification: "Rotation detects reuse",
            mitigationKeys: ["rotation"],
          },
        ],
        strideAssessments: [],
        mitigations: [
          { key: "rotation", title: "Refresh token rotation", description: "", status: "IMPLEMENTED", taskRef: "ID-7", implementedIn: "v3.1", dueDate: null },
        ],
        attackScenarios: [
          {
            title: "Token theft",
            description: "1. Attacker installs malware on a laptop\n2. Copies the refresh token\n3. Refreshes from another network",
            likelihood: "MEDIUM",
            impact: "HIGH",
            mitigationKeys: ["rotation"],
          },
        ],
        securityControls: [],
        securityInvariants: [],
        residualRisks: [],
      },
    ],
  });
}

test("the document view renders the architecture's Markdown, keeps scenario steps a list, and shows each threat's residual risk and the owning team", async ({
  page,
}) => {
  // An import, then the document view.
  test.setTimeout(180_000);
  await signIn(page, "contributor@acme.test");
  const title = `Token refresh ${Date.now().toString(36)}`;
  await page.goto("/acme/models/import");
  await page.getByLabel("Or paste Markdown or JSON").fill(modelJson(title));
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Import threat model" }).click();
  await expect(page).toHaveURL(/\/acme\/models\/(?!import)[^/?]+$/, { timeout: 90_000 });
  await page.goto(`${page.url()}?view=read`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  const card = (headingId: string) => page.locator("section", { has: page.locator(`h2#${headingId}`) });
  const architecture = card("architecture");
  await expect(architecture.getByText("Requests pass the gateway first:")).toBeVisible();
  await expect(architecture.locator("pre")).toContainText("API Gateway ──> Token Service");
  await expect(architecture).not.toContainText("```");

  const steps = card("scenarios").locator("ol > li");
  await expect(steps).toHaveText(["Attacker installs malware on a laptop", "Copies the refresh token", "Refreshes from another network"]);

  const threat = card("stride").getByRole("listitem").filter({ hasText: "Stolen refresh token replayed" });
  await expect(threat).toContainText("Residual risk: Low");
  await expect(threat).toContainText("Rotation detects reuse");

  const overview = card("overview");
  await expect(overview.getByText("Owning team")).toBeVisible();
  await expect(overview).toContainText("Identity Platform");
  await screenshot(page, "document-view");
});
