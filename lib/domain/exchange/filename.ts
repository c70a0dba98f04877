// Download names: "authentication-service-1.0.0.md". Only ASCII letters, digits, dots and
// hyphens, so the name needs no quoting in a Content-Disposition header on any platform.
import { asciiSlug } from "../slug";

export const EXPORT_FORMATS = ["md", "json", "threat-dragon"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = { md: "Markdown", json: "ThreatDesk JSON", "threat-dragon": "OWASP Threat Dragon v2" };

export const EXTENSIONS: Record<ExportFormat, string> = { md: ".md", json: ".threatdesk.json", "threat-dragon": ".threat-dragon.json" };
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
  "threat-dragon": "application/json; charset=utf-8",
};

export function exportFileName(title: string, version: string, format: ExportFormat): string {
  const name = asciiSlug(title.replace(/\./g, " "), { max: 80, dots: true }) || "threat-model";
  const v = asciiSlug(version, { max: 32, dots: true });
  return `${name}${v ? `-${v}` : ""}${EXTENSIONS[format]}`;
}
