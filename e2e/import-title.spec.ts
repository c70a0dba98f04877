import { dayLabel } from "../lib/domain/exchange/sign-offs";
import { count, expect, query, screenshot, signIn, test } from "./helpers";

const ACME_MODELS = `SELECT m.id, m.title FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme'`;

test("re-importing a model whose title exists: the preview warns and proposes a marked title; a rename is kept, an untouched title says it is a copy", async ({
  page,
}) => {
  // Two imports of a full model, each read twice on the server.
  test.setTimeout(300_000);
  await signIn(page, "contributor@acme.test");
  const [existing] = await query<{ id: string; title: string }>(`${ACME_MODELS} AND m.title = 'Authentication Service Threat Model'`);
  expect(existing).toBeDefined();
  const exported = await page.request.get(`/acme/models/${existing!.id}/export?format=md`);
  expect(exported.status()).toBe(200);
  const markdown = await exported.text();
  const copyTitle = `${existing!.title} (imported ${dayLabel(new Date())})`;

  async function previewPasted() {
    await page.goto("/acme/models/import");
    await page.getByLabel("Or paste Markdown or JSON").fill(markdown);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("import-preview")).toBeVisible();
  }

  await previewPasted();
  const documentPreview = page.getByTestId("import-document");
  await expect(documentPreview.getByTestId("import-warnings")).toContainText(
    `A threat model titled “${existing!.title}” already exists here. Unless you rename it, this one is imported as “${copyTitle}”.`,
  );
  const title = documentPreview.getByLabel("Title", { exact: true });
  await expect(title).toHaveValue(copyTitle);
  await screenshot(page, "import-title-taken");

  // Renamed in the preview: saved under the new name.
  const renamed = `Authentication service, EU region ${Date.now().toString(36)}`;
  await title.fill(renamed);
  await page.getByRole("button", { name: "Import threat model" }).click();
  await expect(page).toHaveURL(/\/acme\/models\/(?!import)[^/?]+$/, { timeout: 90_000 });
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  expect(await count(`SELECT count(*) AS n FROM (${ACME_MODELS} AND m.title = $1) x`, [renamed])).toBe(1);

  // Left as proposed: the copy says it is one, and is never the original's twin.
  await previewPasted();
  await expect(page.getByTestId("import-document").getByLabel("Title", { exact: true })).toHaveValue(copyTitle);
  await page.getByRole("button", { name: "Import threat model" }).click();
  await expect(page).toHaveURL(/\/acme\/models\/(?!import)[^/?]+$/, { timeout: 90_000 });
  await expect(page.getByRole("heading", { level: 1, name: copyTitle })).toBeVisible();
  expect(await count(`SELECT count(*) AS n FROM (${ACME_MODELS} AND m.title = $1) x`, [existing!.title])).toBe(1);
  expect(await count(`SELECT count(*) AS n FROM (${ACME_MODELS} AND m.title = $1) x`, [copyTitle])).toBe(1);
});
