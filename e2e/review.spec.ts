import { expect, test, type Page } from "@playwright/test";
import { count, newSignedInContext, query, screenshot } from "./helpers";

async function statusOf(id: string) {
  return (await query<{ status: string }>(`SELECT status::text FROM "ThreatModel" WHERE id = $1`, [id]))[0]!.status;
}

async function editOverview(page: Page, id: string, text: string) {
  await page.goto(`/acme/models/${id}`);
  await page.getByLabel("Overview", { exact: true }).fill(text);
  await expect.poll(async () => (await query<{ overview: string }>(`SELECT overview FROM "ThreatModel" WHERE id = $1`, [id]))[0]!.overview, { timeout: 15_000 }).toBe(text);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
}

test("the review journey: submit, approve, request changes, edit, dual approval, new revision, and a viewer reads the revision and its diff", async ({ browser }) => {
  test.setTimeout(120_000);
  const contributor = await newSignedInContext(browser, "contributor@acme.test");
  const tech = await newSignedInContext(browser, "techlead@acme.test");
  const security = await newSignedInContext(browser, "security@acme.test");
  const viewer = await newSignedInContext(browser, "viewer@acme.test");
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
  await tech.page.getByRole("button", { name: "Approve as Tech lead" }).click();
  await expect(tech.page.getByTestId("approval-TECH_LEAD")).toContainText("Approved");
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
  await tech.page.getByRole("button", { name: "Approve as Tech lead" }).click();
  await expect(tech.page.getByTestId("approval-TECH_LEAD")).toContainText("Approved");
  await security.page.goto(review);
  await security.page.getByLabel(/^Decision comment/).fill("Token lifetime and rotation are now covered.");
  await security.page.getByRole("button", { name: "Approve as Security" }).click();
  await expect.poll(() => statusOf(id)).toBe("APPROVED");
  await expect(security.page.getByText("Approved: this revision is locked.")).toBeVisible();
  await screenshot(security.page, "review-approved");
  expect(await count(`SELECT count(*) n FROM "Revision" WHERE "threatModelId" = $1 AND version = '0.1.0'`, [id])).toBe(1);
  expect(await count(`SELECT count(*) n FROM "Approval" WHERE "threatModelId" = $1 AND "withdrawnAt" IS NULL AND decision = 'APPROVED'`, [id])).toBe(2);
  expect(await count(`SELECT count(*) n FROM "AuditEvent" WHERE "targetId" = $1 AND action IN ('review.submitted', 'review.approved', 'review.changes-requested', 'threat-model.approved')`, [id])).toBe(7);

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
  const model = (await query<{ id: string; lockVersion: number }>(`SELECT m.id, m."lockVersion" FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.status = 'IN_REVIEW' LIMIT 1`))[0]!;
  await contributor.page.goto(`/acme/models/${model.id}/review`);
  await expect(contributor.page.getByRole("button", { name: /Approve as/ })).toHaveCount(0);
  await expect(contributor.page.getByRole("heading", { name: /Blockers \(\d+\)/ })).toBeVisible();
  await screenshot(contributor.page, "review-in-review-contributor");
  const before = await count(`SELECT count(*) n FROM "Approval" WHERE "threatModelId" = $1`, [model.id]);
  expect(before).toBe(0);
  await contributor.context.close();
});
