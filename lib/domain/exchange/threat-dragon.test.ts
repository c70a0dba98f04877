import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { emptyDocument, type ThreatModelDocument } from "../model-document";
import { suggestPriority } from "../priority";
import { countDocument } from "./prepare";
import { importCounts } from "@/tests/helpers/import-counts";
import { exportThreatDragon, importThreatDragon, NOT_APPLICABLE_JUSTIFICATION } from "./threat-dragon";

const dir = path.resolve(import.meta.dirname, "../../../tests/fixtures/threat-dragon");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const validate = new Ajv({ allErrors: true }).compile(fixture("threat-dragon-v2.schema.json"));

function imported(value: unknown) {
  const result = importThreatDragon(value);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result;
}

describe("the sample files", () => {
  it.each(["typical.json", "threats-on-cells.json", "trust-boundaries.json"])("%s is a valid Threat Dragon v2 file", (name) => {
    expect(validate(fixture(name)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe("importThreatDragon", () => {
  it("reads threats on processes, stores and flows (typical.json)", () => {
    const { document: doc, warnings, sections } = imported(fixture("typical.json"));
    expect(doc.title).toBe("Online shop");
    expect(doc.ownerTeam).toBe("Web Team");
    expect(doc.overview).toBe("The shop's checkout");
    // Seven threats: S 1 (session hijacking), T 2 (price tampering, SQL injection), R 1, I 1, D 1 (on a flow), E 1.
    expect(countDocument(doc)).toEqual(
      importCounts({
        threatsByCategory: { SPOOFING: 1, TAMPERING: 2, REPUDIATION: 1, INFORMATION_DISCLOSURE: 1, DENIAL_OF_SERVICE: 1, ELEVATION_OF_PRIVILEGE: 1 },
        // Cookies and rate limiting (Open → not started); server-side prices (shared by two threats) and backup encryption (Mitigated).
        mitigationsByStatus: { NOT_STARTED: 2, IMPLEMENTED: 2 },
        // Customer (actor), Web server (process), Orders database (store).
        assets: 3,
        // The same three drawn, and the two flows between them.
        diagrams: 1,
        elementsByKind: { entity: 1, process: 1, store: 1 },
        flows: 2,
      }),
    );
    expect(doc.assets).toEqual([
      { key: "A1", name: "Customer", classification: "INTERNAL", compromiseImpact: "Buys things" },
      { key: "A2", name: "Web server", classification: "INTERNAL", compromiseImpact: "" },
      { key: "A3", name: "Orders database", classification: "INTERNAL", compromiseImpact: "Orders and addresses" },
    ]);
    const session = doc.threats[0]!;
    expect(session).toMatchObject({
      category: "SPOOFING",
      title: "Session hijacking",
      likelihood: "MEDIUM",
      impact: "HIGH",
      priority: "HIGH",
      mitigationKeys: ["M1"],
    });
    expect(session.description).toBe("Cookies stolen over Wi-Fi\n\nThreat Dragon element: Web server (process)");
    expect(doc.mitigations).toEqual([
      { key: "M1", title: "Secure, HttpOnly cookies", description: "", status: "NOT_STARTED", taskRef: "", implementedIn: "", dueDate: null },
      { key: "M2", title: "Prices from the server only", description: "", status: "IMPLEMENTED", taskRef: "", implementedIn: "", dueDate: null },
      { key: "M3", title: "Encrypt backups", description: "Keys in the KMS", status: "IMPLEMENTED", taskRef: "", implementedIn: "", dueDate: null },
      { key: "M4", title: "Rate limiting", description: "", status: "NOT_STARTED", taskRef: "", implementedIn: "", dueDate: null },
    ]);
    const sql = doc.threats.find((t) => t.title === "SQL injection")!;
    expect(sql).toMatchObject({ category: "TAMPERING", mitigationKeys: ["M2"] });
    expect(sql.description).toBe("Threat Dragon element: SQL queries (data flow)");
    const refunds = doc.threats.find((t) => t.title === "No record of refunds")!;
    expect(refunds).toMatchObject({ impact: "LOW", residualRisk: "VERY_LOW", residualRiskJustification: NOT_APPLICABLE_JUSTIFICATION, mitigationKeys: [] });
    expect(doc.dataFlow).toBe("- Customer → Web server: Browse and buy\n- Web server → Orders database: SQL queries");
    expect(warnings).toEqual([]);
    expect(sections).toEqual(["Summary", "Assets", "Threats", "Data flow", "Mitigations"]);
  });

  it("reads threats placed directly on cells, with types in any case (threats-on-cells.json)", () => {
    const { document: doc, warnings } = imported(fixture("threats-on-cells.json"));
    expect(countDocument(doc)).toMatchObject({
      threatsByCategory: { SPOOFING: 1, TAMPERING: 0, REPUDIATION: 0, INFORMATION_DISCLOSURE: 1, DENIAL_OF_SERVICE: 1, ELEVATION_OF_PRIVILEGE: 0 },
      mitigationsByStatus: { NOT_STARTED: 0, PLANNED: 0, IN_PROGRESS: 0, IMPLEMENTED: 1 },
      assets: 2,
      boundaries: 0,
    });
    // The store has no data.name: its label names it. The text block is no asset.
    expect(doc.assets.map((a) => a.name)).toEqual(["API gateway", "Push tokens"]);
    expect(doc.threats.map((t) => [t.title, t.impact, t.priority])).toEqual([
      ["Forged device tokens", "MEDIUM", "MEDIUM"],
      ["Unlimited retries", "LOW", "LOW"],
      ["Token table dump", "HIGH", "HIGH"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("turns boundary boxes and curves into trust boundaries, with the flows that cross them (trust-boundaries.json)", () => {
    const { document: doc } = imported(fixture("trust-boundaries.json"));
    // The box holds the console and the log: only the administrator's flow crosses it. The
    // curve stands between console and log: only the audit writes cross it.
    expect(doc.trustBoundaries).toEqual([
      { key: "B1", name: "Corporate network", description: "Behind the VPN", crossing: "Admin HTTPS" },
      { key: "B2", name: "Log boundary", description: "", crossing: "Audit writes" },
    ]);
    expect(doc.assets.map((a) => a.name)).toEqual(["Administrator", "Admin console", "Audit log"]);
    expect(countDocument(doc)).toMatchObject({ boundaries: 2, assets: 3, mitigationsByStatus: { NOT_STARTED: 1, PLANNED: 0, IN_PROGRESS: 0, IMPLEMENTED: 0 } });
  });

  it("warns about types and severities it has to guess", () => {
    const value = fixture("threats-on-cells.json");
    value.detail.diagrams[0].cells[0].threats[0].type = "Confidentiality";
    value.detail.diagrams[0].cells[0].threats[1].type = "Weird";
    value.detail.diagrams[0].cells[0].threats[1].severity = "TBD";
    const { document: doc, warnings } = imported(value);
    expect(doc.threats.map((t) => t.category)).toEqual(["INFORMATION_DISCLOSURE", "TAMPERING", "INFORMATION_DISCLOSURE"]);
    expect(warnings.map((w) => w.message)).toEqual([
      'diagram 1, process "API gateway", threat "Forged device tokens": the threat type "Confidentiality" is not a STRIDE category; imported as Information disclosure.',
      'diagram 1, process "API gateway", threat "Unlimited retries": the threat type "Weird" is not a STRIDE category; imported as Tampering — check it.',
      'diagram 1, process "API gateway", threat "Unlimited retries": severity "TBD" is not High, Medium or Low; imported as Medium impact.',
    ]);
  });

  it("names the JSON path of a wrong shape", () => {
    const noCells = fixture("typical.json");
    noCells.detail.diagrams[0].cells = {};
    expect(importThreatDragon(noCells)).toEqual({ ok: false, errors: ["detail.diagrams[0].cells: expected array, got object"] });
    const badThreat = fixture("typical.json");
    badThreat.detail.diagrams[0].cells[1].data.threats[2].title = 7;
    expect(importThreatDragon(badThreat)).toEqual({ ok: false, errors: ["detail.diagrams[0].cells[1].data.threats[2].title: expected string, got number"] });
    expect(importThreatDragon({ detail: { diagrams: [] } })).toEqual({ ok: false, errors: ["summary: missing (expected object)"] });
  });

  it("explains that version 1 files need converting", () => {
    const result = importThreatDragon({ summary: { title: "Old" }, detail: { diagrams: [{ title: "d", diagramJson: { cells: [] } }] } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/Threat Dragon version 1 file/);
  });
});

describe("exportThreatDragon", () => {
  /** What Threat Dragon can carry: likelihood is always Medium, one mitigation per threat (or shared), no scenarios. */
  function carriable(): ThreatModelDocument {
    const doc = emptyDocument("Checkout service");
    doc.ownerTeam = "Payments Team";
    doc.overview = "Takes payments.";
    doc.assets = [
      { name: "Card tokens", classification: "INTERNAL", compromiseImpact: "Fraud" },
      { name: "Orders", classification: "INTERNAL", compromiseImpact: "" },
    ];
    doc.trustBoundaries = [{ name: "Internet", description: "Public edge", crossing: "" }];
    const threat = (
      category: ThreatModelDocument["threats"][number]["category"],
      title: string,
      impact: "LOW" | "MEDIUM" | "HIGH",
      mitigationKeys: string[],
    ) => ({
      category,
      title,
      description: `${title}, described`,
      attackVectors: [],
      likelihood: "MEDIUM" as const,
      impact,
      priority: suggestPriority("MEDIUM", impact),
      mitigationKeys,
    });
    doc.threats = [
      threat("SPOOFING", "Stolen keys", "HIGH", ["M1"]),
      threat("TAMPERING", "Changed amounts", "MEDIUM", ["M2"]),
      threat("INFORMATION_DISCLOSURE", "Token leak", "LOW", ["M2"]),
      { ...threat("REPUDIATION", "Denied refunds", "LOW", []), residualRisk: "VERY_LOW", residualRiskJustification: NOT_APPLICABLE_JUSTIFICATION },
      threat("ELEVATION_OF_PRIVILEGE", "Admin bypass", "HIGH", []),
    ];
    doc.mitigations = [
      { key: "M1", title: "Rotate keys", description: "", status: "NOT_STARTED", taskRef: "", implementedIn: "", dueDate: null },
      { key: "M2", title: "Sign requests", description: "HMAC over the body", status: "IMPLEMENTED", taskRef: "", implementedIn: "", dueDate: null },
    ];
    return doc;
  }

  it("writes a file that validates against the v2 schema", () => {
    const file = exportThreatDragon(carriable());
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(file.detail.diagrams).toHaveLength(1);
    expect(file.detail.diagrams[0]!.diagramType).toBe("STRIDE");
    // One process for the model, one store per asset, one box per boundary.
    expect(file.detail.diagrams[0]!.cells.map((c) => c.shape)).toEqual(["process", "store", "store", "trust-boundary-box"]);
    const threats = (file.detail.diagrams[0]!.cells[0]!.data as { threats: Record<string, unknown>[] }).threats;
    expect(threats.map((t) => [t.type, t.status, t.severity])).toEqual([
      ["Spoofing", "Open", "High"],
      ["Tampering", "Mitigated", "Medium"],
      ["Information disclosure", "Mitigated", "Low"],
      ["Repudiation", "NotApplicable", "Low"],
      ["Elevation of privilege", "Open", "High"],
    ]);
    expect(threats[1]!.mitigation).toBe("Sign requests\nHMAC over the body");
  });

  it("reads back equal to what v2 can carry", () => {
    const doc = carriable();
    const again = imported(JSON.parse(JSON.stringify(exportThreatDragon(doc)))).document;
    expect(again).toEqual(doc);
  });

  it("drops what v2 cannot carry, and keeps the rest", () => {
    const doc = carriable();
    doc.featureName = "Checkout";
    doc.threats[0] = { ...doc.threats[0]!, likelihood: "HIGH", impact: "CRITICAL", priority: "CRITICAL", attackVectors: ["CI logs"] };
    doc.attackScenarios = [{ title: "Replay", description: "", likelihood: "LOW", impact: "LOW", mitigationKeys: [] }];
    doc.assets[0]!.classification = "RESTRICTED";
    const again = imported(exportThreatDragon(doc)).document;
    expect(again.threats[0]).toMatchObject({ title: "Stolen keys", likelihood: "MEDIUM", impact: "HIGH", priority: "HIGH", attackVectors: [] });
    expect(again.attackScenarios).toEqual([]);
    expect(again.assets[0]!.classification).toBe("INTERNAL");
    expect(again.threats.slice(1)).toEqual(doc.threats.slice(1));
  });
});
