// Writing a ThreatModelDocument as a Threat Dragon v2 file.
import type { ThreatModelDocument } from "../model-document";
import { NOT_APPLICABLE_JUSTIFICATION, SEVERITY_BY_IMPACT, THREAT_DRAGON_TYPE, THREAT_DRAGON_VERSION } from "./threat-dragon-format";

const CELL_SIZE = { width: 160, height: 80 };

/**
 * A Threat Dragon v2 file with one STRIDE diagram: a data-store cell per asset, a boundary box per
 * trust boundary, and one process named after the model that carries every threat (Threat
 * Dragon has no model-level threats). Likelihood, priorities, scenarios, controls, invariants and
 * residual risks have no place in the format and are left out.
 */
export function exportThreatDragon(doc: ThreatModelDocument) {
  const mitigations = new Map(doc.mitigations.map((m) => [m.key, m]));
  const threats = doc.threats.map((t, i) => {
    const linked = t.mitigationKeys.map((k) => mitigations.get(k)).filter((m) => m !== undefined);
    const status =
      t.residualRisk === "VERY_LOW" && t.residualRiskJustification === NOT_APPLICABLE_JUSTIFICATION
        ? "NotApplicable"
        : linked.some((m) => m.status === "IMPLEMENTED")
          ? "Mitigated"
          : "Open";
    return {
      id: `threat-${i + 1}`,
      title: t.title,
      status,
      severity: SEVERITY_BY_IMPACT[t.impact],
      type: THREAT_DRAGON_TYPE[t.category],
      description: t.description,
      mitigation: linked.map((m) => (m.description ? `${m.title}\n${m.description}` : m.title)).join("\n"),
      modelType: "STRIDE",
      new: false,
      number: i + 1,
      score: "",
    };
  });
  const cells: Record<string, unknown>[] = [];
  let zIndex = 1;
  cells.push({
    id: "model",
    shape: "process",
    position: { x: 40, y: 40 },
    size: CELL_SIZE,
    attrs: { text: { text: doc.title } },
    zIndex: zIndex++,
    data: {
      type: "tm.Process",
      name: doc.title,
      description: doc.featureName,
      outOfScope: false,
      reasonOutOfScope: "",
      privilegeLevel: "",
      hasOpenThreats: threats.some((t) => t.status === "Open"),
      threats,
    },
  });
  doc.assets.forEach((a, i) => {
    cells.push({
      id: `asset-${i + 1}`,
      shape: "store",
      position: { x: 40 + ((i + 1) % 4) * 200, y: 40 + Math.floor((i + 1) / 4) * 140 },
      size: CELL_SIZE,
      attrs: { text: { text: a.name } },
      zIndex: zIndex++,
      data: {
        type: "tm.Store",
        name: a.name,
        description: a.compromiseImpact,
        outOfScope: false,
        reasonOutOfScope: "",
        isALog: false,
        isEncrypted: false,
        isSigned: false,
        storesCredentials: false,
        storesInventory: false,
        hasOpenThreats: false,
        threats: [],
      },
    });
  });
  const top = 80 + Math.ceil((doc.assets.length + 1) / 4) * 140;
  doc.trustBoundaries.forEach((b, i) => {
    cells.push({
      id: `boundary-${i + 1}`,
      shape: "trust-boundary-box",
      position: { x: 20 + i * 20, y: top + i * 20 },
      size: { width: 800, height: 120 },
      attrs: { label: { text: b.name } },
      zIndex: -1,
      data: { type: "tm.BoundaryBox", name: b.name, description: b.description, isTrustBoundary: true, hasOpenThreats: false },
    });
  });
  return {
    version: THREAT_DRAGON_VERSION,
    summary: { title: doc.title, owner: doc.ownerTeam, description: doc.overview, id: 0 },
    detail: {
      contributors: [],
      diagrams: [
        {
          id: 0,
          title: doc.title,
          diagramType: "STRIDE",
          placeholder: "New STRIDE diagram description",
          thumbnail: "./public/content/images/thumbnail.stride.jpg",
          version: THREAT_DRAGON_VERSION,
          cells,
        },
      ],
      diagramTop: 1,
      reviewer: "",
      threatTop: threats.length,
    },
  };
}

export function exportThreatDragonJson(doc: ThreatModelDocument): string {
  return `${JSON.stringify(exportThreatDragon(doc), null, 2)}\n`;
}
