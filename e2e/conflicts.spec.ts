import type { Browser, Page } from "@playwright/test";
import { expect, newSignedInContext, query, screenshot, test } from "./helpers";

// Two people editing one model at once: what only one of them changed is saved without asking;
// only a field both changed asks, and no answer loses a field the other did not touch.

// Two browsers at once on a shared machine: generous waits.
test.describe.configure({ timeout: 420_000 });
const SLOW = { timeout: 30_000 };

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", SLOW);
}

async function createModel(page: Page, title: string) {
  await page.goto("/acme/models/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Create threat model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible(SLOW);
  await waitSaved(page);
  return page.url().split("/").pop()!;
}

/** Alice creates a model; Bob, signed in elsewhere, opens it: two editors on one model. */
async function twoEditors(browser: Browser, title: string) {
  const alice = await newSignedInContext(browser, "contributor@acme.test");
  const id = await createModel(alice.page, `${title} ${Date.now()}`);
  const bob = await newSignedInContext(browser, "security@acme.test");
  await bob.page.goto(`/acme/models/${id}`);
  await waitSaved(bob.page);
  return { alice, bob, id };
}

const fieldsOf = async (id: string) =>
  (
    await query<{ dataFlow: string; systemDiagramRef: string; scopeIn: string }>(
      `SELECT "dataFlow", "systemDiagramRef", "scopeIn" FROM "ThreatModel" WHERE id = $1`,
      [id],
    )
  )[0]!;

const dataFlow = (page: Page) => page.getByLabel("Data-flow notes", { exact: true });
const diagramRef = (page: Page) => page.getByLabel("System diagram reference", { exact: true });

test("two people editing different fields of one section: both are saved, no dialog, and a reload shows both", async ({ browser }) => {
  const { alice, bob, id } = await twoEditors(browser, "Different fields");

  await dataFlow(alice.page).fill("Webhooks arrive signed and are queued.");
  await waitSaved(alice.page);
  // Bob's page still shows the notes as they were when he loaded it; he edits the diagram reference.
  await expect(dataFlow(bob.page)).toHaveValue("");
  await diagramRef(bob.page).fill("C4: checkout-components v2");
  await waitSaved(bob.page);
  await expect(bob.page.getByTestId("conflict-dialog")).toHaveCount(0);
  // Alice's notes arrived on Bob's page with his save.
  await expect(dataFlow(bob.page)).toHaveValue("Webhooks arrive signed and are queued.");
  expect(await fieldsOf(id)).toMatchObject({ dataFlow: "Webhooks arrive signed and are queued.", systemDiagramRef: "C4: checkout-components v2" });

  for (const page of [alice.page, bob.page]) {
    await page.reload();
    await expect(dataFlow(page)).toHaveValue("Webhooks arrive signed and are queued.");
    await expect(diagramRef(page)).toHaveValue("C4: checkout-components v2");
  }
  await screenshot(bob.page, "conflicts-different-fields-merged");
  await alice.context.close();
  await bob.context.close();
});

test("the same field changed by both: the dialog shows theirs and mine for that field only, and each choice keeps the right text", async ({ browser }) => {
  const { alice, bob, id } = await twoEditors(browser, "Same field");

  // Alice changes the notes and, in the same section, what is in scope.
  await alice.page.getByLabel("In scope", { exact: true }).fill("Checkout API");
  await dataFlow(alice.page).fill("Alice: webhooks are signed.");
  await waitSaved(alice.page);

  // Bob, on his stale page, changes the diagram reference and the same notes.
  await diagramRef(bob.page).fill("C4: Bob's diagram");
  await dataFlow(bob.page).fill("Bob: webhooks are retried.");
  const dialog = bob.page.getByTestId("conflict-dialog");
  await expect(dialog).toBeVisible(SLOW);
  await expect(dialog.getByTestId("conflict-field")).toHaveCount(1);
  const field = dialog.getByTestId("conflict-field");
  await expect(field.getByRole("heading", { name: "Data-flow notes" })).toBeVisible();
  await expect(field).toContainText("Alice: webhooks are signed.");
  await expect(field).toContainText("Bob: webhooks are retried.");
  await expect(field.getByRole("button", { name: "Keep both" })).toBeVisible();
  await screenshot(bob.page, "conflicts-same-field-dialog");
  // The notes are not written while he decides (his diagram reference may already be: nobody else changed it).
  expect(await fieldsOf(id)).toMatchObject({ dataFlow: "Alice: webhooks are signed.", scopeIn: "Checkout API" });

  // Keep mine: his notes and his diagram reference, and Alice's scope, which he never touched.
  await field.getByRole("button", { name: "Keep mine" }).click();
  await expect(dialog).toHaveCount(0);
  await waitSaved(bob.page);
  expect(await fieldsOf(id)).toEqual({ dataFlow: "Bob: webhooks are retried.", systemDiagramRef: "C4: Bob's diagram", scopeIn: "Checkout API" });
  await expect(bob.page.getByLabel("In scope", { exact: true })).toHaveValue("Checkout API");

  // Keep theirs: Alice, now stale, changes the notes again and takes Bob's.
  await dataFlow(alice.page).fill("Alice again.");
  await expect(alice.page.getByTestId("conflict-dialog")).toBeVisible(SLOW);
  await alice.page.getByTestId("conflict-dialog").getByRole("button", { name: "Keep theirs" }).click();
  await waitSaved(alice.page);
  await expect(dataFlow(alice.page)).toHaveValue("Bob: webhooks are retried.");
  await expect(diagramRef(alice.page)).toHaveValue("C4: Bob's diagram");
  expect(await fieldsOf(id)).toEqual({ dataFlow: "Bob: webhooks are retried.", systemDiagramRef: "C4: Bob's diagram", scopeIn: "Checkout API" });

  // Keep both: Alice writes first this time; Bob, stale, keeps both texts, hers first.
  await dataFlow(alice.page).fill("Alice: signed with HMAC.");
  await waitSaved(alice.page);
  await dataFlow(bob.page).fill("Bob: retried three times.");
  await expect(dialog).toBeVisible(SLOW);
  await dialog.getByRole("button", { name: "Keep both" }).click();
  await waitSaved(bob.page);
  await expect(dataFlow(bob.page)).toHaveValue("Alice: signed with HMAC.\n\nBob: retried three times.");
  expect(await fieldsOf(id)).toEqual({
    dataFlow: "Alice: signed with HMAC.\n\nBob: retried three times.",
    systemDiagramRef: "C4: Bob's diagram",
    scopeIn: "Checkout API",
  });
  await bob.page.reload();
  await expect(dataFlow(bob.page)).toHaveValue("Alice: signed with HMAC.\n\nBob: retried three times.");
  await screenshot(bob.page, "conflicts-kept-both");
  await alice.context.close();
  await bob.context.close();
});

test("two people editing different threats, and different fields of one threat: all of it is saved without a dialog", async ({ browser }) => {
  const alice = await newSignedInContext(browser, "contributor@acme.test");
  const id = await createModel(alice.page, `Threat rows ${Date.now()}`);
  const spoofingA = alice.page.getByTestId("stride-SPOOFING");
  for (const [i, title] of ["Credential stuffing", "Session fixation"].entries()) {
    await spoofingA.getByRole("button", { name: "+ Add spoofing threat" }).click();
    await expect(spoofingA.getByTestId("threat")).toHaveCount(i + 1);
    await spoofingA.getByTestId("threat").nth(i).getByLabel("Threat", { exact: true }).fill(title);
  }
  await waitSaved(alice.page);
  await expect(spoofingA.getByTestId("threat").nth(1).getByLabel("Threat", { exact: true })).toHaveValue("Session fixation");
  const bob = await newSignedInContext(browser, "security@acme.test");
  await bob.page.goto(`/acme/models/${id}`);
  await waitSaved(bob.page);
  const spoofingB = bob.page.getByTestId("stride-SPOOFING");

  // Alice renames the first threat; Bob describes the second and raises the first's likelihood.
  await spoofingA.getByTestId("threat").nth(0).getByLabel("Threat", { exact: true }).fill("Credential stuffing from leaked lists");
  await waitSaved(alice.page);
  await spoofingB.getByTestId("threat").nth(1).getByLabel("Description", { exact: true }).fill("An attacker plants a known session id.");
  await spoofingB.getByTestId("threat").nth(0).getByLabel("Likelihood", { exact: true }).selectOption("HIGH");
  await waitSaved(bob.page);
  await expect(bob.page.getByTestId("conflict-dialog")).toHaveCount(0);
  await expect(spoofingB.getByTestId("threat").nth(0).getByLabel("Threat", { exact: true })).toHaveValue("Credential stuffing from leaked lists");

  const rows = await query<{ title: string; description: string; likelihood: string }>(
    `SELECT title, description, likelihood FROM "Threat" WHERE "threatModelId" = $1 ORDER BY position`,
    [id],
  );
  expect(rows).toEqual([
    { title: "Credential stuffing from leaked lists", description: "", likelihood: "HIGH" },
    { title: "Session fixation", description: "An attacker plants a known session id.", likelihood: "MEDIUM" },
  ]);
  await alice.page.reload();
  await expect(spoofingA.getByTestId("threat").nth(0).getByLabel("Likelihood", { exact: true })).toHaveValue("HIGH");
  await expect(spoofingA.getByTestId("threat").nth(1).getByLabel("Description", { exact: true })).toHaveValue("An attacker plants a known session id.");
  await expect(spoofingA.getByTestId("threat").nth(0).getByLabel("Threat", { exact: true })).toHaveValue("Credential stuffing from leaked lists");
  await screenshot(alice.page, "conflicts-threat-rows-merged");
  await alice.context.close();
  await bob.context.close();
});

test("new empty rows say nothing is required until the user leaves one of their fields", async ({ browser }) => {
  const { context, page } = await newSignedInContext(browser, "contributor@acme.test");
  await createModel(page, `Quiet new rows ${Date.now()}`);
  const spoofing = page.getByTestId("stride-SPOOFING");
  const mitigations = page.locator("#mitigations");
  const risks = page.locator("#residual-risks");
  await spoofing.getByRole("button", { name: "+ Add spoofing threat" }).click();
  await mitigations.getByRole("button", { name: "+ Add mitigation" }).click();
  await risks.getByRole("button", { name: "+ Propose a residual risk" }).click();
  // Longer than the autosave's pause: the editor has checked the rows by now.
  await page.waitForTimeout(2_000);
  const errors = page.locator("main").getByText(/is required|must be a date|need attention|check the fields/);
  await expect(errors).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "pending");
  await expect(page.getByTestId("save-status")).toHaveText("Unsaved changes…");
  await spoofing.scrollIntoViewIfNeeded();
  await screenshot(page, "editor-new-rows-quiet");

  // Leaving a field of a new row shows what it still needs.
  await spoofing.getByLabel("Threat", { exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(spoofing.getByText("A threat's title is required.")).toBeVisible();
  await mitigations.getByLabel("Mitigation", { exact: true }).click();
  await page.keyboard.press("Tab");
  await expect(mitigations.getByText("A mitigation's title is required.")).toBeVisible();
  await risks.getByLabel("Risk owner", { exact: true }).click();
  await page.keyboard.press("Tab");
  await expect(risks.getByText("The threat is required.")).toBeVisible();
  await expect(risks.getByText("Why it is accepted is required.")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "invalid");
  await screenshot(page, "editor-new-rows-after-leaving");

  // Filled in, every row saves.
  await spoofing.getByLabel("Threat", { exact: true }).fill("Spoofed webhook");
  await mitigations.getByLabel("Mitigation", { exact: true }).fill("Verify webhook signatures");
  await risks.getByLabel("Threat as written", { exact: true }).fill("Spoofed webhook");
  await risks.getByLabel("Why accepted", { exact: true }).fill("The PSP signs every call");
  await risks.getByLabel("Risk owner", { exact: true }).fill("Payments tech lead");
  await risks.getByLabel("Review date", { exact: true }).fill("2027-06-30");
  await waitSaved(page);
  await context.close();
});

test("closing the conflict dialog with Escape or Keep editing keeps every typed field, saves nothing, and the next save asks again", async ({ browser }) => {
  const { alice, bob, id } = await twoEditors(browser, "Keep editing");

  await dataFlow(alice.page).fill("Alice: webhooks are signed.");
  await waitSaved(alice.page);

  // Bob, on his stale page, changes the same notes: the dialog asks.
  await dataFlow(bob.page).fill("Bob: webhooks are retried.");
  const dialog = bob.page.getByTestId("conflict-dialog");
  await expect(dialog.getByTestId("conflict-field")).toHaveCount(1, SLOW);

  // Escape means "keep editing": the dialog closes, his text stays as typed, nothing is written.
  await bob.page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(dataFlow(bob.page)).toHaveValue("Bob: webhooks are retried.");
  const status = bob.page.getByTestId("save-status");
  await expect(status).toHaveAttribute("data-state", "conflict");
  // Longer than the autosave's pause: it neither saves nor asks again by itself.
  await bob.page.waitForTimeout(2_000);
  await expect(dialog).toHaveCount(0);
  expect(await fieldsOf(id)).toMatchObject({ dataFlow: "Alice: webhooks are signed." });
  await screenshot(bob.page, "conflicts-kept-editing");

  // His next change is the next save: the conflict is offered again, with what he typed since.
  await dataFlow(bob.page).fill("Bob: webhooks are retried twice.");
  await expect(dialog.getByTestId("conflict-field")).toHaveCount(1, SLOW);
  await expect(dialog.getByTestId("conflict-field")).toContainText("Alice: webhooks are signed.");
  await expect(dialog.getByTestId("conflict-field")).toContainText("Bob: webhooks are retried twice.");

  // The dialog's own close control does the same as Escape.
  await dialog.getByRole("button", { name: "Keep editing" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(dataFlow(bob.page)).toHaveValue("Bob: webhooks are retried twice.");
  await expect(status).toHaveAttribute("data-state", "conflict");
  expect(await fieldsOf(id)).toMatchObject({ dataFlow: "Alice: webhooks are signed." });

  // Asked for again from the status bar, the choice is made and saved.
  await bob.page.getByRole("button", { name: "Choose what to keep" }).click();
  await expect(dialog.getByTestId("conflict-field")).toHaveCount(1, SLOW);
  await dialog.getByRole("button", { name: "Keep mine" }).click();
  await expect(dialog).toHaveCount(0);
  await waitSaved(bob.page);
  expect(await fieldsOf(id)).toMatchObject({ dataFlow: "Bob: webhooks are retried twice." });
  await alice.context.close();
  await bob.context.close();
});
