import { count, expect, newSignedInContext, screenshot, signIn, test } from "./helpers";

const ROLES = [
  { email: "owner@acme.test", label: "Owner", manages: true, edits: true },
  { email: "admin@acme.test", label: "Admin", manages: true, edits: true },
  { email: "security@acme.test", label: "Security lead", manages: false, edits: true },
  { email: "techlead@acme.test", label: "Tech lead", manages: false, edits: true },
  { email: "contributor@acme.test", label: "Contributor", manages: false, edits: true },
  { email: "viewer@acme.test", label: "Viewer", manages: false, edits: false },
];

for (const role of ROLES) {
  test(`demo sign-in as ${role.label} lands on the Acme dashboard with that role's controls`, async ({ page }) => {
    await signIn(page, role.email);
    await expect(page).toHaveURL(/\/acme$/);
    await expect(page.getByText(`Signed in as ${role.label}`)).toBeVisible();
    // Earlier tests add models of their own, so the seeded one is looked up rather than expected
    // among the most recent.
    await expect(page.getByRole("heading", { name: "Acme", level: 1 })).toBeVisible();

    const newModel = page.getByRole("link", { name: "New threat model" });
    if (role.edits) await expect(newModel).toBeVisible();
    else await expect(newModel).toHaveCount(0);

    await page.getByRole("link", { name: "Members" }).click();
    await expect(page.getByRole("heading", { name: "Members (6)" })).toBeVisible();
    const inviteButton = page.getByRole("button", { name: "Create invitation link" });
    if (role.manages) await expect(inviteButton).toBeVisible();
    else await expect(inviteButton).toHaveCount(0);

    await page.goto("/acme/models?q=Authentication");
    await expect(page.getByRole("link", { name: "Authentication Service Threat Model", exact: true })).toBeVisible();

    const response = await page.goto("/acme/models/new");
    expect(response?.status()).toBe(role.edits ? 200 : 404);
    if (role.label === "Viewer" || role.label === "Owner") await screenshot(page, `role-${role.label.toLowerCase()}-new-model`);
  });
}

test("a viewer cannot create a threat model, not even by posting to the server action directly", async ({ browser }) => {
  const title = `Posted by a viewer ${Date.now()}`;
  // A contributor's browser reveals how the create-model action is called; the request is
  // stopped before it reaches the server.
  const contributor = await newSignedInContext(browser, "contributor@acme.test");
  await contributor.page.goto("/acme/models/new");
  let captured: { headers: Record<string, string>; body: string } | undefined;
  await contributor.page.route("**/acme/models/new", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { headers: request.headers(), body: request.postData() ?? "" };
      await route.abort();
    } else await route.continue();
  });
  await contributor.page.getByLabel("Title").fill(title);
  await contributor.page.getByRole("button", { name: "Create threat model" }).click();
  await expect.poll(() => captured).toBeDefined();
  await expect(contributor.page.locator("[data-alert=error]")).toContainText("Could not reach ThreatDesk");
  await expect(contributor.page.getByLabel("Title")).toHaveValue(title);
  await contributor.context.close();

  const viewer = await newSignedInContext(browser, "viewer@acme.test");
  const response = await viewer.context.request.post("/acme/models/new", {
    headers: {
      "next-action": captured!.headers["next-action"]!,
      "content-type": captured!.headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: captured!.body,
  });
  const text = await response.text();
  expect(text).toContain("forbidden");
  expect(text).not.toContain('"ok":true');
  expect(await count(`SELECT count(*) n FROM "ThreatModel" WHERE title = $1`, [title])).toBe(0);
  expect(await count(`SELECT count(*) n FROM "AuditEvent" WHERE action = 'access.denied' AND "actorLabel" = 'viewer@acme.test'`)).toBeGreaterThan(0);

  // And through the REST route.
  const api = await viewer.context.request.post("/api/orgs/acme/models", { data: { title } });
  expect(api.status()).toBe(403);
  expect(await count(`SELECT count(*) n FROM "ThreatModel" WHERE title = $1`, [title])).toBe(0);
  await viewer.context.close();
});

test("the models API validates input and answers with JSON errors", async ({ browser, request }) => {
  const signedOut = await request.get("/api/orgs/acme/models");
  expect(signedOut.status()).toBe(401);

  const contributor = await newSignedInContext(browser, "contributor@acme.test");
  const api = contributor.context.request;
  const list = await api.get("/api/orgs/acme/models?pageSize=2");
  expect(list.status()).toBe(200);
  const body = await list.json();
  expect(body.items).toHaveLength(2);
  expect(body.total).toBe(await count(`SELECT count(*) n FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme'`));

  const empty = await api.post("/api/orgs/acme/models", { data: { title: "" } });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.fieldErrors.title[0]).toContain("title");

  const broken = await api.post("/api/orgs/acme/models", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(broken.status()).toBe(400);
  expect((await broken.json()).error.message).toContain("not valid JSON");

  const tooLong = await api.post("/api/orgs/acme/models", { data: { title: "x".repeat(201) } });
  expect(tooLong.status()).toBe(422);
  expect(await count(`SELECT count(*) n FROM "ThreatModel" WHERE length(title) > 200 OR title = ''`)).toBe(0);

  const created = await api.post("/api/orgs/acme/models", { data: { title: "Created through the API" } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  expect(await count(`SELECT count(*) n FROM "ThreatModel" WHERE id = $1 AND title = 'Created through the API'`, [id])).toBe(1);
  await contributor.context.close();
});

test("health answers 200 while the database answers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("a removed member loses access on their next request", async ({ browser }) => {
  const member = await newSignedInContext(browser, "techlead@acme.test");
  await expect(member.page.getByText("Signed in as Tech lead")).toBeVisible();

  const owner = await newSignedInContext(browser, "owner@acme.test");
  await owner.page.goto("/acme/settings/members");
  await owner.page.getByRole("button", { name: "Remove Tara Techlead" }).click();
  await screenshot(owner.page, "members-confirm-remove");
  await owner.page.getByRole("group", { name: "Confirm removing Tara Techlead" }).getByRole("button", { name: "Remove" }).click();
  await expect(owner.page.getByTestId("member-techlead@acme.test")).toHaveCount(0);
  expect(await count(`SELECT count(*) n FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = 'techlead@acme.test'`)).toBe(0);

  const response = await member.page.goto("/acme/models");
  expect(response?.status()).toBe(404);

  // Put the demo back as it was for the other tests.
  await owner.page.getByLabel("Email", { exact: true }).fill("techlead@acme.test");
  await owner.page.getByLabel("Role", { exact: true }).selectOption("TECH_LEAD");
  await owner.page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await owner.page.getByTestId("invite-link").inputValue();
  await member.page.goto(link);
  await member.page.getByRole("button", { name: "Join Acme" }).click();
  await expect(member.page).toHaveURL(/\/acme$/);
  // Tech lead reviews models: with two managers in Acme, it waits for one other than the inviter.
  await expect(member.page.getByText("Signed in as Viewer")).toBeVisible();
  const admin = await newSignedInContext(browser, "admin@acme.test");
  await admin.page.goto("/acme/settings/members");
  const row = admin.page.getByTestId("member-techlead@acme.test");
  await expect(row.getByTestId("pending-grant")).toContainText("Tech lead waits for a second manager: asked by Olivia Owner");
  await screenshot(admin.page, "members-confirm-role-grant");
  await row.getByRole("button", { name: "Confirm Tech lead" }).click();
  await expect(row.getByTestId("pending-grant")).toHaveCount(0);
  expect(
    await count(
      `SELECT count(*) n FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = 'techlead@acme.test' AND m.role = 'TECH_LEAD' AND m."pendingRole" IS NULL`,
    ),
  ).toBe(1);
  await admin.context.close();
  await owner.context.close();
  await member.context.close();
});
