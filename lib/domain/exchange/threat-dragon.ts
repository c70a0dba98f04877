// OWASP Threat Dragon v2 models (https://owasp.org/www-project-threat-dragon/): reading a diagram
// file into a ThreatModelDocument, and writing one back. Threat Dragon hangs threats on diagram
// cells; ThreatDesk keeps them per model, so reading collects the threats of every cell (naming
// the element in the description), turns actors, processes and stores into assets and boundary
// cells into trust boundaries, and notes which flows cross each boundary.
import { z } from "zod";
import { emptyDocument, type ThreatModelDocument } from "../model-document";
import { suggestPriority } from "../priority";
import type { Impact, ImplementationStatus, StrideCategory } from "../threat-model";
import { describeIssues } from "./json";

export const THREAT_DRAGON_VERSION = "2.2.0";
/** What a "NotApplicable" threat becomes: no residual risk to speak of, with this as the reason. */
export const NOT_APPLICABLE_JUSTIFICATION = "Marked not applicable in Threat Dragon.";

export type ImportWarning = { line?: number; message: string };

const str = z.string().nullable().optional();
const num = z.number().nullable().optional();
const point = z.looseObject({ x: num, y: num });
const ZTdThreat = z.looseObject({ title: str, type: str, status: str, severity: str, description: str, mitigation: str });
const ZTdCell = z.looseObject({
  id: z.union([z.string(), z.number()]).nullable().optional(),
  shape: str,
  position: point.nullable().optional(),
  size: z.looseObject({ width: num, height: num }).nullable().optional(),
  source: z.looseObject({ cell: str, x: num, y: num }).nullable().optional(),
  target: z.looseObject({ cell: str, x: num, y: num }).nullable().optional(),
  vertices: z.array(point).nullable().optional(),
  attrs: z.looseObject({}).nullable().optional(),
  labels: z.array(z.unknown()).nullable().optional(),
  data: z
    .looseObject({ type: str, name: str, description: str, outOfScope: z.boolean().nullable().optional(), threats: z.array(ZTdThreat).nullable().optional() })
    .nullable()
    .optional(),
  threats: z.array(ZTdThreat).nullable().optional(),
});
const ZThreatDragon = z.looseObject({
  version: z.union([z.string(), z.number()]).nullable().optional(),
  summary: z.looseObject({ title: z.string().trim().min(1, "must not be empty"), owner: str, description: str }),
  detail: z.looseObject({
    contributors: z.array(z.looseObject({ name: str })).nullable().optional(),
    diagrams: z.array(z.looseObject({ id: z.union([z.string(), z.number()]).nullable().optional(), title: str, diagramType: str, cells: z.array(ZTdCell) })),
  }),
});
type TdCell = z.infer<typeof ZTdCell>;
type TdThreat = z.infer<typeof ZTdThreat>;

/** True when the value has Threat Dragon's `detail.diagrams`. */
export function isThreatDragon(value: unknown): boolean {
  const detail = typeof value === "object" && value !== null ? (value as { detail?: unknown }).detail : undefined;
  return typeof detail === "object" && detail !== null && "diagrams" in detail;
}

const STRIDE_BY_TYPE: Record<string, StrideCategory> = {
  spoofing: "SPOOFING",
  tampering: "TAMPERING",
  repudiation: "REPUDIATION",
  "information disclosure": "INFORMATION_DISCLOSURE",
  "denial of service": "DENIAL_OF_SERVICE",
  "elevation of privilege": "ELEVATION_OF_PRIVILEGE",
};
export const THREAT_DRAGON_TYPE: Record<StrideCategory, string> = {
  SPOOFING: "Spoofing",
  TAMPERING: "Tampering",
  REPUDIATION: "Repudiation",
  INFORMATION_DISCLOSURE: "Information disclosure",
  DENIAL_OF_SERVICE: "Denial of service",
  ELEVATION_OF_PRIVILEGE: "Elevation of privilege",
};
/** Other model types Threat Dragon offers (CIA, LINDDUN…), read as the nearest STRIDE category. */
const NEAREST_STRIDE: [RegExp, StrideCategory][] = [
  [/spoof|authenticat|identif/i, "SPOOFING"],
  [/tamper|integrity/i, "TAMPERING"],
  [/repudiat/i, "REPUDIATION"],
  [/disclos|confidential|privacy|linkab|detectab|unawareness/i, "INFORMATION_DISCLOSURE"],
  [/denial|availability/i, "DENIAL_OF_SERVICE"],
  [/privilege|elevation|authoriz/i, "ELEVATION_OF_PRIVILEGE"],
];

const IMPACT_BY_SEVERITY: Record<string, Impact> = { high: "HIGH", medium: "MEDIUM", low: "LOW", critical: "CRITICAL" };
const SEVERITY_BY_IMPACT: Record<Impact, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "High" };

type ElementKind = "actor" | "process" | "store" | "flow" | "boundary-box" | "boundary-curve" | "text" | "other";
const KIND_LABEL: Record<ElementKind, string> = {
  actor: "actor",
  process: "process",
  store: "data store",
  flow: "data flow",
  "boundary-box": "trust boundary",
  "boundary-curve": "trust boundary",
  text: "text",
  other: "element",
};

function kindOf(cell: TdCell): ElementKind {
  const type = (cell.data?.type ?? "").toLowerCase();
  const shape = (cell.shape ?? "").toLowerCase();
  // Threat Dragon 2.0 spelled the curve "trust-broundary-curve"; both spellings are in the wild.
  if (type === "tm.boundarybox" || /^trust-br?oundary-box$/.test(shape)) return "boundary-box";
  if (type === "tm.boundary" || /^trust-br?oundary-curve$/.test(shape)) return "boundary-curve";
  if (type === "tm.actor" || shape === "actor") return "actor";
  if (type === "tm.process" || shape === "process") return "process";
  if (type === "tm.store" || shape === "store") return "store";
  if (type === "tm.flow" || shape === "flow") return "flow";
  if (type === "tm.text" || shape === "td-text-block") return "text";
  return "other";
}

function textOf(attrs: unknown, ...keys: string[]): string {
  for (const key of keys) {
    const part = (attrs as Record<string, { text?: unknown } | undefined> | null | undefined)?.[key];
    if (part && typeof part.text === "string" && part.text.trim()) return part.text.trim();
  }
  return "";
}

function nameOf(cell: TdCell, kind: ElementKind): string {
  const label = cell.labels?.find((l): l is string => typeof l === "string" && l.trim() !== "");
  return (cell.data?.name ?? "").trim() || textOf(cell.attrs, "text", "label", "labelText") || label?.trim() || `Unnamed ${KIND_LABEL[kind]}`;
}

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

function segmentsCross(a: Point, b: Point, c: Point, d: Point) {
  const orient = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

function polylinesCross(p: Point[], q: Point[]) {
  for (let i = 0; i + 1 < p.length; i++) for (let j = 0; j + 1 < q.length; j++) if (segmentsCross(p[i]!, p[i + 1]!, q[j]!, q[j + 1]!)) return true;
  return false;
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

export type ThreatDragonImport = { ok: true; document: ThreatModelDocument; warnings: ImportWarning[]; sections: string[] } | { ok: false; errors: string[] };

/** Reads an already-parsed Threat Dragon v2 file. A wrong shape gives "path: message" errors. */
export function importThreatDragon(value: unknown): ThreatDragonImport {
  const parsed = ZThreatDragon.safeParse(value);
  if (!parsed.success) {
    const legacy = (value as { detail?: { diagrams?: { diagramJson?: unknown }[] } })?.detail?.diagrams;
    if (Array.isArray(legacy) && legacy.some((d) => d && typeof d === "object" && "diagramJson" in d)) {
      return { ok: false, errors: ["detail.diagrams: this is a Threat Dragon version 1 file (diagramJson); open it in Threat Dragon 2 and save it to convert it, then import that file."] };
    }
    return { ok: false, errors: describeIssues(parsed.error.issues) };
  }
  const td = parsed.data;
  const warnings: ImportWarning[] = [];
  const doc = emptyDocument(td.summary.title.trim().slice(0, 200));
  doc.ownerTeam = (td.summary.owner ?? "").trim();
  doc.overview = (td.summary.description ?? "").trim();
  const modelName = doc.title.toLowerCase();

  const assetNames = new Set<string>();
  const mitigationByText = new Map<string, string>();
  const flowLines: string[] = [];
  const sections = new Set<string>(["Summary"]);

  td.detail.diagrams.forEach((diagram, d) => {
    if (diagram.diagramType && diagram.diagramType.toUpperCase() !== "STRIDE") {
      warnings.push({ message: `Diagram "${diagram.title ?? d + 1}" is a ${diagram.diagramType} diagram; its threat types are read as the nearest STRIDE category.` });
    }
    const cells = diagram.cells;
    const boxes = new Map<string, Box>();
    for (const cell of cells) {
      const box = boxOf(cell);
      if (box && cell.id !== undefined && cell.id !== null) boxes.set(String(cell.id), box);
    }
    const names = new Map(cells.map((c) => [String(c.id ?? ""), nameOf(c, kindOf(c))]));
    const boundaries: { index: number; kind: ElementKind; box: Box | null; line: Point[] | null; crossing: string[] }[] = [];

    cells.forEach((cell) => {
      const kind = kindOf(cell);
      const name = nameOf(cell, kind);
      if (kind === "boundary-box" || kind === "boundary-curve") {
        doc.trustBoundaries.push({ name, description: (cell.data?.description ?? "").trim(), crossing: "" });
        boundaries.push({ index: doc.trustBoundaries.length - 1, kind, box: boxOf(cell), line: kind === "boundary-curve" ? polyline(cell, new Map()) : null, crossing: [] });
        sections.add("Trust boundaries");
      } else if (kind === "actor" || kind === "process" || kind === "store") {
        // The process a ThreatDesk export writes for the model itself is not an asset.
        const isModelItself = kind === "process" && name.toLowerCase() === modelName;
        if (!isModelItself && !assetNames.has(name.toLowerCase())) {
          assetNames.add(name.toLowerCase());
          doc.assets.push({ name, classification: "INTERNAL", compromiseImpact: (cell.data?.description ?? "").trim() });
          sections.add("Assets");
        }
      }

      const threats = [...(cell.data?.threats ?? []), ...(cell.threats ?? [])];
      const isModelItself = kind === "process" && name.toLowerCase() === modelName;
      threats.forEach((threat, t) => {
        const title = (threat.title ?? "").trim() || `Untitled threat on ${name}`;
        const where = `diagram ${d + 1}, ${KIND_LABEL[kind]} "${name}", threat "${title}"`;
        if (!threat.title?.trim()) warnings.push({ message: `diagram ${d + 1}, ${KIND_LABEL[kind]} "${name}", threat ${t + 1} has no title; named "${title}".` });
        const category = categoryOf(threat, where, warnings);
        const impact = impactOf(threat, where, warnings);
        const status = (threat.status ?? "").trim().toLowerCase();
        const notApplicable = status === "notapplicable" || status === "not applicable";
        const mitigated = status === "mitigated";
        if (status && !notApplicable && !mitigated && status !== "open") warnings.push({ message: `${where}: status "${threat.status}" is not Open, Mitigated or NotApplicable; read as Open.` });
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
        });
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
  });

  if (flowLines.length) {
    doc.dataFlow = flowLines.join("\n");
    sections.add("Data flow");
  }
  if (doc.mitigations.length) sections.add("Mitigations");
  if (td.detail.diagrams.length === 0) warnings.push({ message: "The file has no diagrams, so no threats, assets or boundaries were found." });
  return { ok: true, document: doc, warnings, sections: [...sections] };
}

// ─── Writing ─────────────────────────────────────────────────────────────────────────────

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
      data: { type: "tm.Store", name: a.name, description: a.compromiseImpact, outOfScope: false, reasonOutOfScope: "", isALog: false, isEncrypted: false, isSigned: false, storesCredentials: false, storesInventory: false, hasOpenThreats: false, threats: [] },
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
