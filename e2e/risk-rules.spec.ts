import { expect, query, screenshot, signIn, test, uniqueSuffix } from "./helpers";

// The rules every page states the same way. Review overdue: a model is overdue once its next
// review date has passed (on the date itself the review is due, not late), whatever its status,
// except archived models, which are never overdue. Acceptance in force: judged on the server's
// calendar day, whatever the browser's clock says. The models are written straight into the demo
// organization for the test and removed afterwards, so no other spec sees them.
const ACME = `(SELECT id FROM "Organization" WHERE slug = 'acme')`;
const OWNER = `(SELECT id FROM "User" WHERE email = 'owner@acme.test')`;
const suffix = uniqueSuffix();
const ids: Record<"dueToday" | "pastDraft" | "pastArchived" | "accepted", string> = { dueToday: "", pastDraft: "", pastArchived: "", accepted: "" };

async function insertModel(title: string, status: string, nextReview: string): Promise<string> {
  const [row] = await query<{ id: string }>(
    `INSERT INTO "ThreatModel" (id, "organizationId", title, status, "nextReviewDate", "createdById", "updatedAt")
     VALUES (gen_random_uuid()::text, ${ACME}, $1, $2::"ThreatModelStatus", ${nextReview}, ${OWNER}, now()) RETURNING id`,
    [title, status],
  );
  return row!.id;
}

test.beforeAll(async () => {
  const today = `(now() AT TIME ZONE 'UTC')::date`;
  ids.dueToday = await insertModel(`Due today ${suffix}`, "DRAFT", today);
  ids.pastDraft = await insertModel(`Past due draft ${suffix}`, "DRAFT", `${today} - 1`);
  ids.pastArchived = await insertModel(`Past due archived ${suffix}`, "ARCHIVED", `${today} - 30`);
  // A draft whose one threat has a residual risk accepted until five days from now.
  ids.accepted = await insertModel(`Accepted risk ${suffix}`, "DRAFT", "NULL");
  const [threat] = await query<{ id: string }>(
    `INSERT INTO "Threat" (id, "organizationId", "threatModelId", category, title, likelihood, impact, priority, "updatedAt")
     VALUES (gen_random_uuid()::text, ${ACME}, $1, 'SPOOFING', 'Session fixation', 'HIGH', 'HIGH', 'HIGH', now()) RETURNING id`,
    [ids.accepted],
  );
  await query(
    `INSERT INTO "ResidualRiskAcceptance" (id, "organizationId", "threatModelId", "threatId", "threatTitle", reason, "riskOwner", "reviewDate", status, "proposedById", "decidedById", "decidedAt", "updatedAt")
     VALUES (gen_random_uuid()::text, ${ACME}, $1, $2, 'Session fixation', 'Short-lived sessions', 'CISO', ${today} + 5, 'ACCEPTED', ${OWNER},
             (SELECT id FROM "User" WHERE email = 'security@acme.test'), now(), now())`,
    [ids.accepted, threat!.id],
  );
});

test.afterAll(async () => {
  await query(`DELETE FROM "ThreatModel" WHERE id = ANY($1::text[])`, [Object.values(ids).filter(Boolean)]);
});

test("a model due for review today is not overdue on its page", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto(`/acme/models/${ids.dueToday}`);
  await expect(page.getByRole("heading", { level: 1, name: `Due today ${suffix}` })).toBeVisible();
  await expect(page.getByText(/^Next review \d/)).toBeVisible();
  await expect(page.getByText("(overdue)")).toHaveCount(0);
  await page.goto(`/acme/models/${ids.dueToday}/review`);
  await expect(page.getByText(/^Next review \d/)).toBeVisible();
  await expect(page.getByText("(overdue)")).toHaveCount(0);
});

test("a draft past its review date is overdue on its page and its review page", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto(`/acme/models/${ids.pastDraft}`);
  await expect(page.getByText(/^Next review .*\(overdue\)$/)).toBeVisible();
  await page.goto(`/acme/models/${ids.pastDraft}/review`);
  await expect(page.getByText(/^Next review .*\(overdue\)$/)).toBeVisible();
  await expect(page.getByText("This model is past its review date")).toBeVisible();
  await screenshot(page, "review-overdue-draft");
});

test("an archived model is never overdue on its page", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto(`/acme/models/${ids.pastArchived}`);
  await expect(page.getByText(/^Next review \d/)).toBeVisible();
  await expect(page.getByText("(overdue)")).toHaveCount(0);
});

test("the models list and the dashboard mark the past-due draft overdue, and neither the archived model nor the one due today", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto(`/acme/models?q=${encodeURIComponent(suffix)}`);
  const archived = page.getByRole("row", { name: new RegExp(`Past due archived ${suffix}`) });
  const draft = page.getByRole("row", { name: new RegExp(`Past due draft ${suffix}`) });
  await expect(draft.getByText("Overdue")).toBeVisible();
  await expect(archived).toBeVisible();
  await expect(archived.getByText("Overdue")).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(`Due today ${suffix}`) }).getByText("Overdue")).toHaveCount(0);
  await screenshot(page, "review-overdue-list");

  // The dashboard's list of models past their review date names the draft, not the archived one.
  await page.goto("/acme?status=ARCHIVED");
  await expect(page.getByRole("link", { name: "0 models past their review date", exact: true }).first()).toBeVisible();
  await page.goto("/acme/risks?view=models&overdue=1");
  await expect(page.getByRole("link", { name: `Past due draft ${suffix}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Past due archived ${suffix}` })).toHaveCount(0);
  await expect(page.getByRole("link", { name: `Due today ${suffix}` })).toHaveCount(0);
});

test("an accepted risk reads as in force by the server's day, even when the browser's clock is a month ahead", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.clock.setFixedTime(new Date(Date.now() + 30 * 86_400_000));
  await page.goto(`/acme/models/${ids.accepted}`);
  await expect(page.getByText(/^Sign-off: accepted by /)).toBeVisible();
  await expect(page.getByText(/^Sign-off: expired/)).toHaveCount(0);
  await screenshot(page, "risk-rules-acceptance-in-force");
});
