import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { newBoundaryBox, newBoundaryLine, newEntity, newFlow, newProcess, newStore } from "../diagram/new-items";
import { emptyDocument, type ThreatModelDocument } from "../model-document";
import { prepareImport } from "./prepare";
import { exportThreatDragon, importThreatDragon, NOT_APPLICABLE_JUSTIFICATION } from "./threat-dragon";
import { itemIdFor } from "./threat-dragon-diagram";
import { importCounts } from "@/tests/helpers/import-counts";

const dir = path.resolve(import.meta.dirname, "../../../tests/fixtures/threat-dragon");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
// Threat Dragon's own published schema (see its $comment); it uses union types, as Threat Dragon writes them.
const published = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(fixture("threat-dragon-v2.published.schema.json"));

const API = "6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a02";
const CUSTOMER = "6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a01";
const ORDERS = "6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a03";
const AUDIT_LOG = "6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a04";
const PLACE_ORDER = "6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a05";
const AUDIT_EVENTS = "6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a09";
const ADMIN = "admin user#1";

function imported(value: unknown) {
  const result = importThreatDragon(value);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result;
}

const diagrams = () => imported(fixture("diagrams.json")).document;
const checkout = () => diagrams().diagrams![0]!;
const element = (doc: ThreatModelDocument, id: string) => doc.diagrams!.flatMap((d) => [...d.elements, ...d.flows, ...d.boundaries]).find((i) => i.id === id);

describe("a Threat Dragon diagram becomes a document diagram", () => {
  it("the sample with diagrams is a valid file by Threat Dragon's published schema, which refuses what Threat Dragon would not read", () => {
    const file = fixture("diagrams.json");
    expect(published(file), JSON.stringify(published.errors)).toBe(true);
    delete file.detail.diagrams[0].cells[0].zIndex;
    expect(published(file)).toBe(false);
  });

  it("one diagram per Threat Dragon diagram, named by its title, text blocks left out", () => {
    const doc = diagrams();
    expect(doc.diagrams!.map((d) => [d.id, d.name, d.elements.length, d.flows.length, d.boundaries.length])).toEqual([
      ["diagram-1", "Checkout", 4, 3, 2],
      ["diagram-2", "Administration", 2, 1, 0],
    ]);
  });

  it("an actor is an external entity at its position and size, linked to its asset", () => {
    const doc = diagrams();
    expect(element(doc, CUSTOMER)).toEqual({
      id: CUSTOMER,
      kind: "entity",
      name: "Customer",
      description: "Buys things",
      outOfScope: false,
      outOfScopeReason: "",
      actor: "system",
      position: { x: 40, y: 200, width: 160, height: 80 },
      assetIds: ["A1"],
    });
    expect(doc.assets[0]).toEqual({ key: "A1", name: "Customer", classification: "INTERNAL", compromiseImpact: "Buys things" });
  });

  it("a process keeps its privilege level", () => {
    expect(element(diagrams(), API)).toMatchObject({
      kind: "process",
      name: "Checkout API",
      privilege: "admin",
      handlesUntrustedInput: false,
      position: { x: 400, y: 180, width: 120, height: 120 },
    });
  });

  it("a process reads handlesUntrustedInput when the file has it, and the nearest privilege for other words", () => {
    const file = fixture("diagrams.json");
    Object.assign(file.detail.diagrams[0].cells[3].data, { handlesUntrustedInput: true, privilegeLevel: "root" });
    Object.assign(file.detail.diagrams[1].cells[1].data, { privilegeLevel: "whatever" });
    const { document: doc, warnings } = imported(file);
    expect(element(doc, API)).toMatchObject({ privilege: "system", handlesUntrustedInput: true });
    expect(warnings.map((w) => w.message)).toEqual([
      'diagram 2, process "Admin console": the privilege level "whatever" is not user, service, admin or system; read as service.',
    ]);
  });

  it("a store keeps whether it is a log, holds credentials and is encrypted; out of scope keeps its reason", () => {
    const doc = diagrams();
    expect(element(doc, ORDERS)).toMatchObject({ kind: "store", holdsCredentials: true, isLog: false, encryptedAtRest: true, outOfScope: false });
    expect(element(doc, AUDIT_LOG)).toMatchObject({
      kind: "store",
      isLog: true,
      holdsCredentials: false,
      encryptedAtRest: false,
      outOfScope: true,
      outOfScopeReason: "Run by the platform team",
    });
  });

  it("out of scope without a reason gets one that says so (ThreatDesk asks why)", () => {
    const file = fixture("diagrams.json");
    Object.assign(file.detail.diagrams[0].cells[5].data, { reasonOutOfScope: "" });
    expect(element(imported(file).document, AUDIT_LOG)).toMatchObject({
      outOfScope: true,
      outOfScopeReason: "Marked out of scope in Threat Dragon, without a reason.",
    });
  });

  it("a flow joins its source and target, with its name, protocol, encryption and public network", () => {
    expect(element(diagrams(), PLACE_ORDER)).toEqual({
      id: PLACE_ORDER,
      kind: "flow",
      name: "Place order",
      description: "",
      outOfScope: false,
      outOfScopeReason: "",
      from: CUSTOMER,
      to: API,
      label: "",
      protocol: "HTTPS",
      encrypted: true,
      crossesPublicNetwork: true,
      authenticated: false,
    });
  });

  it("a label of its own is the flow's label", () => {
    const file = fixture("diagrams.json");
    file.detail.diagrams[0].cells[6].labels = [{ attrs: { label: { text: "order JSON" } } }];
    expect(element(imported(file).document, PLACE_ORDER)).toMatchObject({ name: "Place order", label: "order JSON" });
  });

  it("a boundary box is a box, and a curve a line from source through its bend points to target, each linked to its trust-boundary row", () => {
    const doc = diagrams();
    expect(checkout().boundaries).toEqual([
      {
        id: "6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a07",
        kind: "box",
        name: "Data centre",
        description: "Our racks",
        outOfScope: false,
        outOfScopeReason: "",
        trustBoundaryId: "B1",
        x: 300,
        y: 60,
        width: 620,
        height: 400,
      },
      {
        id: "6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a08",
        kind: "line",
        name: "Internet edge",
        description: "",
        outOfScope: false,
        outOfScopeReason: "",
        trustBoundaryId: "B2",
        points: [
          { x: 250, y: 20 },
          { x: 270.5, y: 260 },
          { x: 250, y: 500 },
        ],
      },
    ]);
    expect(doc.trustBoundaries.map((b) => [b.key, b.name, b.crossing])).toEqual([
      ["B1", "Data centre", "Place order"],
      ["B2", "Internet edge", "Place order"],
    ]);
  });

  it("each cell's threats are attached to it", () => {
    const doc = diagrams();
    expect(doc.threats.map((t) => [t.title, t.elementIds])).toEqual([
      ["Stolen customer password", [CUSTOMER]],
      ["Forged session", [API]],
      ["Runs as root", [API]],
      ["Table dump", [ORDERS]],
      ["Changed amounts", [PLACE_ORDER]],
      ["Dropped audit events", [AUDIT_EVENTS]],
      ["Phished administrator", [itemIdFor(ADMIN, new Set())]],
    ]);
  });

  it("a cell id that is no valid id is mapped the same way every time, for the element, its flows and its threats", () => {
    const mapped = itemIdFor(ADMIN, new Set());
    expect(mapped).toMatch(/^admin_user_1-[0-9a-f]{8}$/);
    const first = diagrams();
    const admin = first.diagrams![1]!;
    expect(admin.elements[0]!.id).toBe(mapped);
    expect(admin.flows[0]!.from).toBe(mapped);
    expect(diagrams().diagrams).toEqual(first.diagrams);
  });

  it("ids two diagrams share are told apart, so ids stay unique across the model", () => {
    const file = fixture("diagrams.json");
    file.detail.diagrams[1].cells[1].id = API;
    file.detail.diagrams[1].cells[2].target.cell = API;
    const doc = imported(file).document;
    const admin = doc.diagrams![1]!;
    expect(admin.elements[1]!.id).not.toBe(API);
    expect(admin.flows[0]!.to).toBe(admin.elements[1]!.id);
    expect(doc.diagrams![0]!.elements.map((e) => e.id)).toContain(API);
  });

  it("a NotApplicable threat stays a threat with no residual risk, and dismisses its category for its element", () => {
    const doc = diagrams();
    expect(doc.threats.find((t) => t.title === "Runs as root")).toMatchObject({
      category: "ELEVATION_OF_PRIVILEGE",
      residualRisk: "VERY_LOW",
      residualRiskJustification: NOT_APPLICABLE_JUSTIFICATION,
    });
    expect(doc.suggestionDismissals).toEqual([
      { elementId: API, category: "ELEVATION_OF_PRIVILEGE", reason: "The API runs in a sandbox without root." },
      // Without a description, the reason says where the decision was taken.
      { elementId: AUDIT_EVENTS, category: "REPUDIATION", reason: NOT_APPLICABLE_JUSTIFICATION },
    ]);
  });

  it("the preview counts elements per kind, flows and drawn boundaries", () => {
    const prepared = prepareImport("diagrams.json", fs.readFileSync(path.join(dir, "diagrams.json"), "utf8"));
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.preview.documents[0]!.counts).toEqual(
      importCounts({
        threatsByCategory: { SPOOFING: 3, TAMPERING: 1, REPUDIATION: 1, INFORMATION_DISCLOSURE: 1, ELEVATION_OF_PRIVILEGE: 1 },
        mitigationsByStatus: { NOT_STARTED: 3, IMPLEMENTED: 1 },
        assets: 6,
        boundaries: 2,
        diagrams: 2,
        elementsByKind: { entity: 2, process: 2, store: 2 },
        flows: 4,
        drawnBoundaries: 2,
      }),
    );
  });
});

describe("a Threat Dragon diagram that cannot be kept is refused, and nothing is read", () => {
  const refusal = (value: unknown) => {
    const result = importThreatDragon(value);
    expect(result.ok).toBe(false);
    return result.ok ? null : result;
  };

  it("a flow with a loose end is left out of the diagram with a warning, its threats kept on no element", () => {
    const file = fixture("diagrams.json");
    file.detail.diagrams[0].cells[6].target = { x: 500, y: 240 };
    const { document: doc, warnings } = imported(file);
    expect(doc.diagrams![0]!.flows.map((f) => f.name)).toEqual(["Save order", "Audit events"]);
    expect(warnings.map((w) => w.message)).toContain(
      'diagram 1, data flow "Place order": one of its ends is joined to no actor, process or store, so it is left out of the diagram (its threats are kept).',
    );
    expect(doc.threats.find((t) => t.title === "Changed amounts")!.elementIds).toBeUndefined();
  });

  it("a flow whose end is a boundary or a text block is left out the same way", () => {
    const file = fixture("diagrams.json");
    file.detail.diagrams[1].cells[2].target = { cell: "note-1" };
    expect(imported(file).document.diagrams![1]!.flows).toEqual([]);
  });

  it("a coordinate that is not a finite number (1e999 reads as Infinity)", () => {
    const text = fs.readFileSync(path.join(dir, "diagrams.json"), "utf8").replace('"x": 40,', '"x": 1e999,');
    const prepared = prepareImport("diagrams.json", text);
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.details).toEqual(["detail.diagrams[0].cells[2].position.x: expected number, got Infinity"]);
  });

  it("a diagram over the element limit, with the limit's message", () => {
    const file = fixture("diagrams.json");
    const actor = file.detail.diagrams[1].cells[0];
    file.detail.diagrams[1].cells = Array.from({ length: 501 }, (_, i) => ({ ...actor, id: `actor-${i}`, data: { ...actor.data, threats: [] } }));
    const result = refusal(file)!;
    expect(result.message).toMatch(/diagrams cannot be imported as they are/);
    expect(result.errors).toEqual(['Diagram "Administration": The diagram has 501 elements; at most 500 fit in one diagram. Split it into several.']);
  });

  it("more diagrams than a threat model holds", () => {
    const file = fixture("diagrams.json");
    file.detail.diagrams = Array.from({ length: 21 }, (_, i) => ({ ...file.detail.diagrams[1], id: i, cells: [] }));
    expect(refusal(file)!.errors).toEqual(["The file has 21 diagrams; a threat model holds at most 20."]);
  });

  it("a boundary curve with more points than a line holds", () => {
    const file = fixture("diagrams.json");
    file.detail.diagrams[0].cells[1].vertices = Array.from({ length: 499 }, (_, i) => ({ x: 250, y: 21 + i / 2 }));
    expect(refusal(file)!.errors).toEqual(['Diagram "Checkout": the trust boundary "Internet edge" has 501 points; at most 500 are kept.']);
  });
});

/** The parts of a Threat Dragon cell a round trip keeps: identity, type, geometry, ends, and its threats. */
function cellsOf(file: { detail: { diagrams: { cells: Record<string, unknown>[] }[] } }, rename: Record<string, string> = {}) {
  const id = (value: unknown) => (typeof value === "string" ? (rename[value] ?? value) : value);
  return file.detail.diagrams.map((d) =>
    d.cells
      .filter((c) => c.shape !== "td-text-block")
      .map((c) => {
        const data = c.data as { type: string; threats?: Record<string, unknown>[] };
        const end = (e: unknown) => (e && typeof e === "object" && "cell" in e ? { cell: id((e as { cell: string }).cell) } : e);
        return {
          id: id(c.id),
          shape: c.shape,
          type: data.type,
          position: c.position,
          size: c.size,
          source: end(c.source),
          target: end(c.target),
          ...(c.shape === "trust-boundary-curve" ? { vertices: c.vertices } : {}),
          threats: (data.threats ?? []).map(({ title, type, status, severity, description, mitigation }) => ({
            title,
            type,
            status,
            severity,
            description,
            mitigation,
          })),
        };
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  );
}

describe("a document diagram becomes Threat Dragon cells", () => {
  it("a Threat Dragon file read and written again is valid by the published schema, with the same cells, threats and links", () => {
    const original = fixture("diagrams.json");
    const again = exportThreatDragon(diagrams());
    expect(published(again), JSON.stringify(published.errors)).toBe(true);
    expect(again.detail.diagrams.map((d) => d.title)).toEqual(["Checkout", "Administration"]);
    expect(cellsOf(again)).toEqual(cellsOf(original, { [ADMIN]: itemIdFor(ADMIN, new Set()) }));
    // And again: a second round trip changes nothing more.
    expect(exportThreatDragon(imported(JSON.parse(JSON.stringify(again))).document)).toEqual(again);
  });

  it("a document without diagrams is written as before, valid by the published schema too", () => {
    const doc = diagrams();
    doc.diagrams = [];
    const file = exportThreatDragon(doc);
    expect(published(file), JSON.stringify(published.errors)).toBe(true);
    expect(file.detail.diagrams).toHaveLength(1);
    // Read back: its threats, assets and boundaries, and no diagram.
    const again = imported(file).document;
    expect(again.diagrams).toEqual([]);
    expect(again.threats.map((t) => t.title)).toEqual(doc.threats.map((t) => t.title));
  });

  function drawn(): ThreatModelDocument {
    const doc = emptyDocument("Payments");
    doc.assets = [
      { key: "A1", name: "Card tokens", classification: "RESTRICTED", compromiseImpact: "Fraud" },
      { name: "Reports", classification: "INTERNAL", compromiseImpact: "" },
    ];
    doc.trustBoundaries = [
      { key: "B1", name: "PCI zone", description: "", crossing: "" },
      { name: "Office", description: "", crossing: "" },
    ];
    doc.diagrams = [
      {
        id: "d1",
        name: "Payments",
        elements: [
          newEntity({ id: "merchant", name: "Merchant", actor: "human", position: { x: 0, y: 0, width: 120, height: 60 } }),
          newProcess({ id: "gateway", name: "Gateway", privilege: "user", position: { x: 300, y: 0, width: 5, height: 100 } }),
          newStore({ id: "vault", name: "Vault", holdsCredentials: true, isLog: true, encryptedAtRest: true, position: null, assetIds: ["A1"] }),
        ],
        flows: [
          newFlow({
            id: "pay",
            from: "merchant",
            to: "gateway",
            name: "Pay",
            label: "card number",
            protocol: "TLS",
            encrypted: true,
            crossesPublicNetwork: true,
          }),
          newFlow({ id: "s", from: "gateway", to: "vault", name: "Store", outOfScope: true, outOfScopeReason: "Vendor's" }),
        ],
        boundaries: [
          newBoundaryBox({ id: "pci", name: "PCI zone", x: 250, y: -20, width: 400, height: 300, trustBoundaryId: "B1" }),
          newBoundaryLine({
            id: "edge",
            name: "Edge",
            points: [
              { x: 200.4, y: -10.6 },
              { x: 210, y: 90.5 },
              { x: 200, y: 300 },
            ],
          }),
        ],
      },
    ];
    const threat = { attackVectors: [], likelihood: "MEDIUM" as const, impact: "HIGH" as const, priority: "HIGH" as const, mitigationKeys: [] };
    doc.threats = [
      {
        ...threat,
        category: "SPOOFING",
        title: "Fake merchant",
        description: "Stolen API key\n\nThreat Dragon element: Merchant (actor)",
        elementIds: ["merchant"],
      },
      { ...threat, category: "TAMPERING", title: "Changed amount", description: "", elementIds: ["pay", "gateway"] },
      { ...threat, category: "DENIAL_OF_SERVICE", title: "Flood", description: "Everywhere" },
      { ...threat, category: "REPUDIATION", title: "Gone element", description: "", elementIds: ["removed"] },
    ];
    return doc;
  }

  it("writes each kind of element, flow and boundary as Threat Dragon draws it", () => {
    const file = exportThreatDragon(drawn());
    expect(published(file), JSON.stringify(published.errors)).toBe(true);
    const cells = file.detail.diagrams[0]!.cells as Record<string, unknown>[];
    const cell = (id: string) => cells.find((c) => c.id === id)! as { shape: string; data: Record<string, unknown> } & Record<string, unknown>;
    expect(cells.map((c) => [c.id, c.shape])).toEqual([
      ["pci", "trust-boundary-box"],
      ["edge", "trust-boundary-curve"],
      ["merchant", "actor"],
      ["gateway", "process"],
      ["vault", "store"],
      ["pay", "flow"],
      // Threat Dragon's ids have two characters at least.
      ["s_", "flow"],
    ]);
    expect(cell("merchant")).toMatchObject({ position: { x: 0, y: 0 }, size: { width: 120, height: 60 }, data: { type: "tm.Actor", name: "Merchant" } });
    // Narrower than Threat Dragon draws: its smallest width.
    expect(cell("gateway")).toMatchObject({ size: { width: 10, height: 100 }, data: { type: "tm.Process", privilegeLevel: "user" } });
    // Not placed yet: on the grid, at Threat Dragon's size for a store.
    expect(cell("vault")).toMatchObject({
      position: { x: 440, y: 40 },
      size: { width: 160, height: 80 },
      data: { type: "tm.Store", isALog: true, storesCredentials: true, isEncrypted: true },
    });
    expect(cell("pay")).toMatchObject({
      labels: ["card number"],
      source: { cell: "merchant" },
      target: { cell: "gateway" },
      data: { type: "tm.Flow", name: "Pay", protocol: "TLS", isEncrypted: true, isPublicNetwork: true },
    });
    expect(cell("s_")).toMatchObject({ source: { cell: "gateway" }, target: { cell: "vault" }, data: { outOfScope: true, reasonOutOfScope: "Vendor's" } });
    expect(cell("pci")).toMatchObject({ position: { x: 250, y: -20 }, size: { width: 400, height: 300 }, data: { type: "tm.BoundaryBox", name: "PCI zone" } });
    // The curve's ends are whole numbers in Threat Dragon's schema; bend points keep their value.
    expect(cell("edge")).toMatchObject({
      source: { x: 200, y: -11 },
      target: { x: 200, y: 300 },
      vertices: [{ x: 210, y: 90.5 }],
      data: { type: "tm.Boundary" },
    });
  });

  it("puts each threat on the cells it is attached to, and what no diagram shows on one more diagram, as before", () => {
    const file = exportThreatDragon(drawn());
    const threatsOf = (d: number, id: string) =>
      (
        (file.detail.diagrams[d]!.cells as { id: string; data: { threats?: { title: string; description: string }[] } }[]).find((c) => c.id === id)!.data
          .threats ?? []
      ).map((t) => t.title);
    expect(threatsOf(0, "merchant")).toEqual(["Fake merchant"]);
    expect(threatsOf(0, "pay")).toEqual(["Changed amount"]);
    expect(threatsOf(0, "gateway")).toEqual(["Changed amount"]);
    // The element the importer named is the cell itself now.
    const merchant = (file.detail.diagrams[0]!.cells[2] as { data: { threats: { description: string }[] } }).data.threats[0]!;
    expect(merchant.description).toBe("Stolen API key");
    const undrawn = file.detail.diagrams[1]!;
    expect(undrawn.description).toBeTruthy();
    expect((undrawn.cells as { shape: string; data: { name: string } }[]).map((c) => [c.shape, c.data.name])).toEqual([
      ["process", "Payments"],
      ["store", "Reports"],
      ["trust-boundary-box", "Office"],
    ]);
    expect(threatsOf(1, "model")).toEqual(["Flood", "Gone element"]);
    // Read back, the extra diagram gives its rows again and no diagram.
    const again = imported(JSON.parse(JSON.stringify(file))).document;
    expect(again.diagrams!.map((d) => d.name)).toEqual(["Payments"]);
    expect(again.threats.filter((t) => !t.elementIds).map((t) => t.title)).toEqual(["Flood", "Gone element"]);
    expect(again.trustBoundaries.map((b) => [b.key, b.name])).toEqual([
      ["B1", "PCI zone"],
      ["B2", "Edge"],
      [undefined, "Office"],
    ]);
  });
});
