import fs from "node:fs";
import type { Page } from "@playwright/test";
import { exportFileName, type ExportFormat } from "../lib/domain/exchange/filename";
import { count, expect, query, screenshot, signIn, test } from "./helpers";

const EXAMPLE = "tests/fixtures/seeds/000_94c6fb0c6808696b.txt";

async function download(page: Page, modelPath: string, label: string) {
  await page.goto(modelPath);
  await page.getByTestId("download-menu").getByRole("button", { name: "Download" }).click();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: new RegExp(`^${label}`) }).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

test("a contributor imports the example threat model, sees the preview, confirms, and downloads it in every format", async ({ page }) => {
  // Reads the file twice on the server, then downloads three formats.
  test.setTimeout(300_000);
  await signIn(page, "contributor@acme.test");
  await page.goto("/acme/models");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/acme\/models\/import$/);
  await expect(page.getByRole("heading", { level: 1, name: "Import threat models" })).toBeVisible();

  const modelsBefore = await count(`SELECT count(*) AS n FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme'`);
  await page.getByLabel("File", { exact: true }).setInputFiles(EXAMPLE);
  await page.getByRole("button", { name: "Preview" }).click();

  const preview = page.getByTestId("import-preview");
  await expect(preview).toBeVisible();
  await expect(page.getByText(/000_94c6fb0c6808696b\.txt · Markdown · 1 threat model/)).toBeVisible();
  const documentPreview = preview.getByTestId("import-document");
  await expect(documentPreview).toHaveCount(1);
  // The example holds one threat in each STRIDE category and three attack scenarios.
  const counts = documentPreview.getByTestId("import-counts");
  for (const category of ["Spoofing", "Tampering", "Repudiation", "Information Disclosure", "Denial of Service", "Elevation of Privilege"]) {
    await expect(counts.locator(`[data-count="${category} threats"]`)).toHaveText("1");
  }
  await expect(counts.locator('[data-count="Attack scenarios"]')).toHaveText("3");
  await expect(documentPreview.getByTestId("import-sections")).toBeVisible();
  // The double-encoded text is reported as repaired.
  await expect(
    documentPreview
      .getByTestId("import-warnings")
      .getByText(/double-encoded/)
      .first(),
  ).toBeVisible();
  await screenshot(page, "import-preview");

  // Nothing is written before the import is confirmed.
  expect(await count(`SELECT count(*) AS n FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme'`)).toBe(modelsBefore);

  await page.getByRole("button", { name: "Import threat model" }).click();
  await expect(page).toHaveURL(/\/acme\/models\/(?!import)[^/?]+$/, { timeout: 90_000 });
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const [model] = await query<{ title: string; version: string; status: string; threats: string }>(
    `SELECT m.title, m.version, m.status, (SELECT count(*) FROM "Threat" t WHERE t."threatModelId" = m.id) AS threats FROM "ThreatModel" m WHERE m.id = $1`,
    [id],
  );
  expect(model).toBeDefined();
  expect(model!.status).toBe("DRAFT");
  expect(Number(model!.threats)).toBe(6);
  await expect(page.getByRole("heading", { level: 1, name: model!.title })).toBeVisible();
  expect(await count(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'threat-model.imported' AND "targetId" = $1`, [id])).toBe(1);

  // The model is on the list.
  await page.goto("/acme/models");
  await expect(page.locator(`a[href="/acme/models/${id}"]`).first()).toBeVisible();

  const modelPath = `/acme/models/${id}`;
  await page.goto(modelPath);
  await page.getByTestId("download-menu").getByRole("button", { name: "Download" }).click();
  await expect(page.getByRole("menuitem", { name: /^OWASP Threat Dragon v2/ })).toBeVisible();
  await screenshot(page, "model-downloads");

  const expected = (format: ExportFormat) => exportFileName(model!.title, model!.version, format);
  const md = await download(page, modelPath, "Markdown");
  expect(md.name).toBe(expected("md"));
  expect(md.text).toContain(model!.title);
  expect(md.text).toContain("Spoofing");

  const json = await download(page, modelPath, "ThreatDesk JSON");
  expect(json.name).toBe(expected("json"));
  expect(json.text).toContain('"format": "threatdesk"');
  expect(JSON.parse(json.text).models[0].title).toBe(model!.title);

  const dragon = await download(page, modelPath, "OWASP Threat Dragon v2");
  expect(dragon.name).toBe(expected("threat-dragon"));
  expect(dragon.text).toContain('"diagramType": "STRIDE"');
  expect(JSON.parse(dragon.text).detail.diagrams[0].cells[0].data.threats).toHaveLength(6);
});

test("a file that is neither Markdown nor JSON is refused on the import page, and nothing is written", async ({ page }) => {
  await signIn(page, "contributor@acme.test");
  await page.goto("/acme/models/import");
  const before = await count(`SELECT count(*) AS n FROM "ThreatModel"`);
  await page.getByLabel("Or paste Markdown or JSON").fill('{\n  "format": "threatdesk",\n  broken\n}');
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("[data-alert=error]")).toContainText("The JSON is not valid at line 3, column 3");
  await page.getByLabel("Or paste Markdown or JSON").fill("");
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "diagram.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]) });
  await expect(page.locator("[data-alert=error]")).toContainText("This is not a Markdown or JSON file.");
  expect(await count(`SELECT count(*) AS n FROM "ThreatModel"`)).toBe(before);
});

test("a viewer has no Import link and cannot open the import page", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await page.goto("/acme/models");
  await expect(page.getByRole("heading", { level: 1, name: "Threat models" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import", exact: true })).toHaveCount(0);
  const response = await page.goto("/acme/models/import");
  expect(response?.status()).toBe(404);
});

test("a model id that is not the organization's gives 404; its own model downloads as an attachment", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  const [model] = await query<{ id: string }>(
    `SELECT m.id FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' LIMIT 1`,
  );
  const own = await page.request.get(`/acme/models/${model!.id}/export?format=json`);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.threatdesk\.json"$/);
  const missing = await page.request.get(`/acme/models/not-a-model/export?format=json`);
  expect(missing.status()).toBe(404);
  const badFormat = await page.request.get(`/acme/models/${model!.id}/export?format=pdf`);
  expect(badFormat.status()).toBe(422);
  expect((await badFormat.json()).error.code).toBe("invalid");
  const signedOut = await page.context().browser()!.newContext();
  expect((await signedOut.request.get(`${new URL(page.url()).origin}/acme/models/${model!.id}/export?format=json`)).status()).toBe(401);
  await signedOut.close();
});
