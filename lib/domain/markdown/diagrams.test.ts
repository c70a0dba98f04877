import { describe, expect, it } from "vitest";
import type { Diagram, DiagramElement, TrustBoundary } from "../diagram/diagram";
import { diagramGeometry } from "../diagram/geometry";
import { newBoundaryBox, newBoundaryLine, newEntity, newFlow, newProcess, newStore } from "../diagram/new-items";
import { emptyDocument, type ThreatModelDocument } from "../model-document";
import { exportMarkdown } from "./export";
import { importMarkdown } from "./import";

function shop(): Diagram {
  return {
    id: "checkout",
    name: 'Checkout <"EU"> & refunds',
    elements: [
      newEntity({
        id: "shopper",
        name: "Shopper",
        actor: "human",
        description: "Pays with a card; `card` in ```code```",
        position: { x: 0, y: 0, width: 100, height: 50 },
      }),
      newProcess({
        id: "api-1",
        name: "Checkout | API",
        privilege: "admin",
        handlesUntrustedInput: true,
        assetIds: ["A1"],
        position: { x: 300, y: 0, width: 100, height: 50 },
      }),
      newStore({
        id: "orders",
        name: "Orders (DB)",
        // Longer than a line the import reads, full of brackets, with a line separator inside.
        description: `${"[x] ".repeat(1500)}\u2028 end ]]]`,
        holdsCredentials: true,
        isLog: true,
        encryptedAtRest: true,
        position: { x: 520, y: 20, width: 60, height: 40 },
      }),
      newEntity({
        id: "end",
        name: "Payment provider",
        outOfScope: true,
        outOfScopeReason: "Their PCI scope",
        position: { x: 0, y: 300, width: 100, height: 50 },
      }),
    ],
    flows: [
      newFlow({
        id: "f1",
        from: "shopper",
        to: "api-1",
        label: "order / basket",
        protocol: "HTTPS",
        encrypted: true,
        crossesPublicNetwork: true,
        authenticated: true,
      }),
      newFlow({ id: "f2", from: "api-1", to: "orders", name: "write order" }),
      newFlow({ id: "f3", from: "api-1", to: "end", label: "charge", description: "Card token only" }),
      newFlow({ id: "f4", from: "end", to: "api-1" }),
    ],
    boundaries: [
      newBoundaryBox({ id: "dc", name: "Data centre", x: 250, y: -50, width: 400, height: 200, trustBoundaryId: "B1", description: "Our racks" }),
      newBoundaryBox({ id: "db zone", name: "Database zone", x: 500, y: 0, width: 120, height: 100 }),
    ],
  };
}

function second(): Diagram {
  return {
    id: "admin",
    name: "Admin",
    elements: [newEntity({ id: "operator", name: "Operator", actor: "human" }), newProcess({ id: "console", name: "Console" })],
    flows: [newFlow({ id: "f5", from: "operator", to: "console", label: "commands", protocol: "SSH" })],
    boundaries: [],
  };
}

function model(diagrams: Diagram[]): ThreatModelDocument {
  return { ...emptyDocument("Shop"), architecture: "```\nBrowser -> API -> DB\n```\n\nThe API is stateless.", dataFlow: "Orders flow to the DB.", diagrams };
}

/** What a diagram says apart from where it is drawn. */
function content(diagram: Diagram) {
  const unplaced = (e: DiagramElement) => ({ ...e, position: null });
  const shapeless = (b: TrustBoundary) => (b.kind === "box" ? { ...b, x: 0, y: 0, width: 0, height: 0 } : b);
  return { id: diagram.id, name: diagram.name, elements: diagram.elements.map(unplaced), flows: diagram.flows, boundaries: diagram.boundaries.map(shapeless) };
}

const enclosures = (diagram: Diagram) => Object.fromEntries([...diagramGeometry(diagram).enclosing].map(([id, boxes]) => [id, boxes.map((b) => b.id)]));

describe("diagrams in Markdown", () => {
  it("writes each diagram after the architecture text as a heading and a Mermaid flowchart", () => {
    const markdown = exportMarkdown(model([shop(), second()]));
    const section = markdown.slice(markdown.indexOf("## 2."), markdown.indexOf("## 3."));
    expect(section.indexOf("The API is stateless.")).toBeLessThan(section.indexOf("### Diagram: Checkout"));
    expect(section).toContain('### Diagram: Checkout \\<"EU"> & refunds\n\n````mermaid\n---\ntitle: "Checkout <\\"EU\\"> & refunds"\n---\nflowchart LR\n');
    expect(section).toContain("### Diagram: Admin\n\n```mermaid\n");
    expect(section).toContain('operator -->|"commands / SSH"| console');
  });

  it("reads its own export back: the same elements, flows and boundaries, every element placed and every box around its members", () => {
    const doc = model([shop(), second()]);
    const result = importMarkdown(exportMarkdown(doc));
    expect(result.warnings).toEqual([]);
    expect(result.document.architecture).toBe(doc.architecture);
    expect(result.document.dataFlow).toBe(doc.dataFlow);
    const diagrams = result.document.diagrams!;
    expect(diagrams.map(content)).toEqual(doc.diagrams!.map(content));
    for (const diagram of diagrams)
      for (const element of diagram.elements) {
        const p = element.position!;
        expect([p.x, p.y, p.width, p.height].every(Number.isFinite)).toBe(true);
        expect(p.width).toBeGreaterThan(0);
      }
    // The nesting the drawing had: the store in the database zone inside the data centre.
    expect(enclosures(diagrams[0]!)).toEqual(enclosures(shop()));
  });

  it("reads back a diagram of hundreds of elements, whose block is longer than the import's line and bracket limits", () => {
    const elements = Array.from({ length: 300 }, (_, i) => newEntity({ id: `e${i}`, name: `Entity [${i}]`, description: "x".repeat(50) }));
    const flows = elements.slice(1).map((e, i) => newFlow({ id: `f${i}`, from: elements[i]!.id, to: e.id, label: `[${i}]` }));
    const diagram: Diagram = { id: "big", name: "Big", elements, flows, boundaries: [] };
    const result = importMarkdown(exportMarkdown(model([diagram])));
    expect(result.warnings).toEqual([]);
    expect(result.document.diagrams!.map(content)).toEqual([content(diagram)]);
  });

  it("reads a hand-written flowchart into a diagram named by the heading before it, and keeps other code blocks as text", () => {
    const markdown = [
      "# Threat Model: Shop",
      "## 2. System Architecture",
      "```\n[Browser] -> [API]\n```",
      "### Checkout flow",
      "```mermaid\nflowchart TD\n  U[User]\n  subgraph cloud [Cloud]\n    A((API))\n    D[(Orders)]\n  end\n  U -->|order| A\n  A --> D\n```",
      "```mermaid\nsequenceDiagram\n  A->>B: hi\n```",
      "```mermaid\n---\ntitle: Billing\n---\ngraph LR\n  U --> B((Billing))\n```",
      "```mermaid\nflowchart LR\n  X --> Y\n```",
    ].join("\n\n");
    const { document, warnings } = importMarkdown(markdown);
    expect(warnings).toEqual([]);
    expect(document.architecture).toBe("```\n[Browser] -> [API]\n```\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```");
    const diagrams = document.diagrams!;
    expect(diagrams.map((d) => d.name)).toEqual(["Checkout flow", "Billing", "Diagram 3"]);
    expect(new Set(diagrams.map((d) => d.id)).size).toBe(3);
    const [checkout] = diagrams;
    expect(checkout!.elements.map((e) => [e.id, e.kind, e.name])).toEqual([
      ["U", "entity", "User"],
      ["A", "process", "API"],
      ["D", "store", "Orders"],
    ]);
    expect(checkout!.flows.map((f) => [f.from, f.to, f.label])).toEqual([
      ["U", "A", "order"],
      ["A", "D", ""],
    ]);
    expect(enclosures(checkout!)).toEqual({ U: [], A: ["cloud"], D: ["cloud"] });
    // "U" is in two diagrams; ids are unique across a model's diagrams.
    const ids = diagrams.flatMap((d) => [...d.elements, ...d.flows, ...d.boundaries].map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(diagrams[1]!.flows[0]!.from).toBe(diagrams[1]!.elements.find((e) => e.name === "U")!.id);
  });

  it("keeps a flowchart it cannot read as text, with a warning naming the line, and imports the rest", () => {
    const markdown = [
      "# Threat Model: Shop",
      "## 2. System Architecture",
      "### Diagram: Broken",
      "```mermaid\nflowchart LR\n  A --> B\n  A -->\n```",
      "## 3. Assets",
      "| Asset | Classification | What happens if compromised |\n|---|---|---|\n| Cards | Restricted | Fraud |",
    ].join("\n\n");
    const { document, warnings } = importMarkdown(markdown);
    expect(document.diagrams).toEqual([]);
    expect(document.assets.map((a) => a.name)).toEqual(["Cards"]);
    expect(document.architecture).toContain("A -->\n```");
    expect(warnings).toEqual([
      { line: 7, message: expect.stringMatching(/^The Mermaid diagram on line 7 could not be read and was kept as text: Line 10: could not read "A -->"/) },
    ]);
  });

  it("reads an edited block: the flowchart as written wins, and details no longer matching are dropped with a warning", () => {
    const markdown = exportMarkdown(model([shop()]))
      .replace('shopper[/"Shopper"/]', 'shopper[/"Customer"/]\n  extra(("Fraud check"))')
      .replace(/%% threatdesk: (.*)/, (line) => line.replace('"privilege":"admin"', '"privilege":"root"'));
    const { document, warnings } = importMarkdown(markdown);
    const diagram = document.diagrams![0]!;
    expect(diagram.elements.find((e) => e.id === "shopper")!.name).toBe("Customer");
    expect(diagram.elements.map((e) => e.id)).toContain("extra");
    // "root" is no privilege: the details do not fit, so every item has its defaults.
    expect(diagram.elements.find((e) => e.name === "Checkout | API")).toMatchObject({ kind: "process", privilege: "service" });
    expect(warnings).toEqual([{ line: expect.any(Number), message: expect.stringContaining("ThreatDesk details do not fit its flowchart") }]);

    const kept = importMarkdown(exportMarkdown(model([shop()])).replace('shopper[/"Shopper"/]', 'shopper[/"Customer"/]\n  extra(("Fraud check"))'));
    expect(kept.warnings).toEqual([]);
    const edited = kept.document.diagrams![0]!;
    expect(edited.elements.find((e) => e.id === "api-1")).toMatchObject({ privilege: "admin", handlesUntrustedInput: true });
    expect(edited.elements.find((e) => e.id === "extra")).toMatchObject({ kind: "process", privilege: "service", position: expect.any(Object) });
  });

  it("writes a flowchart typed into the architecture text verbatim, so it reads back as that text", () => {
    const doc = { ...model([]), architecture: "Our system:\n\n```mermaid\nflowchart LR\n  A --> B\n```" };
    const { document } = importMarkdown(exportMarkdown(doc));
    expect(document.architecture).toBe(doc.architecture);
    expect(document.diagrams).toEqual([]);
  });

  it("leaves boundary lines out of the flowchart and says so in a comment", () => {
    const diagram = {
      ...second(),
      boundaries: [
        newBoundaryLine({
          id: "edge",
          name: "Edge",
          points: [
            { x: 0, y: 0 },
            { x: 0, y: 10 },
          ],
        }),
      ],
    };
    const markdown = exportMarkdown(model([diagram]));
    expect(markdown).toContain('%% The trust boundary line "Edge" has no Mermaid form and is left out.');
    const read = importMarkdown(markdown).document.diagrams![0]!;
    expect(read.boundaries).toEqual([]);
    expect(read.flows).toEqual(second().flows);
  });
});
