import type { Page } from "@playwright/test";
import { count, expect, fillByLabel, newSignedInContext, query, screenshot, signIn, test } from "./helpers";

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
}

async function createModel(page: Page, title: string, start: "blank" | "template" = "blank") {
  await page.goto("/acme/models/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  if (start === "template") await page.getByLabel(/Team template/).check();
  await page.getByRole("button", { name: "Create threat model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const id = page.url().split("/").pop()!;
  return id;
}

test("a contributor fills in every section of a model started from the team template, and all of it is there after a reload", async ({ page }) => {
  await signIn(page, "contributor@acme.test");
  const title = `Checkout service ${Date.now()}`;
  const id = await createModel(page, title, "template");
  await waitSaved(page);
  // The template's trust boundaries and assets are there to edit; its guidance shows as hints.
  await expect(page.locator("#trust-boundaries").getByLabel("Boundary", { exact: true })).toHaveCount(4);
  await expect(page.locator("#assets").getByLabel("Asset", { exact: true })).toHaveCount(4);
  await expect(page.getByLabel("Overview", { exact: true })).toHaveAttribute("placeholder", /.+/);
  await expect(page.getByLabel("Overview", { exact: true })).toHaveValue("");

  // Document and overview.
  await fillByLabel(page, {
    Version: "1.2.0",
    "Owning team": "Payments Team",
    Category: "Payments",
    "Next review date": "2027-02-01",
    "Feature being modeled": "Checkout",
    "System diagram reference": "C4: checkout-components",
    Overview: "Takes card payments through the PSP.",
    "In scope": "Checkout API, PSP webhook",
    "Out of scope": "Refunds",
    "Architecture and data flow (Markdown)": "Browser talks to the API.\n\n```\nBrowser --> API --> PSP\n```",
    "Data-flow notes": "Webhooks arrive signed.",
  });

  // Trust boundary and asset: one of the template's edited, one added.
  await page.locator("#trust-boundaries").getByLabel("Boundary", { exact: true }).first().fill("Internet → Checkout API");
  await page.locator("#trust-boundaries").getByLabel("What crosses it", { exact: true }).first().fill("HTTP requests");
  await page.getByRole("button", { name: "+ Add asset" }).click();
  await page.locator("#assets").getByLabel("Asset", { exact: true }).last().fill("Card tokens");
  await page.locator("#assets").getByLabel("Classification", { exact: true }).last().selectOption("RESTRICTED");
  await page.locator("#assets").getByLabel("If compromised", { exact: true }).last().fill("Fraud");

  // A threat typed by hand, with a new mitigation and an overridden priority.
  const spoofing = page.getByTestId("stride-SPOOFING");
  await spoofing.getByRole("button", { name: "+ Add spoofing threat" }).click();
  await spoofing.getByLabel("Threat", { exact: true }).fill("Forged PSP webhook");
  await spoofing.getByLabel("Likelihood", { exact: true }).selectOption("HIGH");
  await spoofing.getByLabel("Impact", { exact: true }).selectOption("HIGH");
  await expect(spoofing.getByTestId("priority")).toContainText("Critical");
  await spoofing.getByLabel("Attack vectors (one per line)", { exact: true }).fill("Replay\nUnsigned request");
  await spoofing.getByLabel("New mitigation", { exact: true }).fill("Verify webhook signatures");
  await spoofing.getByRole("button", { name: "Add", exact: true }).click();
  await spoofing.getByLabel("Override priority", { exact: true }).selectOption("HIGH");
  await spoofing.getByLabel("Why this priority?", { exact: true }).fill("Only reachable from the PSP's IP range");
  await spoofing.getByLabel("Spoofing: residual risk", { exact: true }).selectOption("LOW");
  await spoofing.getByLabel("Justification", { exact: true }).last().fill("Signatures verified");

  // A threat from the library, which brings its mitigation.
  const tampering = page.getByTestId("stride-TAMPERING");
  await tampering.getByRole("button", { name: /Suggestions/ }).click();
  await tampering.getByRole("button", { name: "Add “SQL injection via search parameter” from the library" }).click();
  await expect(tampering.getByLabel("Threat", { exact: true })).toHaveValue("SQL injection via search parameter");

  // The mitigation created from the threat is tracked once, and is linked from a scenario too.
  await waitSaved(page);
  const mitigation = page.getByTestId("mitigation").filter({ has: page.locator('input[value="Verify webhook signatures"]') });
  await mitigation.getByLabel("Status", { exact: true }).selectOption("IN_PROGRESS");
  await mitigation.getByLabel("Task ID or ticket URL", { exact: true }).fill("PAY-7");
  await mitigation.getByLabel("Owner", { exact: true }).selectOption({ label: "Carl Contributor" });
  await mitigation.getByLabel("Due date", { exact: true }).fill("2026-12-15");
  await page.getByRole("button", { name: "+ Add attack scenario" }).click();
  await page.locator("#scenarios").getByLabel("Scenario", { exact: true }).fill("Replay a captured webhook");
  await page.locator("#scenarios").getByRole("button", { name: "Link an existing mitigation…" }).click();
  await page.locator("#scenarios").getByLabel("Find a mitigation to link").fill("webhook sig");
  await page
    .locator("#scenarios")
    .getByRole("option", { name: /Verify webhook signatures/ })
    .click();
  await expect(mitigation.getByTestId("covers")).toContainText("Forged PSP webhook");
  await expect(mitigation.getByTestId("covers")).toContainText("Replay a captured webhook");

  // Controls, invariants, residual risks.
  await page.getByRole("button", { name: "+ Add control" }).click();
  await page.locator("#controls").getByLabel("Control", { exact: true }).fill("Webhook signature check");
  await page.getByRole("button", { name: "+ Add invariant" }).click();
  await page.locator("#invariants").getByLabel("Topic", { exact: true }).fill("Webhooks");
  await page.locator("#invariants").getByLabel("WHEN", { exact: true }).fill("a webhook signature does not verify");
  await page.locator("#invariants").getByLabel("THE SYSTEM SHALL", { exact: true }).fill("reject it and record a security event");
  await waitSaved(page);
  await page.getByRole("button", { name: "+ Propose a residual risk" }).click();
  await page.locator("#residual-risks").getByLabel("Threat", { exact: true }).selectOption({ label: "Forged PSP webhook" });
  await page.locator("#residual-risks").getByLabel("Why accepted", { exact: true }).fill("PSP IP allow-list in place");
  await page.locator("#residual-risks").getByLabel("Risk owner", { exact: true }).fill("Payments tech lead");
  await page.locator("#residual-risks").getByLabel("Review date", { exact: true }).fill("2027-03-01");

  // Risk summary is computed.
  await expect(page.getByTestId("risk-count-HIGH")).toHaveText("2");
  await waitSaved(page);
  await screenshot(page, "editor-filled");

  // Everything is in the database…
  const [model] = await query<{ version: string; ownerTeam: string; lockVersion: number }>(
    `SELECT version, "ownerTeam", "lockVersion" FROM "ThreatModel" WHERE id = $1`,
    [id],
  );
  expect(model).toMatchObject({ version: "1.2.0", ownerTeam: "Payments Team" });
  expect(await count(`SELECT count(*) n FROM "Threat" WHERE "threatModelId" = $1`, [id])).toBe(2);
  expect(await count(`SELECT count(*) n FROM "Threat" WHERE "threatModelId" = $1 AND priority = 'HIGH' AND "priorityOverrideReason" IS NOT NULL`, [id])).toBe(
    1,
  );
  expect(await count(`SELECT count(*) n FROM "ThreatMitigation" tm JOIN "Mitigation" m ON m.id = tm."mitigationId" WHERE m."threatModelId" = $1`, [id])).toBe(
    2,
  );
  expect(
    await count(`SELECT count(*) n FROM "ScenarioMitigation" sm JOIN "AttackScenario" s ON s.id = sm."scenarioId" WHERE s."threatModelId" = $1`, [id]),
  ).toBe(1);
  expect(await count(`SELECT count(*) n FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'threat-model.edited'`, [id])).toBeGreaterThan(5);

  // …and on the page after a reload.
  await page.reload();
  await expect(page.getByLabel("Version", { exact: true })).toHaveValue("1.2.0");
  await expect(page.getByLabel("Next review date", { exact: true })).toHaveValue("2027-02-01");
  await expect(page.getByLabel("In scope", { exact: true })).toHaveValue("Checkout API, PSP webhook");
  await expect(page.locator("#trust-boundaries").getByLabel("Boundary", { exact: true }).first()).toHaveValue("Internet → Checkout API");
  await expect(page.locator("#assets").getByLabel("Asset", { exact: true })).toHaveCount(5);
  await expect(page.locator("#assets").getByLabel("Asset", { exact: true }).last()).toHaveValue("Card tokens");
  await expect(page.locator("#assets").getByLabel("Classification", { exact: true }).last()).toHaveValue("RESTRICTED");
  await expect(page.getByTestId("stride-SPOOFING").getByLabel("Threat", { exact: true })).toHaveValue("Forged PSP webhook");
  await expect(page.getByTestId("stride-SPOOFING").getByLabel("Attack vectors (one per line)", { exact: true })).toHaveValue("Replay\nUnsigned request");
  await expect(page.getByTestId("stride-SPOOFING").getByLabel("Why this priority?", { exact: true })).toHaveValue("Only reachable from the PSP's IP range");
  await expect(page.getByTestId("stride-SPOOFING").getByLabel("Spoofing: residual risk", { exact: true })).toHaveValue("LOW");
  await expect(page.getByTestId("stride-TAMPERING").getByLabel("Threat", { exact: true })).toHaveValue("SQL injection via search parameter");
  await expect(page.locator('#mitigations input[value="Verify webhook signatures"]')).toBeVisible();
  await expect(page.locator("#mitigations").getByLabel("Task ID or ticket URL", { exact: true }).first()).toHaveValue(/PAY-7|/);
  await expect(page.locator("#scenarios").getByLabel("Scenario", { exact: true })).toHaveValue("Replay a captured webhook");
  await expect(page.locator("#controls").getByLabel("Control", { exact: true })).toHaveValue("Webhook signature check");
  await expect(page.locator("#invariants").getByLabel("THE SYSTEM SHALL", { exact: true })).toHaveValue("reject it and record a security event");
  await expect(page.locator("#residual-risks").getByLabel("Risk owner", { exact: true })).toHaveValue("Payments tech lead");

  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("architecture-preview").locator("pre")).toContainText("Browser --> API --> PSP");

  // The document view reads like the template.
  await page.getByRole("link", { name: "Document view" }).click();
  await expect(page.getByRole("heading", { name: "5. STRIDE threat analysis" })).toBeVisible();
  await screenshot(page, "editor-document-view");
});

test("two people editing at once: the second sees the conflict and keeps their text", async ({ browser }) => {
  // Two browsers at once on a busy machine.
  test.setTimeout(180_000);
  const a = await newSignedInContext(browser, "contributor@acme.test");
  const id = await createModel(a.page, `Conflict demo ${Date.now()}`);
  await waitSaved(a.page);
  const b = await newSignedInContext(browser, "security@acme.test");
  await b.page.goto(`/acme/models/${id}`);
  await waitSaved(b.page);

  await a.page.getByLabel("Overview", { exact: true }).fill("Alice's overview");
  await waitSaved(a.page);

  await b.page.getByLabel("Overview", { exact: true }).fill("Bob's overview, typed on a stale page");
  const dialog = b.page.getByTestId("conflict-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Alice's overview");
  await expect(dialog).toContainText("Bob's overview, typed on a stale page");
  await screenshot(b.page, "editor-conflict");
  // Nothing was overwritten while the conflict is open.
  expect((await query<{ overview: string }>(`SELECT overview FROM "ThreatModel" WHERE id = $1`, [id]))[0]!.overview).toBe("Alice's overview");

  await dialog.getByRole("button", { name: "Keep mine" }).click();
  await waitSaved(b.page);
  await expect(b.page.getByLabel("Overview", { exact: true })).toHaveValue("Bob's overview, typed on a stale page");
  expect((await query<{ overview: string }>(`SELECT overview FROM "ThreatModel" WHERE id = $1`, [id]))[0]!.overview).toBe(
    "Bob's overview, typed on a stale page",
  );

  // Alice, now stale, changes a field Bob did not: saved without a dialog, and Bob's overview arrives.
  await a.page.getByLabel("Out of scope", { exact: true }).fill("Alice's change on a stale page");
  await waitSaved(a.page);
  await expect(a.page.getByTestId("conflict-dialog")).toHaveCount(0);
  await expect(a.page.getByLabel("Overview", { exact: true })).toHaveValue("Bob's overview, typed on a stale page");
  expect((await query<{ overview: string; scopeOut: string }>(`SELECT overview, "scopeOut" FROM "ThreatModel" WHERE id = $1`, [id]))[0]).toEqual({
    overview: "Bob's overview, typed on a stale page",
    scopeOut: "Alice's change on a stale page",
  });
  await a.context.close();
  await b.context.close();
});

test("script and HTML typed into text fields stay inert text", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await signIn(page, "contributor@acme.test");
  const payload = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
  const id = await createModel(page, `XSS ${Date.now()}`);
  await page.getByLabel("Title", { exact: true }).fill(`${payload} title`);
  await page.getByLabel("Overview", { exact: true }).fill(payload);
  await page
    .getByLabel("Architecture and data flow (Markdown)", { exact: true })
    .fill(`${payload}\n\n[click me](javascript:alert(3))\n\n<a href="javascript:alert(4)">raw link</a>`);
  await page.getByRole("button", { name: "+ Add trust boundary" }).click();
  await page.locator("#trust-boundaries").getByLabel("Boundary", { exact: true }).fill(payload);
  const spoofing = page.getByTestId("stride-SPOOFING");
  await spoofing.getByRole("button", { name: "+ Add spoofing threat" }).click();
  await spoofing.getByLabel("Threat", { exact: true }).fill(payload);
  await waitSaved(page);

  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("architecture-preview");
  await expect(preview.getByRole("link", { name: "click me" })).toBeVisible();
  expect(await preview.getByRole("link", { name: "click me" }).getAttribute("href")).not.toContain("javascript:");
  await expect(preview.locator("img, script")).toHaveCount(0);

  // The model, the list, and the dashboard's list of open threats (which names threats and models).
  for (const path of [`/acme/models/${id}?view=read`, `/acme/models/${id}`, "/acme/models", "/acme/risks?view=threats&sort=created&dir=desc"]) {
    await page.goto(path);
    await expect(page.locator("main")).toContainText("<img src=x onerror=");
    await expect(page.locator("main img, main script:not([src])")).toHaveCount(0);
  }
  await screenshot(page, "editor-xss-inert");
  expect(dialogs).toBe(0);
});

test("a viewer sees the model without any edit controls", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  const [draft] = await query<{ id: string }>(
    `SELECT m.id FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.status = 'DRAFT' AND m.title = 'Admin console single sign-on'`,
  );
  await page.goto(`/acme/models/${draft!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Admin console single sign-on" })).toBeVisible();
  await expect(page.getByText("You can read this threat model; your role does not edit.")).toBeVisible();
  await expect(page.locator("main input, main textarea, main select")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Add|Remove|Save/ })).toHaveCount(0);
  await screenshot(page, "editor-viewer");
});
