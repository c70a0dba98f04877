import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, screenshot, signIn, test } from "./helpers";

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
}

async function createModel(page: Page, title: string) {
  await page.goto("/acme/models/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Create threat model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return page.url();
}

/** Drags from one point to another in small steps, as a hand would. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.move(to.x + 1, to.y + 1, { steps: 2 });
  await page.mouse.up();
}

async function centre(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test("a contributor draws a diagram with the mouse, and it is there after a reload", async ({ page }) => {
  await signIn(page, "contributor@acme.test");
  await createModel(page, `Diagram by mouse ${Date.now()}`);
  const workspace = page.getByTestId("diagram-workspace");
  await workspace.getByRole("button", { name: "Add a diagram" }).click();
  await expect(workspace.getByRole("tab", { name: "Overview" })).toHaveAttribute("aria-selected", "true");

  const palette = workspace.getByRole("toolbar", { name: "Add to the diagram" });
  await palette.getByRole("button", { name: "+ External entity" }).click();
  await palette.getByRole("button", { name: "+ Process" }).click();
  await palette.getByRole("button", { name: "+ Data store" }).click();
  await palette.getByRole("button", { name: "+ Trust boundary box" }).click();
  // The box stands for a new row of the model's Trust boundaries section.
  await expect(page.locator("#trust-boundaries").getByLabel("Boundary", { exact: true }).last()).toHaveValue("Trust boundary 1");

  // Move the process down, into the boundary box.
  const canvas = workspace.getByTestId("diagram-canvas");
  const process = canvas.getByTestId("diagram-node-process");
  const start = await centre(process);
  await drag(page, start, { x: start.x, y: start.y + 200 });
  await expect.poll(async () => (await centre(process)).y).toBeGreaterThan(start.y + 150);

  // Connect the entity's right handle to the process's top handle: a flow from the one to the other.
  const entity = canvas.getByTestId("diagram-node-entity");
  await drag(page, await centre(entity.locator(".react-flow__handle-right")), await centre(process.locator(".react-flow__handle-top")));
  const properties = workspace.getByTestId("diagram-properties");
  await expect(properties.getByRole("heading", { level: 4 })).toHaveText(/^Data flow/);
  await properties.getByLabel("Data (label)").fill("credentials");
  await properties.getByLabel("Protocol").fill("HTTPS");
  await properties.getByLabel("Crosses a public network").check();
  await expect(canvas.getByTestId("diagram-flow-label")).toContainText("credentials / HTTPS");

  // Out of scope needs a reason: the diagram says so until it has one.
  await workspace
    .getByTestId("diagram-text")
    .getByRole("button", { name: /Data store 1/ })
    .click();
  await properties.getByLabel("Out of scope").check();
  await expect(workspace.getByTestId("diagram-refusals")).toContainText("out of scope without a reason");
  await properties.getByLabel("Why it is out of scope").fill("Managed by the platform team");
  await expect(workspace.getByTestId("diagram-refusals")).toHaveCount(0);

  await waitSaved(page);
  await screenshot(page, "diagram-editor-mouse");
  await workspace.screenshot({ path: "test-results/screens/diagram-workspace-mouse.png" });

  await page.reload();
  const text = page.getByTestId("diagram-text");
  await expect(text).toContainText("External entity 1 → Process 1: credentials / HTTPS");
  await expect(text).toContainText("Data store 1 (data store) (out of scope: Managed by the platform team)");
  await expect(text).toContainText("Trust boundary 1 (box)");
  await expect(page.getByTestId("diagram-canvas").getByTestId("diagram-node-box")).toBeVisible();

  // The saved diagram downloads as SVG and as PNG: the same drawing, the PNG at twice its size.
  const downloads = page.getByRole("list", { name: "Downloads of the saved diagrams" });
  const [svgFile] = await Promise.all([page.waitForEvent("download"), downloads.getByRole("link", { name: "SVG" }).click()]);
  expect(svgFile.suggestedFilename()).toMatch(/^diagram-by-mouse-\d+-overview\.svg$/);
  const svg = fs.readFileSync((await svgFile.path())!, "utf8");
  expect(svg).toContain("<title");
  expect(svg).toContain("credentials / HTTPS");
  const svgWidth = Number(svg.match(/<svg[^>]* width="([\d.]+)"/)![1]);
  const [pngFile] = await Promise.all([page.waitForEvent("download"), downloads.getByRole("button", { name: "PNG" }).click()]);
  expect(pngFile.suggestedFilename()).toBe(svgFile.suggestedFilename().replace(/\.svg$/, ".png"));
  const png = fs.readFileSync((await pngFile.path())!);
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  // The IHDR chunk: width at bytes 16–19.
  expect(png.readUInt32BE(16)).toBe(Math.ceil(svgWidth * 2));
});

test("a contributor builds a diagram with the keyboard alone", async ({ page }) => {
  await signIn(page, "contributor@acme.test");
  await createModel(page, `Diagram by keyboard ${Date.now()}`);
  const workspace = page.getByTestId("diagram-workspace");
  await workspace.getByRole("button", { name: "Add a diagram" }).focus();
  await page.keyboard.press("Enter");

  const addForm = workspace.getByRole("form", { name: "Add an element" });
  for (const [kind, name] of [
    ["External", "Browser"],
    ["Process", "Checkout API"],
    ["Data", "Orders DB"],
  ] as const) {
    await addForm.getByLabel("Kind").focus();
    await page.keyboard.type(kind);
    await addForm.getByLabel("Element name").focus();
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
  }
  const text = workspace.getByTestId("diagram-text");
  await expect(text).toContainText("Browser (external entity)");
  await expect(text).toContainText("Orders DB (data store)");

  const connect = workspace.getByRole("form", { name: "Connect two elements" });
  await connect.getByLabel("From").focus();
  await page.keyboard.type("Browser");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Checkout");
  await page.keyboard.press("Tab");
  await page.keyboard.type("order form");
  await page.keyboard.press("Tab");
  await page.keyboard.type("HTTPS");
  await page.keyboard.press("Enter");
  await expect(text).toContainText("Browser → Checkout API: order form / HTTPS");

  // Select the store from the text list, move it with the arrow keys, delete it and undo.
  const store = workspace.getByTestId("diagram-canvas").getByTestId("diagram-node-store");
  const before = (await store.boundingBox())!;
  await text.getByRole("button", { name: /Orders DB/ }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await store.boundingBox())!.y).toBeGreaterThan(before.y + 50);
  expect((await store.boundingBox())!.x).toBeGreaterThan(before.x);
  await page.keyboard.press("Delete");
  await expect(text).not.toContainText("Orders DB");
  await expect(workspace.getByTestId("diagram-undo")).toContainText("Deleted data store “Orders DB”.");
  await page.keyboard.press("Control+z");
  await expect(text).toContainText("Orders DB (data store)");

  await waitSaved(page);
  await screenshot(page, "diagram-editor-keyboard");
  await workspace.screenshot({ path: "test-results/screens/diagram-workspace-keyboard.png" });
  await page.reload();
  await expect(page.getByTestId("diagram-text")).toContainText("Browser → Checkout API: order form / HTTPS");
  await expect(page.getByTestId("diagram-text")).toContainText("Orders DB (data store)");
});
