import type { Page } from "@playwright/test";
import { count, expect, newSignedInContext, query, screenshot, test, uniqueSuffix } from "./helpers";

const MODEL = "Authentication Service Threat Model";
const THREAT = "Attacker impersonates legitimate user";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Opens the seeded model the way a person would, and returns its id from the address. */
async function openSeededModel(page: Page): Promise<string> {
  await page.goto("/acme/models?q=Authentication");
  await page.getByRole("link", { name: MODEL }).click();
  await expect(page.getByRole("heading", { level: 1, name: MODEL })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  const [row] = await query<{ id: string }>(
    `SELECT m.id FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId" WHERE o.slug = 'acme' AND m.title = $1`,
    [MODEL],
  );
  expect(id).toBe(row!.id);
  return id;
}

test("a contributor mentions the security lead in a comment and the lead's bell shows it", async ({ browser }) => {
  const suffix = uniqueSuffix();
  const contributor = await newSignedInContext(browser, "contributor@acme.test");
  const page = contributor.page;
  const modelId = await openSeededModel(page);
  // The thread lives on the model's review page.
  await page.goto(`/acme/models/${modelId}/review`);
  await expect(page.getByRole("heading", { level: 2, name: /^Comments \(\d+\)$/ })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a comment" });
  await form.getByLabel("About", { exact: true }).selectOption({ label: THREAT });
  const box = form.getByLabel("Comment", { exact: true });
  await box.fill(`Token theft check ${suffix}: could `);
  await box.pressSequentially("@Sa");
  const listbox = page.getByRole("listbox", { name: "Members to mention" });
  await expect(listbox).toBeVisible();
  const sam = listbox.getByRole("option", { name: "Sam Security" });
  await expect(sam).toBeVisible();
  // The keyboard drives the list: arrows move the active option, Enter picks it.
  await box.press("ArrowDown");
  await box.press("ArrowUp");
  await expect(sam).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await sam.getAttribute("id"))!);
  await box.press("Enter");
  await expect(listbox).toHaveCount(0);
  await expect(box).toHaveValue(`Token theft check ${suffix}: could @Sam Security `);
  await box.pressSequentially("confirm the refresh token rotation?");
  await expect(form.getByText("Mentioning: Sam Security")).toBeVisible();
  await box.press("Control+Enter");

  const posted = page.getByTestId("comment").filter({ hasText: suffix });
  await expect(posted).toBeVisible();
  await expect(posted).toContainText("Carl Contributor");
  await expect(posted).toContainText(`on threat: ${THREAT}`);
  await expect(posted.locator("mark")).toHaveText("@Sam Security");
  await expect(box).toHaveValue("");
  await screenshot(page, "comment-thread");

  const [comment] = await query<{ email: string; threatTitle: string | null; mentioned: string[]; securityId: string }>(
    `SELECT a.email, t.title AS "threatTitle", c."mentionedUserIds" AS mentioned, (SELECT id FROM "User" WHERE email = 'security@acme.test') AS "securityId"
       FROM "Comment" c JOIN "User" a ON a.id = c."authorId" LEFT JOIN "Threat" t ON t.id = c."threatId"
      WHERE c.body LIKE $1`,
    [`%${suffix}%`],
  );
  expect(comment).toMatchObject({ email: "contributor@acme.test", threatTitle: THREAT });
  expect(comment!.mentioned).toEqual([comment!.securityId]);
  expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = 'comment.added' AND summary->>'modelId' = $1`, [modelId])).toBeGreaterThanOrEqual(
    1,
  );
  await contributor.context.close();

  const lead = await newSignedInContext(browser, "security@acme.test");
  const bell = lead.page.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toBeVisible();
  await expect(bell).toContainText(/\d+ unread/);
  const unread = Number(/(\d+) unread/.exec((await bell.textContent()) ?? "")?.[1] ?? 0);
  expect(unread).toBeGreaterThanOrEqual(1);

  await bell.click();
  await expect(bell).toHaveAttribute("aria-expanded", "true");
  const panel = lead.page.getByRole("region", { name: "Notifications" });
  const title = `Carl Contributor mentioned you in a comment on the threat “${THREAT}” in “${MODEL}”`;
  const notification = panel.getByRole("link", { name: new RegExp(escapeRegExp(title)) }).first();
  await expect(notification).toBeVisible();
  await expect(notification).toHaveAttribute("data-unread", "true");
  await expect(panel.getByRole("button", { name: "Mark all as read" })).toBeEnabled();
  await screenshot(lead.page, "notification-panel");

  const mentionedUnread = `SELECT COUNT(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n."userId"
    WHERE u.email = 'security@acme.test' AND n.kind = 'mentioned' AND n.title = $1 AND n."readAt" IS NULL`;
  expect(await count(mentionedUnread, [title])).toBe(1);
  await notification.click();
  await expect(lead.page).toHaveURL(new RegExp(`/acme/models/${modelId}/review$`));
  await expect.poll(() => count(mentionedUnread, [title])).toBe(0);

  // The full list, then everything read: the bell no longer shows a count.
  await lead.page.goto("/acme/notifications");
  await expect(lead.page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(
    lead.page
      .getByRole("main")
      .getByRole("link", { name: new RegExp(escapeRegExp(title)) })
      .first(),
  ).toBeVisible();
  const markAll = lead.page.getByRole("main").getByRole("button", { name: "Mark all as read" });
  if (await markAll.isEnabled()) {
    await markAll.click();
    await expect(markAll).toBeDisabled();
  }
  await expect(lead.page.getByRole("button", { name: /^Notifications/ })).not.toContainText(/\d+ unread/);
  await expect
    .poll(() =>
      count(`SELECT COUNT(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n."userId" WHERE u.email = 'security@acme.test' AND n."readAt" IS NULL`),
    )
    .toBe(0);
  await lead.context.close();
});

test("a viewer reads a model's comments but has no form to add one", async ({ browser }) => {
  const viewer = await newSignedInContext(browser, "viewer@acme.test");
  const modelId = await openSeededModel(viewer.page);
  await viewer.page.goto(`/acme/models/${modelId}/review`);
  await expect(viewer.page.getByRole("heading", { level: 2, name: /^Comments \(\d+\)$/ })).toBeVisible();
  await expect(viewer.page.getByText("Your role can read the discussion but not add to it.")).toBeVisible();
  await expect(viewer.page.getByRole("button", { name: "Post comment" })).toHaveCount(0);
  await expect(viewer.page.getByRole("form", { name: "Add a comment" })).toHaveCount(0);
  await viewer.context.close();
});
