// Writing a ThreatModelDocument as a Threat Dragon v2 file.
import type { DataFlow, Diagram, DiagramElement, TrustBoundary } from "../diagram/diagram";
import type { ThreatModelDocument } from "../model-document";
import { CELL_OF_KIND, cellIdFor, OUT_OF_SCOPE_WITHOUT_REASON, wholePoint } from "./threat-dragon-diagram";
import {
  NOT_APPLICABLE_JUSTIFICATION,
  SEVERITY_BY_IMPACT,
  THREAT_DRAGON_TYPE,
  THREAT_DRAGON_VERSION,
  UNDRAWN_DIAGRAM_DESCRIPTION,
} from "./threat-dragon-format";

const CELL_SIZE = { width: 160, height: 80 };
/** Threat Dragon's published schema: no cell narrower or lower than this. */
const MIN_SIZE = 10;

type TdThreat = { status: string } & Record<string, unknown>;
type Cell = Record<string, unknown>;

// The importer names a threat's element in its description; the element is the cell it is on now.
const ELEMENT_NOTE = /(?:\n\n|^)Threat Dragon element: [^\n]*$/;

/**
 * A Threat Dragon v2 file: a diagram per document diagram, its elements, flows and boundaries as
 * cells at their positions, each threat on the cells it is attached to. What no drawn diagram
 * shows goes on one more diagram, as a file without diagrams has always been written: a
 * data-store cell per asset, a boundary box per trust boundary, and one process named after the
 * model carrying the threats on no element (Threat Dragon has no model-level threats).
 * Likelihood, priorities, scenarios, controls, invariants and residual risks have no place in the
 * format and are left out.
 */
export function exportThreatDragon(doc: ThreatModelDocument) {
  const mitigations = new Map(doc.mitigations.map((m) => [m.key, m]));
  const threats: TdThreat[] = doc.threats.map((t, i) => {
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
      description: t.elementIds?.length ? t.description.replace(ELEMENT_NOTE, "") : t.description,
      mitigation: linked.map((m) => (m.description ? `${m.title}\n${m.description}` : m.title)).join("\n"),
      modelType: "STRIDE",
      new: false,
      number: i + 1,
      score: "",
    };
  });

  const drawn = doc.diagrams ?? [];
  const placed = new Set(drawn.flatMap((d) => [...d.elements, ...d.flows].map((item) => item.id)));
  const threatsOn = new Map<string, TdThreat[]>();
  const unattached: TdThreat[] = [];
  doc.threats.forEach((t, i) => {
    const on = [...new Set(t.elementIds ?? [])].filter((id) => placed.has(id));
    if (!on.length) unattached.push(threats[i]!);
    for (const id of on) threatsOn.set(id, [...(threatsOn.get(id) ?? []), threats[i]!]);
  });

  const diagrams = drawn.map((diagram, i) => tdDiagram(i, diagram.name, "", drawnCells(diagram, threatsOn)));
  const assetKeys = new Set(drawn.flatMap((d) => d.elements.flatMap((e) => e.assetIds ?? [])));
  const boundaryKeys = new Set(drawn.flatMap((d) => d.boundaries.map((b) => b.trustBoundaryId).filter((k) => k !== null)));
  const assets = doc.assets.filter((a) => !a.key || !assetKeys.has(a.key));
  const trustBoundaries = doc.trustBoundaries.filter((b) => !b.key || !boundaryKeys.has(b.key));
  if (!drawn.length || unattached.length || assets.length || trustBoundaries.length) {
    const cells = undrawnCells(doc, unattached, assets, trustBoundaries, !drawn.length || unattached.length > 0);
    diagrams.push(tdDiagram(diagrams.length, doc.title, UNDRAWN_DIAGRAM_DESCRIPTION, cells));
  }
  return {
    version: THREAT_DRAGON_VERSION,
    summary: { title: doc.title, owner: doc.ownerTeam, description: doc.overview, id: 0 },
    detail: {
      contributors: [],
      diagrams,
      diagramTop: diagrams.length,
      reviewer: "",
      threatTop: threats.length,
    },
  };
}

function tdDiagram(id: number, title: string, description: string, cells: Cell[]) {
  return {
    id,
    title,
    diagramType: "STRIDE",
    placeholder: "New STRIDE diagram description",
    thumbnail: "./public/content/images/thumbnail.stride.jpg",
    version: THREAT_DRAGON_VERSION,
    ...(description ? { description } : {}),
    cells,
  };
}

const hasOpen = (threats: TdThreat[]) => threats.some((t) => t.status === "Open");

function scope(item: { description: string; outOfScope: boolean; outOfScopeReason: string }) {
  return {
    description: item.description,
    outOfScope: item.outOfScope,
    reasonOutOfScope: item.outOfScopeReason === OUT_OF_SCOPE_WITHOUT_REASON ? "" : item.outOfScopeReason,
  };
}

function drawnCells(diagram: Diagram, threatsOn: Map<string, TdThreat[]>): Cell[] {
  let zIndex = 1;
  const cells: Cell[] = [];
  for (const boundary of diagram.boundaries) cells.push(boundaryCell(boundary));
  diagram.elements.forEach((element, i) => cells.push(elementCell(element, i, zIndex++, threatsOn.get(element.id) ?? [])));
  for (const flow of diagram.flows) cells.push(flowCell(flow, zIndex++, threatsOn.get(flow.id) ?? []));
  return cells;
}

function elementCell(element: DiagramElement, i: number, zIndex: number, threats: TdThreat[]): Cell {
  const cell = CELL_OF_KIND[element.kind];
  // An element no layout has placed yet goes on a grid.
  const p = element.position ?? { x: 40 + (i % 4) * 200, y: 40 + Math.floor(i / 4) * 140 };
  const base = { type: cell.type, name: element.name, ...scope(element), hasOpenThreats: hasOpen(threats), threats };
  const data =
    element.kind === "entity"
      ? { ...base, providesAuthentication: false }
      : element.kind === "process"
        ? { ...base, handlesCardPayment: false, handlesGoodsOrServices: false, isWebApplication: false, privilegeLevel: element.privilege }
        : {
            ...base,
            isALog: element.isLog,
            isEncrypted: element.encryptedAtRest,
            isSigned: false,
            storesCredentials: element.holdsCredentials,
            storesInventory: false,
          };
  return {
    id: cellIdFor(element.id),
    shape: cell.shape,
    position: { x: p.x, y: p.y },
    size: { width: Math.max(MIN_SIZE, p.width ?? cell.width), height: Math.max(MIN_SIZE, p.height ?? cell.height) },
    attrs: { text: { text: element.name } },
    visible: true,
    zIndex,
    data,
  };
}

function flowCell(flow: DataFlow, zIndex: number, threats: TdThreat[]): Cell {
  const label = flow.label || flow.name;
  return {
    id: cellIdFor(flow.id),
    shape: "flow",
    attrs: { line: { stroke: "#333333", targetMarker: { name: "block" }, sourceMarker: { name: "" }, strokeDasharray: null } },
    ...(label ? { labels: [label] } : {}),
    connector: "smooth",
    source: { cell: cellIdFor(flow.from) },
    target: { cell: cellIdFor(flow.to) },
    vertices: [],
    zIndex,
    data: {
      type: "tm.Flow",
      name: flow.name,
      ...scope(flow),
      protocol: flow.protocol,
      isEncrypted: flow.encrypted,
      isPublicNetwork: flow.crossesPublicNetwork,
      isBidirectional: false,
      hasOpenThreats: hasOpen(threats),
      threats,
    },
  };
}

function boundaryCell(boundary: TrustBoundary): Cell {
  const data = { name: boundary.name, description: boundary.description, isTrustBoundary: true, hasOpenThreats: false };
  if (boundary.kind === "box") {
    return {
      id: cellIdFor(boundary.id),
      shape: "trust-boundary-box",
      position: { x: boundary.x, y: boundary.y },
      size: { width: Math.max(MIN_SIZE, boundary.width), height: Math.max(MIN_SIZE, boundary.height) },
      attrs: { label: { text: boundary.name } },
      zIndex: -1,
      data: { type: "tm.BoundaryBox", ...data },
    };
  }
  const points = boundary.points;
  return {
    id: cellIdFor(boundary.id),
    shape: "trust-boundary-curve",
    ...(boundary.name ? { labels: [boundary.name] } : {}),
    connector: "smooth",
    source: wholePoint(points[0] ?? { x: 0, y: 0 }),
    target: wholePoint(points[points.length - 1] ?? { x: 0, y: 0 }),
    vertices: points.slice(1, -1),
    zIndex: 10,
    data: { type: "tm.Boundary", ...data },
  };
}

/** The cells for what no drawn diagram shows, laid out as a file without diagrams has always been written. */
function undrawnCells(
  doc: ThreatModelDocument,
  threats: TdThreat[],
  assets: ThreatModelDocument["assets"],
  trustBoundaries: ThreatModelDocument["trustBoundaries"],
  withModel: boolean,
): Cell[] {
  const cells: Cell[] = [];
  let zIndex = 1;
  if (withModel) {
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
        hasOpenThreats: hasOpen(threats),
        threats,
      },
    });
  }
  assets.forEach((a, i) => {
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
  const top = 80 + Math.ceil((assets.length + 1) / 4) * 140;
  trustBoundaries.forEach((b, i) => {
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
  return cells;
}

export function exportThreatDragonJson(doc: ThreatModelDocument): string {
  return `${JSON.stringify(exportThreatDragon(doc), null, 2)}\n`;
}
