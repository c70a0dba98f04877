// Reading a Threat Dragon diagram file into a ThreatModelDocument. Threat Dragon hangs threats on
// diagram cells; ThreatDesk keeps them per model, so reading collects the threats of every cell
// (naming the element in the description), turns actors, processes and stores into assets and
// boundary cells into trust boundaries, and notes which flows cross each boundary.
import { modelDiagramRefusals, type DataFlow, type Diagram, type DiagramElement, type TrustBoundary } from "../diagram/diagram";
import { DIAGRAM_TEXT_LIMITS, MAX_DIAGRAMS_PER_MODEL } from "../diagram/schema";
import { emptyDocument, ZDocumentDiagram, type ThreatModelDocument } from "../model-document";
import { suggestPriority } from "../priority";
import type { Impact, ImplementationStatus, StrideCategory } from "../threat-model";
import { describeIssues } from "./json";
import {
  IMPACT_BY_SEVERITY,
  kindOf,
  KIND_LABEL,
  nameOf,
  NEAREST_STRIDE,
  NOT_APPLICABLE_JUSTIFICATION,
  STRIDE_BY_TYPE,
  THREAT_DRAGON_TYPE,
  ZThreatDragon,
  type ElementKind,
  type ImportWarning,
  type TdCell,
  type TdThreat,
  UNDRAWN_DIAGRAM_DESCRIPTION,
} from "./threat-dragon-format";
import { itemIdFor, labelOf, OUT_OF_SCOPE_WITHOUT_REASON, privilegeOf } from "./threat-dragon-diagram";

type Point = { x: number; y: number };
type Box = { x: number; y: number; width: number; height: number };

function boxOf(cell: TdCell): Box | null {
  const { position, size } = cell;
  if (typeof position?.x !== "number" || typeof position?.y !== "number") return null;
  return { x: position.x, y: position.y, width: size?.width ?? 0, height: size?.height ?? 0 };
}

function endpoint(end: TdCell["source"], boxes: Map<string, Box>): Point | null {
  if (!end) return null;
  if (end.cell) {
    const box = boxes.get(end.cell);
    return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
  }
  return typeof end.x === "number" && typeof end.y === "number" ? { x: end.x, y: end.y } : null;
}

function polyline(cell: TdCell, boxes: Map<string, Box>): Point[] | null {
  const from = endpoint(cell.source, boxes);
  const to = endpoint(cell.target, boxes);
  if (!from || !to) return null;
  const via = (cell.vertices ?? []).filter((v): v is Point => typeof v.x === "number" && typeof v.y === "number");
  return [from, ...via, to];
}

function orient(p: Point, q: Point, r: Point) {
  return Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
}

// Run millions of times for a large diagram: nothing is allocated or defined inside.
function segmentsCross(a: Point, b: Point, c: Point, d: Point) {
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

function polylinesCross(p: Point[], q: Point[]) {
  for (let i = 0; i + 1 < p.length; i++) for (let j = 0; j + 1 < q.length; j++) if (segmentsCross(p[i]!, p[i + 1]!, q[j]!, q[j + 1]!)) return true;
  return false;
}

/** How many segment tests `crosses` would make for the diagrams: flow segments × curve segments, plus one per flow and box. */
function crossingTests(diagrams: { cells: TdCell[] }[]): number {
  let total = 0;
  for (const { cells } of diagrams) {
    let flowSegments = 0;
    let flows = 0;
    let curveSegments = 0;
    let boxes = 0;
    for (const cell of cells) {
      const kind = kindOf(cell);
      const segments = (cell.vertices?.length ?? 0) + 1;
      if (kind === "flow") {
        flows++;
        flowSegments += segments;
      } else if (kind === "boundary-curve") curveSegments += segments;
      else if (kind === "boundary-box") boxes++;
    }
    total += flowSegments * curveSegments + flows * boxes;
  }
  return total;
}

const inside = (p: Point, box: Box) => p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;

/** A flow crosses a box when exactly one of its ends is inside, and a curve when the lines intersect. */
function crosses(flow: Point[], boundary: { kind: ElementKind; box: Box | null; line: Point[] | null }) {
  if (boundary.kind === "boundary-box" && boundary.box) return inside(flow[0]!, boundary.box) !== inside(flow[flow.length - 1]!, boundary.box);
  if (boundary.kind === "boundary-curve" && boundary.line) return polylinesCross(flow, boundary.line);
  return false;
}

function categoryOf(threat: TdThreat, where: string, warnings: ImportWarning[]): StrideCategory {
  const type = (threat.type ?? "").trim();
  const exact = STRIDE_BY_TYPE[type.toLowerCase()];
  if (exact) return exact;
  const nearest = NEAREST_STRIDE.find(([pattern]) => pattern.test(type))?.[1];
  const category = nearest ?? "TAMPERING";
  warnings.push({
    message: `${where}: the threat type ${type ? `"${type}"` : "(none)"} is not a STRIDE category; imported as ${THREAT_DRAGON_TYPE[category]}${nearest ? "" : " — check it"}.`,
  });
  return category;
}

function impactOf(threat: TdThreat, where: string, warnings: ImportWarning[]): Impact {
  const severity = (threat.severity ?? "").trim();
  const impact = IMPACT_BY_SEVERITY[severity.toLowerCase()];
  if (impact) return impact;
  warnings.push({ message: `${where}: severity ${severity ? `"${severity}"` : "(none)"} is not High, Medium or Low; imported as Medium impact.` });
  return "MEDIUM";
}

function firstLine(text: string, max = 200) {
  const line = text.split(/\r?\n/)[0]!.trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

export type ThreatDragonImport =
  | { ok: true; document: ThreatModelDocument; warnings: ImportWarning[]; sections: string[] }
  | { ok: false; errors: string[]; /** Why, when it is not the file's shape (a limit). */ message?: string };

// Which flows cross which boundary is found by testing every segment of every flow against every
// segment of every boundary curve: the work grows with their product, so a file of a few
// megabytes could ask for hours of it. Bounded three ways, each far above drawn diagrams.
/** Bend points (`vertices`) of one cell. */
export const MAX_VERTICES_PER_CELL = 500;
/** Bend points of the whole file. */
export const MAX_VERTICES_TOTAL = 20_000;
/** Flow segment × boundary segment tests, summed over the diagrams (a box boundary counts one per flow). */
export const MAX_CROSSING_TESTS = 5_000_000;

const TOO_INTRICATE = "This Threat Dragon file's diagrams are too large to read: simplify them or split the model into several files.";

const count = (n: number) => n.toLocaleString("en");

/**
 * The vertex limits, checked on the raw value before the shape is: counting is cheap, while
 * checking the shape of half a million points is not.
 */
function vertexLimits(value: unknown): string[] {
  const diagrams = (value as { detail?: { diagrams?: unknown } } | null)?.detail?.diagrams;
  if (!Array.isArray(diagrams)) return [];
  const errors: string[] = [];
  let total = 0;
  diagrams.forEach((diagram: unknown, d) => {
    const cells = (diagram as { cells?: unknown } | null)?.cells;
    if (!Array.isArray(cells)) return;
    cells.forEach((cell: unknown, c) => {
      const vertices = (cell as { vertices?: unknown } | null)?.vertices;
      if (!Array.isArray(vertices)) return;
      total += vertices.length;
      if (vertices.length > MAX_VERTICES_PER_CELL && errors.length < 10) {
        errors.push(
          `detail.diagrams.${d}.cells.${c}.vertices: ${count(vertices.length)} bend points; at most ${count(MAX_VERTICES_PER_CELL)} a cell are read.`,
        );
      }
    });
  });
  if (total > MAX_VERTICES_TOTAL) errors.push(`detail.diagrams: ${count(total)} bend points in all; at most ${count(MAX_VERTICES_TOTAL)} a file are read.`);
  return errors;
}

/** Reads an already-parsed Threat Dragon v2 file. A wrong shape gives "path: message" errors. */
export function importThreatDragon(value: unknown): ThreatDragonImport {
  const tooMany = vertexLimits(value);
  if (tooMany.length) return { ok: false, message: TOO_INTRICATE, errors: tooMany };
  const parsed = ZThreatDragon.safeParse(value);
  if (!parsed.success) {
    const legacy = (value as { detail?: { diagrams?: { diagramJson?: unknown }[] } })?.detail?.diagrams;
    if (Array.isArray(legacy) && legacy.some((d) => d && typeof d === "object" && "diagramJson" in d)) {
      return {
        ok: false,
        errors: [
          "detail.diagrams: this is a Threat Dragon version 1 file (diagramJson); open it in Threat Dragon 2 and save it to convert it, then import that file.",
        ],
      };
    }
    return { ok: false, errors: describeIssues(parsed.error.issues) };
  }
  const td = parsed.data;
  const tests = crossingTests(td.detail.diagrams);
  if (tests > MAX_CROSSING_TESTS) {
    return {
      ok: false,
      message: TOO_INTRICATE,
      errors: [
        `detail.diagrams: finding which flows cross which trust boundaries takes ${count(tests)} segment tests; at most ${count(MAX_CROSSING_TESTS)} are done.`,
      ],
    };
  }
  const warnings: ImportWarning[] = [];
  const doc = emptyDocument(td.summary.title.trim().slice(0, 200));
  doc.ownerTeam = (td.summary.owner ?? "").trim();
  doc.overview = (td.summary.description ?? "").trim();
  const modelName = doc.title.toLowerCase();

  /** Asset index by lower-cased name: elements of one name are one asset. */
  const assetIndex = new Map<string, number>();
  const mitigationByText = new Map<string, string>();
  const flowLines: string[] = [];
  const sections = new Set<string>(["Summary"]);
  const usedIds = new Set<string>();
  const dismissed = new Set<string>();
  const diagrams: Diagram[] = [];
  const drawnDiagrams = td.detail.diagrams.filter((diagram) => !isUndrawn(diagram)).length;
  if (drawnDiagrams > MAX_DIAGRAMS_PER_MODEL) {
    return {
      ok: false,
      message: CANNOT_IMPORT_DIAGRAMS,
      errors: [`The file has ${drawnDiagrams} diagrams; a threat model holds at most ${MAX_DIAGRAMS_PER_MODEL}.`],
    };
  }

  td.detail.diagrams.forEach((diagram, d) => {
    if (diagram.diagramType && diagram.diagramType.toUpperCase() !== "STRIDE") {
      warnings.push({
        message: `Diagram "${diagram.title ?? d + 1}" is a ${diagram.diagramType} diagram; its threat types are read as the nearest STRIDE category.`,
      });
    }
    const cells = diagram.cells;
    // The diagram an export adds for rows no diagram shows gives those rows, and no diagram.
    const drawn = !isUndrawn(diagram);
    const boxes = new Map<string, Box>();
    for (const cell of cells) {
      const box = boxOf(cell);
      if (box && cell.id !== undefined && cell.id !== null) boxes.set(String(cell.id), box);
    }
    const names = new Map(cells.map((c) => [String(c.id ?? ""), nameOf(c, kindOf(c))]));
    const boundaries: { index: number; kind: ElementKind; box: Box | null; line: Point[] | null; crossing: string[] }[] = [];

    // Cell id → item id, for every cell that becomes an element, flow or boundary.
    const itemIds = new Map<string, string>();
    const elementCells = new Set<string>();
    cells.forEach((cell, c) => {
      const kind = kindOf(cell);
      if (kind === "text" || kind === "other") return;
      const cellId = cellKey(cell, d, c);
      if (!itemIds.has(cellId)) itemIds.set(cellId, itemIdFor(cellId, usedIds));
      if (kind === "actor" || kind === "process" || kind === "store") elementCells.add(cellId);
    });
    // A flow must join two elements; Threat Dragon lets one end loose in the canvas.
    const joined = (cell: TdCell) =>
      Boolean(cell.source?.cell && cell.target?.cell && elementCells.has(cell.source.cell) && elementCells.has(cell.target.cell));
    const out: Diagram = {
      id: `diagram-${d + 1}`,
      name: (diagram.title ?? "").trim().slice(0, DIAGRAM_TEXT_LIMITS.name) || `Diagram ${d + 1}`,
      elements: [],
      flows: [],
      boundaries: [],
    };

    cells.forEach((cell, c) => {
      const kind = kindOf(cell);
      const name = nameOf(cell, kind);
      const cellId = cellKey(cell, d, c);
      const itemId = itemIds.get(cellId);
      const common = itemId ? itemOf(cell, itemId, name) : null;
      if (kind === "boundary-box" || kind === "boundary-curve") {
        doc.trustBoundaries.push({ name, description: (cell.data?.description ?? "").trim(), crossing: "" });
        const index = doc.trustBoundaries.length - 1;
        boundaries.push({
          index,
          kind,
          box: boxOf(cell),
          line: kind === "boundary-curve" ? polyline(cell, new Map()) : null,
          crossing: [],
        });
        sections.add("Trust boundaries");
        if (drawn && common) {
          const key = `B${index + 1}`;
          doc.trustBoundaries[index]!.key = key;
          out.boundaries.push(boundaryOf(cell, kind, common, key, boxes));
        }
      } else if (kind === "actor" || kind === "process" || kind === "store") {
        // The process a ThreatDesk export writes for the model itself is not an asset.
        const isModelItself = kind === "process" && name.toLowerCase() === modelName;
        let index = assetIndex.get(name.toLowerCase());
        if (!isModelItself && index === undefined) {
          doc.assets.push({ name, classification: "INTERNAL", compromiseImpact: (cell.data?.description ?? "").trim() });
          index = doc.assets.length - 1;
          assetIndex.set(name.toLowerCase(), index);
          sections.add("Assets");
        }
        if (drawn && common) {
          let assetIds: string[] | undefined;
          if (!isModelItself && index !== undefined) {
            const asset = doc.assets[index]!;
            asset.key ??= `A${index + 1}`;
            assetIds = [asset.key];
          }
          out.elements.push(
            elementOf(cell, kind, { ...common, ...(assetIds ? { assetIds } : {}) }, warnings, `diagram ${d + 1}, ${KIND_LABEL[kind]} "${name}"`),
          );
        }
      } else if (kind === "flow" && drawn && common) {
        if (joined(cell)) out.flows.push(flowOf(cell, common, itemIds));
        else
          warnings.push({
            message: `diagram ${d + 1}, data flow "${name}": one of its ends is joined to no actor, process or store, so it is left out of the diagram (its threats are kept).`,
          });
      }
      // Threats hang on the item the cell became: kept elements and flows.
      const on = drawn && itemId && (elementCells.has(cellId) || (kind === "flow" && joined(cell))) ? itemId : null;

      const threats = [...(cell.data?.threats ?? []), ...(cell.threats ?? [])];
      const isModelItself = kind === "process" && name.toLowerCase() === modelName;
      threats.forEach((threat, t) => {
        const title = (threat.title ?? "").trim() || `Untitled threat on ${name}`;
        const where = `diagram ${d + 1}, ${KIND_LABEL[kind]} "${name}", threat "${title}"`;
        if (!threat.title?.trim())
          warnings.push({ message: `diagram ${d + 1}, ${KIND_LABEL[kind]} "${name}", threat ${t + 1} has no title; named "${title}".` });
        const category = categoryOf(threat, where, warnings);
        const impact = impactOf(threat, where, warnings);
        const status = (threat.status ?? "").trim().toLowerCase();
        const notApplicable = status === "notapplicable" || status === "not applicable";
        const mitigated = status === "mitigated";
        if (status && !notApplicable && !mitigated && status !== "open")
          warnings.push({ message: `${where}: status "${threat.status}" is not Open, Mitigated or NotApplicable; read as Open.` });
        const description = (threat.description ?? "").trim();
        const element = isModelItself ? "" : `Threat Dragon element: ${name} (${KIND_LABEL[kind]})`;

        const mitigationKeys: string[] = [];
        const mitigationText = (threat.mitigation ?? "").trim();
        if (mitigationText || mitigated) {
          const known = mitigationText ? mitigationByText.get(mitigationText) : undefined;
          if (known) mitigationKeys.push(known);
          else {
            const key = `M${doc.mitigations.length + 1}`;
            const [head = "", ...rest] = mitigationText.split(/\r?\n/);
            const status: ImplementationStatus = mitigated ? "IMPLEMENTED" : "NOT_STARTED";
            doc.mitigations.push({
              key,
              title: mitigationText ? firstLine(mitigationText) : firstLine(`Mitigation of “${title}”`),
              // A first line cut to fit the title keeps the whole text in the description.
              description: firstLine(head) === head.trim() ? rest.join("\n").trim() : mitigationText,
              status,
              taskRef: "",
              implementedIn: "",
              dueDate: null,
            });
            if (mitigationText) mitigationByText.set(mitigationText, key);
            mitigationKeys.push(key);
          }
        }
        doc.threats.push({
          category,
          title: title.slice(0, 200),
          description: [description, element].filter(Boolean).join("\n\n"),
          attackVectors: [],
          likelihood: "MEDIUM",
          impact,
          priority: suggestPriority("MEDIUM", impact),
          ...(notApplicable ? { residualRisk: "VERY_LOW" as const, residualRiskJustification: NOT_APPLICABLE_JUSTIFICATION } : {}),
          mitigationKeys,
          ...(on ? { elementIds: [on] } : {}),
        });
        // Not applicable here is also an answer to the suggestion of this category for this element.
        if (notApplicable && on && !dismissed.has(`${category} ${on}`)) {
          dismissed.add(`${category} ${on}`);
          (doc.suggestionDismissals ??= []).push({ elementId: on, category, reason: (description || NOT_APPLICABLE_JUSTIFICATION).slice(0, 20_000) });
        }
        sections.add("Threats");
      });
    });

    cells.forEach((cell) => {
      if (kindOf(cell) !== "flow") return;
      const name = nameOf(cell, "flow");
      const from = cell.source?.cell ? names.get(cell.source.cell) : undefined;
      const to = cell.target?.cell ? names.get(cell.target.cell) : undefined;
      flowLines.push(`- ${from ?? "?"} → ${to ?? "?"}: ${name}`);
      const line = polyline(cell, boxes);
      if (!line) return;
      for (const boundary of boundaries) if (crosses(line, boundary)) boundary.crossing.push(name);
    });
    for (const boundary of boundaries) doc.trustBoundaries[boundary.index]!.crossing = [...new Set(boundary.crossing)].join(", ");
    if (drawn) diagrams.push(out);
  });

  const refusals = diagramProblems(diagrams);
  if (refusals.length) return { ok: false, message: CANNOT_IMPORT_DIAGRAMS, errors: refusals };
  doc.diagrams = diagrams;

  if (flowLines.length) {
    doc.dataFlow = flowLines.join("\n");
    sections.add("Data flow");
  }
  if (doc.mitigations.length) sections.add("Mitigations");
  if (td.detail.diagrams.length === 0) warnings.push({ message: "The file has no diagrams, so no threats, assets or boundaries were found." });
  return { ok: true, document: doc, warnings, sections: [...sections] };
}

// ─── Cells as diagram items ─────────────────────────────────────────────────────────────

const CANNOT_IMPORT_DIAGRAMS = "This Threat Dragon file's diagrams cannot be imported as they are: change them in Threat Dragon and export again.";

function isUndrawn(diagram: object) {
  const description = (diagram as { description?: unknown }).description;
  return typeof description === "string" && description.trim() === UNDRAWN_DIAGRAM_DESCRIPTION;
}

/** The cell's id as the file gives it; a cell without one is named by where it is. */
const cellKey = (cell: TdCell, d: number, c: number) =>
  cell.id === undefined || cell.id === null || cell.id === "" ? `cell-${d + 1}-${c + 1}` : String(cell.id);

const data = (cell: TdCell) => (cell.data ?? {}) as Record<string, unknown>;
const flag = (cell: TdCell, key: string) => data(cell)[key] === true;
const words = (cell: TdCell, key: string, max: number) => {
  const value = data(cell)[key];
  return typeof value === "string" ? value.trim().slice(0, max) : "";
};

type Common = { id: string; name: string; description: string; outOfScope: boolean; outOfScopeReason: string };

function itemOf(cell: TdCell, id: string, name: string): Common {
  const outOfScope = flag(cell, "outOfScope");
  const reason = words(cell, "reasonOutOfScope", DIAGRAM_TEXT_LIMITS.text);
  return {
    id,
    name: name.slice(0, DIAGRAM_TEXT_LIMITS.name),
    description: words(cell, "description", DIAGRAM_TEXT_LIMITS.text),
    outOfScope,
    // ThreatDesk asks why something is left out; Threat Dragon does not insist.
    outOfScopeReason: outOfScope && !reason ? OUT_OF_SCOPE_WITHOUT_REASON : reason,
  };
}

function positionOf(cell: TdCell) {
  const { position, size } = cell;
  if (typeof position?.x !== "number" || typeof position?.y !== "number") return null;
  return {
    x: position.x,
    y: position.y,
    ...(typeof size?.width === "number" ? { width: size.width } : {}),
    ...(typeof size?.height === "number" ? { height: size.height } : {}),
  };
}

function elementOf(
  cell: TdCell,
  kind: "actor" | "process" | "store",
  item: Common & { assetIds?: string[] },
  warnings: ImportWarning[],
  where: string,
): DiagramElement {
  const position = positionOf(cell);
  // Threat Dragon does not say whether an actor is a person or a system: ThreatDesk's default stands.
  if (kind === "actor") return { ...item, kind: "entity", actor: "system", position };
  if (kind === "store")
    return {
      ...item,
      kind: "store",
      holdsCredentials: flag(cell, "storesCredentials"),
      isLog: flag(cell, "isALog"),
      encryptedAtRest: flag(cell, "isEncrypted"),
      position,
    };
  const level = words(cell, "privilegeLevel", 200);
  const privilege = privilegeOf(level);
  if (level && !privilege) warnings.push({ message: `${where}: the privilege level "${level}" is not user, service, admin or system; read as service.` });
  return { ...item, kind: "process", privilege: privilege ?? "service", handlesUntrustedInput: flag(cell, "handlesUntrustedInput"), position };
}

function flowOf(cell: TdCell, item: Common, itemIds: Map<string, string>): DataFlow {
  const label = labelOf(cell.labels);
  const name = words(cell, "name", DIAGRAM_TEXT_LIMITS.name) || label.slice(0, DIAGRAM_TEXT_LIMITS.name);
  return {
    ...item,
    name,
    kind: "flow",
    from: itemIds.get(cell.source!.cell!)!,
    to: itemIds.get(cell.target!.cell!)!,
    // Threat Dragon shows the flow's name as its label: only a label of its own is one.
    label: label === name ? "" : label.slice(0, DIAGRAM_TEXT_LIMITS.label),
    protocol: words(cell, "protocol", DIAGRAM_TEXT_LIMITS.protocol),
    encrypted: flag(cell, "isEncrypted"),
    crossesPublicNetwork: flag(cell, "isPublicNetwork"),
    authenticated: false,
  };
}

function boundaryOf(cell: TdCell, kind: "boundary-box" | "boundary-curve", item: Common, key: string, boxes: Map<string, Box>): TrustBoundary {
  if (kind === "boundary-box") {
    const box = boxOf(cell) ?? { x: 0, y: 0, width: 0, height: 0 };
    return { ...item, trustBoundaryId: key, kind: "box", ...box };
  }
  return { ...item, trustBoundaryId: key, kind: "line", points: polyline(cell, boxes) ?? [] };
}

/** Why the diagrams read cannot be kept: the limits every diagram keeps, and the document's own. */
function diagramProblems(diagrams: Diagram[]): string[] {
  const refusals = modelDiagramRefusals(diagrams);
  for (const diagram of diagrams) {
    for (const boundary of diagram.boundaries) {
      if (boundary.kind === "line" && boundary.points.length > MAX_LINE_POINTS)
        refusals.push(
          `Diagram "${diagram.name}": the trust boundary "${boundary.name}" has ${boundary.points.length} points; at most ${MAX_LINE_POINTS} are kept.`,
        );
    }
  }
  if (refusals.length) return refusals.slice(0, 20);
  // What the checks above do not name (a negative size) is still refused, by the document's schema.
  const parsed = ZDocumentDiagram.array().safeParse(diagrams);
  return parsed.success ? [] : describeIssues(parsed.error.issues).map((line) => `diagrams${line.startsWith("[") ? "" : "."}${line}`);
}

/** How many points a boundary line of a document holds. */
const MAX_LINE_POINTS = 500;
