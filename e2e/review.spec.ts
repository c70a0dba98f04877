import type { Page } from "@playwright/test";
import { approveAs, count, expect, newSignedInContext, query, screenshot, signedInAs, test, uniqueSuffix } from "./helpers";

async function statusOf(id: string) {
  return (await query<{ status: string }>(`SELECT status::text FROM "ThreatModel" WHERE id = $1`, [id]))[0]!.status;
}

async function editOverview(page: Page, id: string, text: string) {
  await page.goto(`/acme/models/${id}`);
  await page.getByLabel("Overview", { exact: true }).fill(text);
  await expect
    .poll(async () => (await query<{ overview: string }>(`SELECT overview FROM "ThreatModel" WHERE id = $1`, [id]))[0]!.overview, { timeout: 15_000 })
    .toBe(text);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
}

test("the review journey: submit, approve, request changes, edit, dual approval, new revision, and a viewer reads the revision and its diff", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [contributor, tech, security, viewer] = await signedInAs(browser, "contributor", "tech", "security", "viewer");
  const title = `Partner API ${Date.now()}`;

  // The contributor writes a model and submits it, asking the tech lead.
  const created = await contributor.context.request.post("/api/orgs/acme/models", { data: { title } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await editOverview(contributor.page, id, "Partners call our API with OAuth client credentials.");
  const review = `/acme/models/${id}/review`;
  await contributor.page.goto(review);
  await contributor.page.getByRole("checkbox", { name: /Tara Techlead/ }).check();
  await contributor.page.getByRole("button", { name: "Submit for review" }).click();
  await expect(contributor.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect.poll(() => statusOf(id)).toBe("IN_REVIEW");
  await expect(contributor.page.getByText("Review requested of Tara Techlead.")).toBeVisible();
  // The author is not offered a decision.
  await expect(contributor.page.getByRole("button", { name: /Approve as/ })).toHaveCount(0);

  // The tech lead approves: one of two.
  await tech.page.goto(review);
  await approveAs(tech.page, "TECH_LEAD");
  await expect(tech.page.getByTestId("approval-SECURITY")).toContainText("Waiting");
  expect(await statusOf(id)).toBe("IN_REVIEW");
  await screenshot(tech.page, "review-one-approval");

  // The security lead requests changes: a comment is required.
  await security.page.goto(review);
  await security.page.getByRole("button", { name: "Request changes" }).click();
  await expect(security.page.getByText("requesting changes needs a comment")).toBeVisible();
  expect(await statusOf(id)).toBe("IN_REVIEW");
  await security.page.getByLabel(/^Decision comment/).fill("Name the token lifetime and how partners rotate secrets.");
  await security.page.getByRole("button", { name: "Request changes" }).click();
  await expect.poll(() => statusOf(id)).toBe("CHANGES_REQUESTED");
  await expect(security.page.getByRole("status").filter({ hasText: "Changes requested" }).first()).toBeVisible();

  // The contributor edits: back to Draft, and the tech lead's approval is withdrawn.
  await editOverview(contributor.page, id, "Partners call our API with OAuth client credentials; tokens live 15 minutes and secrets rotate every 90 days.");
  await expect(contributor.page.getByTestId("review-notice")).toContainText("back in Draft");
  expect(await statusOf(id)).toBe("DRAFT");
  expect(await count(`SELECT count(*) n FROM "Approval" WHERE "threatModelId" = $1 AND "withdrawnAt" IS NULL`, [id])).toBe(0);
  await contributor.page.goto(review);
  await expect(contributor.page.getByTestId("decision-history")).toContainText("Withdrawn");
  await contributor.page.getByRole("button", { name: "Submit for review" }).click();
  await expect.poll(() => statusOf(id)).toBe("IN_REVIEW");

  // Both leads approve the same revision: approved.
  await tech.page.goto(review);
  await approveAs(tech.page, "TECH_LEAD");
  await security.page.goto(review);
  await security.page.getByLabel(/^Decision comment/).fill("Token lifetime and rotation are now covered.");
  await security.page.getByRole("button", { name: "Approve as Security" }).click();
  await expect.poll(() => statusOf(id)).toBe("APPROVED");
  await expect(security.page.getByText("Approved: this revision is locked.")).toBeVisible();
  await screenshot(security.page, "review-approved");
  // The approved revision names both approvers, in their capacities.
  await expect(security.page.getByTestId("revision-approvers")).toContainText("Tara Techlead (Tech lead)");
  await expect(security.page.getByTestId("revision-approvers")).toContainText("Sam Security (Security)");
  expect(await count(`SELECT count(*) n FROM "Revision" WHERE "threatModelId" = $1 AND version = '0.1.0'`, [id])).toBe(1);
  expect(await count(`SELECT count(*) n FROM "Approval" WHERE "threatModelId" = $1 AND "withdrawnAt" IS NULL AND decision = 'APPROVED'`, [id])).toBe(2);
  expect(
    await count(
      `SELECT count(*) n FROM "AuditEvent" WHERE "targetId" = $1 AND action IN ('review.submitted', 'review.approved', 'review.changes-requested', 'threat-model.approved')`,
      [id],
    ),
  ).toBe(7);

  // The approved model's analysis is locked in the editor (its mitigation tracking is not).
  await contributor.page.goto(`/acme/models/${id}`);
  await expect(contributor.page.getByText(/This revision is approved: its analysis is locked/)).toBeVisible();
  await expect(contributor.page.getByLabel("Overview", { exact: true })).toHaveCount(0);

  // A new revision: 0.2.0 as a draft, whose change the viewer then sees.
  await contributor.page.goto(review);
  await contributor.page.getByRole("button", { name: "Start revision 0.2.0" }).click();
  await expect(contributor.page.getByLabel("Overview", { exact: true })).toBeVisible();
  expect(await statusOf(id)).toBe("DRAFT");
  await editOverview(contributor.page, id, "Partners call our API with OAuth client credentials and mutual TLS.");

  await viewer.page.goto(review);
  await expect(viewer.page.getByRole("heading", { name: "Changes since approved revision 0.1.0" })).toBeVisible();
  const diff = viewer.page.getByTestId("revision-diff");
  await expect(diff).toContainText("Overview");
  await expect(diff).toContainText("mutual TLS");
  // Only the changed words are marked, not the whole paragraph.
  const added = (await diff.locator("ins").allTextContents()).join(" ");
  const removed = (await diff.locator("del").allTextContents()).join(" ");
  expect(added).toContain("mutual TLS");
  expect(added).not.toContain("Partners call our API");
  expect(removed).toContain("tokens live 15 minutes");
  expect(removed).not.toContain("Partners call our API");
  await expect(viewer.page.getByRole("button", { name: /Approve as|Submit for review|Request changes/ })).toHaveCount(0);
  await screenshot(viewer.page, "review-viewer-diff");
  await viewer.page.getByRole("link", { name: "Revision 0.1.0" }).click();
  await expect(viewer.page.getByRole("heading", { level: 1, name: `${title} — revision 0.1.0` })).toBeVisible();
  await expect(viewer.page.getByText("tokens live 15 minutes")).toBeVisible();
  await screenshot(viewer.page, "revision-approved");

  for (const c of [contributor, tech, security, viewer]) await c.context.close();
});

test("a contributor sees a model in review with its blockers but is offered no decision", async ({ browser }) => {
  const contributor = await newSignedInContext(browser, "contributor@acme.test");
  const model = (
    await query<{ id: string; lockVersion: number }>(
      `SELECT m.id, m."lockVersion" FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.status = 'IN_REVIEW' LIMIT 1`,
    )
  )[0]!;
  await contributor.page.goto(`/acme/models/${model.id}/review`);
  await expect(contributor.page.getByRole("button", { name: /Approve as/ })).toHaveCount(0);
  await expect(contributor.page.getByRole("heading", { name: /Blockers \(\d+\)/ })).toBeVisible();
  // The contributor is told why there is nothing to decide.
  await expect(contributor.page.getByTestId("no-decision-reason")).toContainText("Only a security lead or a tech lead can approve");
  await screenshot(contributor.page, "review-in-review-contributor");
  const before = await count(`SELECT count(*) n FROM "Approval" WHERE "threatModelId" = $1`, [model.id]);
  expect(before).toBe(0);
  await contributor.context.close();
});

/** A contributor's draft with one Critical threat (only a planned mitigation) and its residual risk proposed for acceptance. */
async function criticalDraft(contributor: Page, title: string) {
  const created = await contributor.context().request.post("/api/orgs/acme/models", { data: { title } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const threatId = `${id}-critical`;
  await query(
    `INSERT INTO "Threat" (id, "organizationId", "threatModelId", category, title, likelihood, impact, priority, position, "updatedAt")
     SELECT $1, m."organizationId", m.id, 'SPOOFING', 'Forged webhook marks an unpaid order as paid', 'HIGH', 'CRITICAL', 'CRITICAL', 0, now() FROM "ThreatModel" m WHERE m.id = $2`,
    [threatId, id],
  );
  await query(
    `INSERT INTO "ResidualRiskAcceptance" (id, "organizationId", "threatModelId", "threatId", "threatTitle", reason, "riskOwner", "reviewDate", "proposedById", "updatedAt")
     SELECT $1, m."organizationId", m.id, $2, 'Forged webhook marks an unpaid order as paid', 'Signature checks ship next sprint; orders are reconciled daily.', 'Payments tech lead', current_date + 60, m."createdById", now()
     FROM "ThreatModel" m WHERE m.id = $3`,
    [`${id}-acceptance`, threatId, id],
  );
  return { id, threatId };
}

test("ticking and unticking both reviewers, then submitting, keeps the review page working", async ({ browser }) => {
  const contributor = await newSignedInContext(browser, "contributor@acme.test");
  const created = await contributor.context.request.post("/api/orgs/acme/models", { data: { title: `Reviewer choice ${uniqueSuffix()}` } });
  const { id } = (await created.json()) as { id: string };
  const page = contributor.page;
  await page.goto(`/acme/models/${id}/review`);
  const tara = page.getByRole("checkbox", { name: /Tara Techlead/ });
  const sam = page.getByRole("checkbox", { name: /Sam Security/ });
  await tara.check();
  await sam.check();
  await expect(tara).toBeChecked();
  await expect(sam).toBeChecked();
  await tara.uncheck();
  await sam.uncheck();
  await expect(tara).not.toBeChecked();
  await expect(sam).not.toBeChecked();
  await sam.check();
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);
  await screenshot(page, "review-reviewers-ticked");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Review requested of Sam Security.")).toBeVisible();
  await expect.poll(() => statusOf(id)).toBe("IN_REVIEW");
  const [row] = await query<{ ids: string[] }>(`SELECT "requestedReviewerIds" AS ids FROM "ThreatModel" WHERE id = $1`, [id]);
  const [sec] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'security@acme.test'`);
  expect(row!.ids).toEqual([sec!.id]);
  await contributor.context.close();
});

test("an unexpected error shows a reference, and it is the request id the server logged the error under", async ({ browser }) => {
  const viewer = await newSignedInContext(browser, "viewer@acme.test");
  const suffix = uniqueSuffix();
  const modelId = `e2e-broken-${suffix}`;
  // A revision whose stored snapshot lost its document: its page cannot be drawn.
  await query(
    `INSERT INTO "ThreatModel" (id, "organizationId", title, status, "createdById", "updatedAt")
     SELECT $1, o.id, $2, 'DRAFT'::"ThreatModelStatus", u.id, now() FROM "Organization" o, "User" u WHERE o.slug = 'acme' AND u.email = 'owner@acme.test'`,
    [modelId, `Broken revision ${suffix}`],
  );
  await query(
    `INSERT INTO "Revision" (id, "organizationId", "threatModelId", version, "lockVersion", snapshot, "createdById")
     SELECT $1, m."organizationId", m.id, '1.0.0', 1, '{"format": 1}'::jsonb, m."createdById" FROM "ThreatModel" m WHERE m.id = $2`,
    [`${modelId}-rev`, modelId],
  );
  const [report] = await Promise.all([
    viewer.page.waitForResponse((r) => r.url().endsWith("/api/client-errors") && r.request().method() === "POST"),
    viewer.page.goto(`/acme/models/${modelId}/revisions/${modelId}-rev`),
  ]);
  expect(report.status()).toBe(200);
  const requestId = report.headers()["x-request-id"]!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(((await report.json()) as { reference: string }).reference).toBe(requestId);
  await expect(viewer.page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  await expect(viewer.page.getByTestId("error-reference")).toHaveText(`Reference: ${requestId}`);
  await screenshot(viewer.page, "error-page-reference");
  await query(`DELETE FROM "ThreatModel" WHERE id = $1`, [modelId]);
  await viewer.context.close();
});

test("either lead approves while a Critical threat is uncovered; the page says what is missing; accepting the risk approves the model", async ({ browser }) => {
  test.setTimeout(120_000);
  const [contributor, tech, security] = await signedInAs(browser, "contributor", "tech", "security");
  const { id, threatId } = await criticalDraft(contributor.page, `Webhook gate ${uniqueSuffix()}`);
  const review = `/acme/models/${id}/review`;
  await contributor.page.goto(review);
  await contributor.page.getByRole("button", { name: "Submit for review" }).click();
  await expect.poll(() => statusOf(id)).toBe("IN_REVIEW");

  // The security lead approves first, while the blocker stands.
  await security.page.goto(review);
  await expect(security.page.getByRole("heading", { name: "Blockers (1)" })).toBeVisible();
  await expect(security.page.getByTestId("sign-off-missing")).toHaveText(
    "Still needed for approval: an approval as Security and one as Tech lead, and 1 blocker resolved.",
  );
  await approveAs(security.page, "SECURITY");
  await expect(security.page.getByTestId("sign-off-missing")).toHaveText("Still needed for approval: an approval as Tech lead and 1 blocker resolved.");
  expect(await statusOf(id)).toBe("IN_REVIEW");
  await screenshot(security.page, "review-approved-while-blocked");

  // The tech lead approves too: both are in, the blocker still holds the model.
  await tech.page.goto(review);
  await approveAs(tech.page, "TECH_LEAD");
  await expect(tech.page.getByTestId("sign-off-missing")).toHaveText(
    "Both leads have approved this revision. Still needed for its approval: 1 blocker resolved.",
  );
  expect(await statusOf(id)).toBe("IN_REVIEW");
  expect(await count(`SELECT count(*) n FROM "Approval" WHERE "threatModelId" = $1 AND "withdrawnAt" IS NULL AND decision = 'APPROVED'`, [id])).toBe(2);
  expect(await count(`SELECT count(*) n FROM "Revision" WHERE "threatModelId" = $1`, [id])).toBe(0);
  await screenshot(tech.page, "review-both-approved-blocked");

  // The blocker leads to its threat in the model.
  const blockerLink = tech.page.getByTestId("blockers").getByRole("link", { name: "Forged webhook marks an unpaid order as paid" });
  await expect(blockerLink).toHaveAttribute("href", `/acme/models/${id}#threat-${threatId}`);
  await blockerLink.click();
  await expect(tech.page).toHaveURL(new RegExp(`/acme/models/${id}#threat-${threatId}$`));
  await expect(tech.page.locator(`[id="threat-${threatId}"]`)).toBeVisible();

  // The security lead accepts the residual risk: the last blocker is gone and the model is approved.
  await security.page.reload();
  await security.page
    .getByRole("group", { name: "Sign-off for Forged webhook marks an unpaid order as paid" })
    .getByRole("button", { name: "Accept risk" })
    .click();
  await expect.poll(() => statusOf(id)).toBe("APPROVED");
  await expect(security.page.getByText("Approved: this revision is locked.")).toBeVisible();
  await expect(security.page.getByTestId("sign-off-missing")).toHaveCount(0);
  await expect(security.page.getByTestId("revision-approvers")).toContainText("Sam Security (Security) and Tara Techlead (Tech lead)");
  expect(await count(`SELECT count(*) n FROM "Revision" WHERE "threatModelId" = $1`, [id])).toBe(1);
  await screenshot(security.page, "review-approved-after-risk-accepted");

  for (const c of [contributor, tech, security]) await c.context.close();
});
