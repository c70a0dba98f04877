import type { Locator, Page } from "@playwright/test";
import { expect, query, screenshot, signIn, test } from "./helpers";

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
}

const suggestion = (panel: Locator, category: string) => panel.locator(`[data-testid="suggestion"][data-category="${category}"]`);

test("on a diagram's flow, a contributor attaches a threat, accepts a suggestion and dismisses another with a reason, and the review page shows the coverage and the reason", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "contributor@acme.test");
  const title = `Sign-in flow ${Date.now()}`;
  await page.goto("/acme/models/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Create threat model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const modelId = page.url().split("/").pop()!;

  // A threat written in the STRIDE section first, to attach on the diagram.
  const tampering = page.getByTestId("stride-TAMPERING");
  await tampering.getByRole("button", { name: "+ Add tampering threat" }).click();
  await tampering.getByLabel("Threat", { exact: true }).fill("Session cookie altered in transit");

  // A diagram with a person's browser sending the session cookie to the login API.
  await page.getByRole("button", { name: "Add a diagram" }).click();
  const addElement = page.getByRole("form", { name: "Add an element" });
  await addElement.getByLabel("Kind", { exact: true }).selectOption("entity");
  await addElement.getByLabel("Element name", { exact: true }).fill("Browser");
  await addElement.getByRole("button", { name: "Add element" }).click();
  await addElement.getByLabel("Kind", { exact: true }).selectOption("process");
  await addElement.getByLabel("Element name", { exact: true }).fill("Login API");
  await addElement.getByRole("button", { name: "Add element" }).click();
  const connect = page.getByRole("form", { name: "Connect two elements" });
  await connect.getByLabel("From", { exact: true }).selectOption({ label: "Browser" });
  await connect.getByLabel("To", { exact: true }).selectOption({ label: "Login API" });
  await connect.getByLabel("Data (label)", { exact: true }).fill("session cookie");
  await connect.getByRole("button", { name: "Add data flow" }).click();

  // The new flow is selected: its analysis lists the table's three categories for a flow, all open.
  const panel = page.getByTestId("element-analysis");
  await expect(panel.getByTestId("suggestion")).toHaveCount(3);
  await expect(panel.locator('[data-testid="suggestion"][data-state="gap"]')).toHaveCount(3);
  await expect(suggestion(panel, "TAMPERING")).toContainText("“session cookie” can be changed on its way from Browser to Login API.");
  await expect(suggestion(panel, "TAMPERING")).toContainText("Open gap");
  // Browser (S, R), Login API (all six) and the flow (T, I, D): nothing answered yet.
  const figure = page.getByTestId("coverage-figure");
  await expect(figure).toContainText("Diagram coverage: 0 % (0 of 11 element × category pairs answered)");

  // Attach the existing threat: Tampering is covered by it.
  const attach = panel.getByRole("form", { name: "Attach an existing threat" });
  await attach.getByLabel("Threat", { exact: true }).selectOption({ label: "Session cookie altered in transit" });
  await attach.getByRole("button", { name: "Attach" }).click();
  await expect(panel.getByTestId("attached-threat")).toHaveCount(1);
  await expect(panel.getByTestId("attached-threat")).toContainText("Session cookie altered in transit");
  await expect(panel.getByTestId("attached-threat")).toContainText("Priority: Medium");
  await expect(suggestion(panel, "TAMPERING")).toHaveAttribute("data-state", "covered");
  await expect(suggestion(panel, "TAMPERING")).toContainText("Covered by “Session cookie altered in transit”.");

  // Accept Information Disclosure: no library threat shares a word with the flow, so the title says what and where.
  await suggestion(panel, "INFORMATION_DISCLOSURE").getByRole("button", { name: "Accept Information Disclosure" }).click();
  await expect(suggestion(panel, "INFORMATION_DISCLOSURE")).toHaveAttribute("data-state", "covered");
  await expect(panel.getByTestId("attached-threat")).toHaveCount(2);
  await expect(page.getByTestId("stride-INFORMATION_DISCLOSURE").getByLabel("Threat", { exact: true })).toHaveValue(
    "Information Disclosure of session cookie from Browser to Login API",
  );

  // Dismiss Denial of Service: without a reason nothing is recorded; with one it is.
  const dos = suggestion(panel, "DENIAL_OF_SERVICE");
  await dos.getByRole("button", { name: "Dismiss… Denial of Service" }).click();
  await dos.getByRole("button", { name: "Record dismissal" }).click();
  await expect(dos).toContainText("Say why Denial of Service does not apply to session cookie from Browser to Login API");
  await expect(dos).toHaveAttribute("data-state", "gap");
  await screenshot(page, "diagram-suggestions-dismiss-refused");
  await dos.getByLabel(/Why does Denial of Service not apply/).fill("The edge rate-limits sign-in requests per address.");
  await dos.getByRole("button", { name: "Record dismissal" }).click();
  await expect(dos).toHaveAttribute("data-state", "dismissed");
  await expect(dos).toContainText("Dismissed: The edge rate-limits sign-in requests per address.");
  await expect(figure).toContainText("Diagram coverage: 27 % (3 of 11 element × category pairs answered)");
  await waitSaved(page);
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, "diagram-suggestions-flow");

  // Saved: the threats name the flow, the dismissal has its reason.
  const rows = await query<{ title: string; elementIds: string[] }>(`SELECT title, "elementIds" FROM "Threat" WHERE "threatModelId" = $1 ORDER BY title`, [
    modelId,
  ]);
  expect(rows.map((r) => r.title)).toEqual(["Information Disclosure of session cookie from Browser to Login API", "Session cookie altered in transit"]);
  expect(new Set(rows.flatMap((r) => r.elementIds)).size).toBe(1);

  // The review page shows the coverage and the dismissal with its reason.
  await page.goto(`/acme/models/${modelId}/review`);
  await expect(page.getByTestId("coverage-figure")).toContainText("Diagram coverage: 27 % (3 of 11 element × category pairs answered)");
  await expect(page.getByTestId("review-dismissals")).toContainText("Denial of Service does not apply: The edge rate-limits sign-in requests per address.");
  await screenshot(page, "diagram-suggestions-review");
  await page.goto(`/acme/models/${modelId}`);

  // Back in the editor, selecting the flow again shows the same answers; undoing the dismissal reopens the gap.
  await page
    .getByTestId("diagram-text")
    .getByRole("button", { name: /session cookie/ })
    .click();
  await expect(suggestion(panel, "TAMPERING")).toHaveAttribute("data-state", "covered");
  await expect(suggestion(panel, "INFORMATION_DISCLOSURE")).toHaveAttribute("data-state", "covered");
  await expect(suggestion(panel, "DENIAL_OF_SERVICE")).toHaveAttribute("data-state", "dismissed");
  await suggestion(panel, "DENIAL_OF_SERVICE").getByRole("button", { name: "Undo dismissal of Denial of Service" }).click();
  await expect(suggestion(panel, "DENIAL_OF_SERVICE")).toHaveAttribute("data-state", "gap");
  await expect(figure).toContainText("Diagram coverage: 18 % (2 of 11 element × category pairs answered)");
});
