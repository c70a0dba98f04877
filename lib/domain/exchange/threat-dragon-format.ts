// The OWASP Threat Dragon v2 file format (https://owasp.org/www-project-threat-dragon/) as
// ThreatDesk reads it: the file's shape, and the vocabulary both directions translate.
import { z } from "zod";
import type { Impact, StrideCategory } from "../threat-model";

export const THREAT_DRAGON_VERSION = "2.2.0";
/** What a "NotApplicable" threat becomes: no residual risk to speak of, with this as the reason. */
export const NOT_APPLICABLE_JUSTIFICATION = "Marked not applicable in Threat Dragon.";

export type ImportWarning = { line?: number; message: string };

/**
 * The description of the diagram an export adds for what no drawn diagram shows (threats on no
 * element, assets and trust boundaries nothing is linked to). Reading it back gives those rows
 * again, and no diagram: it was never drawn.
 */
export const UNDRAWN_DIAGRAM_DESCRIPTION = "ThreatDesk: threats on no element, and assets and trust boundaries no diagram shows.";

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
export const ZThreatDragon = z.looseObject({
  version: z.union([z.string(), z.number()]).nullable().optional(),
  summary: z.looseObject({ title: z.string().trim().min(1, "must not be empty"), owner: str, description: str }),
  detail: z.looseObject({
    contributors: z
      .array(z.looseObject({ name: str }))
      .nullable()
      .optional(),
    diagrams: z.array(z.looseObject({ id: z.union([z.string(), z.number()]).nullable().optional(), title: str, diagramType: str, cells: z.array(ZTdCell) })),
  }),
});
export type TdCell = z.infer<typeof ZTdCell>;
export type TdThreat = z.infer<typeof ZTdThreat>;

/** True when the value has Threat Dragon's `detail.diagrams`. */
export function isThreatDragon(value: unknown): boolean {
  const detail = typeof value === "object" && value !== null ? (value as { detail?: unknown }).detail : undefined;
  return typeof detail === "object" && detail !== null && "diagrams" in detail;
}

export const STRIDE_BY_TYPE: Record<string, StrideCategory> = {
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
export const NEAREST_STRIDE: [RegExp, StrideCategory][] = [
  [/spoof|authenticat|identif/i, "SPOOFING"],
  [/tamper|integrity/i, "TAMPERING"],
  [/repudiat/i, "REPUDIATION"],
  [/disclos|confidential|privacy|linkab|detectab|unawareness/i, "INFORMATION_DISCLOSURE"],
  [/denial|availability/i, "DENIAL_OF_SERVICE"],
  [/privilege|elevation|authoriz/i, "ELEVATION_OF_PRIVILEGE"],
];

export const IMPACT_BY_SEVERITY: Record<string, Impact> = { high: "HIGH", medium: "MEDIUM", low: "LOW", critical: "CRITICAL" };
export const SEVERITY_BY_IMPACT: Record<Impact, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "High" };

export type ElementKind = "actor" | "process" | "store" | "flow" | "boundary-box" | "boundary-curve" | "text" | "other";
export const KIND_LABEL: Record<ElementKind, string> = {
  actor: "actor",
  process: "process",
  store: "data store",
  flow: "data flow",
  "boundary-box": "trust boundary",
  "boundary-curve": "trust boundary",
  text: "text",
  other: "element",
};

export function kindOf(cell: TdCell): ElementKind {
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

export function textOf(attrs: unknown, ...keys: string[]): string {
  for (const key of keys) {
    const part = (attrs as Record<string, { text?: unknown } | undefined> | null | undefined)?.[key];
    if (part && typeof part.text === "string" && part.text.trim()) return part.text.trim();
  }
  return "";
}

export function nameOf(cell: TdCell, kind: ElementKind): string {
  const label = cell.labels?.find((l): l is string => typeof l === "string" && l.trim() !== "");
  return (cell.data?.name ?? "").trim() || textOf(cell.attrs, "text", "label", "labelText") || label?.trim() || `Unnamed ${KIND_LABEL[kind]}`;
}
