import type { Page } from "@playwright/test";
import { count, expect, query, screenshot, signIn, test } from "./helpers";

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
}

async function createModel(page: Page, title: string) {
  await page.goto("/acme/models/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Create threat model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await waitSaved(page);
  return page.url().split("/").pop()!.split("?")[0]!;
}

/** A spoofing threat with one new mitigation, saved. */
async function addSavedThreat(page: Page, title: string, mitigation: string) {
  const spoofing = page.getByTestId("stride-SPOOFING");
  await spoofing.getByRole("button", { name: "+ Add spoofing threat" }).click();
  await spoofing.getByLabel("Threat", { exact: true }).fill(title);
  await spoofing.getByLabel("Likelihood", { exact: true }).selectOption("HIGH");
  await spoofing.getByLabel("Impact", { exact: true }).selectOption("MEDIUM");
  await spoofing.getByLabel("New mitigation", { exact: true }).fill(mitigation);
  await spoofing.getByRole("button", { name: "Add", exact: true }).click();
  await waitSaved(page);
  return spoofing;
}

async function openTransferDialog(page: Page, threatTitle: string) {
  const threat = page
    .getByTestId("stride-SPOOFING")
    .getByTestId("threat")
    .filter({ has: page.locator(`input[value="${threatTitle}"]`) });
  await threat.getByRole("button", { name: "Copy or move…" }).click();
  const dialog = page.getByTestId("threat-transfer-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: `Copy or move “${threatTitle}”` })).toBeVisible();
  // The targets are loaded when the dialog opens.
  await expect(dialog.getByLabel("Target threat model", { exact: true })).toBeVisible();
  return dialog;
}

test("a contributor moves a threat from one new model to another and finds it there", async ({ page }) => {
  await signIn(page, "contributor@acme.test");
  const suffix = `${Date.now()}`;
  const targetTitle = `Transfer target ${suffix}`;
  const threatTitle = `Replayed session cookie ${suffix}`;
  const mitigationTitle = `Bind sessions to the device ${suffix}`;
  const targetId = await createModel(page, targetTitle);
  const sourceId = await createModel(page, `Transfer source ${suffix}`);
  const spoofing = await addSavedThreat(page, threatTitle, mitigationTitle);

  const dialog = await openTransferDialog(page, threatTitle);
  await dialog.getByLabel("Target threat model", { exact: true }).selectOption(targetId);
  const move = dialog.getByRole("radio", { name: /^Move/ });
  await expect(move).toBeEnabled();
  await move.check();
  await expect(dialog.getByRole("button", { name: "Move threat" })).toBeEnabled();
  await screenshot(page, "threat-transfer-dialog");
  await dialog.getByRole("button", { name: "Move threat" }).click();

  // The editor drops the threat and says where it went.
  await expect(dialog).toBeHidden();
  await expect(spoofing.getByTestId("threat")).toHaveCount(0);
  const notice = page.getByRole("status").filter({ hasText: `Moved “${threatTitle}” to` });
  await expect(notice).toBeVisible();
  await waitSaved(page);

  expect(await count(`SELECT count(*) n FROM "Threat" WHERE "threatModelId" = $1`, [sourceId])).toBe(0);
  expect(await count(`SELECT count(*) n FROM "Threat" WHERE "threatModelId" = $1 AND title = $2`, [targetId, threatTitle])).toBe(1);
  // The mitigation came along as the target's own; the source keeps its copy.
  expect(await count(`SELECT count(*) n FROM "Mitigation" WHERE "threatModelId" = $1 AND title = $2`, [targetId, mitigationTitle])).toBe(1);
  expect(await count(`SELECT count(*) n FROM "Mitigation" WHERE "threatModelId" = $1 AND title = $2`, [sourceId, mitigationTitle])).toBe(1);
  expect(
    await count(
      `SELECT count(*) n FROM "ThreatMitigation" tm JOIN "Threat" t ON t.id = tm."threatId" JOIN "Mitigation" m ON m.id = tm."mitigationId"
       WHERE t."threatModelId" = $1 AND m."threatModelId" = $1 AND m.title = $2`,
      [targetId, mitigationTitle],
    ),
  ).toBe(1);
  expect(await count(`SELECT count(*) n FROM "AuditEvent" WHERE action = 'threat.moved' AND "targetId" = $1`, [targetId])).toBe(1);

  // The editor continues from the version the move produced: the next save is not a conflict.
  await page.getByLabel("Overview", { exact: true }).fill("Still editing after the move");
  await waitSaved(page);
  await expect(page.getByTestId("conflict-dialog")).toHaveCount(0);
  expect((await query<{ overview: string }>(`SELECT overview FROM "ThreatModel" WHERE id = $1`, [sourceId]))[0]!.overview).toBe("Still editing after the move");

  // Following the notice's link, the threat is in the target, with its mitigation linked.
  await notice.getByRole("link", { name: targetTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: targetTitle })).toBeVisible();
  const moved = page.getByTestId("stride-SPOOFING").getByTestId("threat");
  await expect(moved).toHaveCount(1);
  await expect(moved.getByLabel("Threat", { exact: true })).toHaveValue(threatTitle);
  await expect(moved.getByText(mitigationTitle, { exact: true })).toBeVisible();
  await expect(moved.getByTestId("priority")).toContainText("High");
});

test("with a change not saved yet, only copying is offered, and the copy's notice links to the target", async ({ page }) => {
  await signIn(page, "contributor@acme.test");
  const suffix = `${Date.now()}`;
  const targetTitle = `Copy target ${suffix}`;
  const threatTitle = `Forged password reset link ${suffix}`;
  const targetId = await createModel(page, targetTitle);
  const sourceId = await createModel(page, `Copy source ${suffix}`);
  await addSavedThreat(page, threatTitle, `Sign reset tokens ${suffix}`);

  // An invalid version cannot be saved, so the editor keeps an unsaved change.
  await page.getByLabel("Version", { exact: true }).fill("not a version");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "invalid");

  const dialog = await openTransferDialog(page, threatTitle);
  await expect(dialog.getByRole("radio", { name: /^Move/ })).toBeDisabled();
  await expect(dialog.getByTestId("move-blocked")).toContainText("once every change is saved");
  await expect(dialog.getByRole("radio", { name: /^Copy/ })).toBeChecked();
  await dialog.getByLabel("Target threat model", { exact: true }).selectOption(targetId);
  await dialog.getByRole("button", { name: "Copy threat" }).click();
  await expect(dialog).toBeHidden();

  const copied = page.getByTestId("threat-copied");
  await expect(copied).toContainText("Copied to");
  await expect(page.getByTestId("stride-SPOOFING").getByTestId("threat")).toHaveCount(1);
  expect(await count(`SELECT count(*) n FROM "Threat" WHERE "threatModelId" = $1 AND title = $2`, [sourceId, threatTitle])).toBe(1);
  expect(await count(`SELECT count(*) n FROM "Threat" WHERE "threatModelId" = $1 AND title = $2`, [targetId, threatTitle])).toBe(1);
  expect(await count(`SELECT count(*) n FROM "AuditEvent" WHERE action = 'threat.copied' AND "targetId" = $1`, [targetId])).toBe(1);

  // Leaving with the unsaved change asks first; the test accepts, as someone following the link would.
  page.once("dialog", (d) => d.accept());
  await copied.getByRole("link", { name: targetTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: targetTitle })).toBeVisible();
  await expect(page.getByTestId("stride-SPOOFING").getByLabel("Threat", { exact: true })).toHaveValue(threatTitle);
});
