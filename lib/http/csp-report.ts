// Violation reports as browsers send them, read into one shape for a log line. Two formats:
// `application/csp-report` (the `report-uri` directive: one `{"csp-report": {...}}` object with
// dashed keys) and `application/reports+json` (the Reporting API behind `report-to`: an array of
// reports, each `{type: "csp-violation", body: {...}}` with camelCase keys). Pure; anything not
// a report is refused, never thrown on.

export const CSP_REPORT_MAX_BYTES = 64 * 1024;
/** Reports logged from one request at most: a batch of more is cut, not refused. */
export const CSP_REPORTS_PER_REQUEST = 20;

export const CSP_REPORT_CONTENT_TYPES = ["application/csp-report", "application/reports+json", "application/json"] as const;

export type CspViolation = {
  documentUrl?: string;
  blockedUrl?: string;
  effectiveDirective?: string;
  disposition?: string;
  sourceFile?: string;
  line?: number;
  column?: number;
  sample?: string;
  statusCode?: number;
};

export type CspReportParse = { ok: true; violations: CspViolation[]; dropped: number } | { ok: false; reason: "content-type" | "json" | "shape" };

export function acceptsCspReportType(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return (CSP_REPORT_CONTENT_TYPES as readonly string[]).includes(type);
}

/**
 * A URL as it may be logged: no query or fragment, and long path segments (the single-use
 * tokens of invitation, reset and confirmation links) masked. Keywords browsers send in place of
 * a URL ("inline", "eval", "data") pass as they are.
 */
export function loggableUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const text = value.slice(0, 2_000);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return /^[a-z-]{1,40}$/i.test(text) ? text : "[unparsable]";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return url.protocol.slice(0, -1);
  const path = url.pathname
    .split("/")
    .map((segment) => (segment.length >= 32 ? "[…]" : segment))
    .join("/");
  return `${url.origin}${path}`.slice(0, 300);
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === "string" && value !== "" ? value.slice(0, max) : undefined;
}

function integer(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n < 1e9 ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One `report-uri` body: `{"csp-report": {"document-uri": …, "violated-directive": …}}`. */
function fromCspReport(report: Record<string, unknown>): CspViolation {
  return {
    documentUrl: loggableUrl(report["document-uri"]),
    blockedUrl: loggableUrl(report["blocked-uri"]),
    effectiveDirective: text(report["effective-directive"] ?? report["violated-directive"], 100),
    disposition: text(report["disposition"], 20),
    sourceFile: loggableUrl(report["source-file"]),
    line: integer(report["line-number"]),
    column: integer(report["column-number"]),
    sample: text(report["script-sample"], 80),
    statusCode: integer(report["status-code"]),
  };
}

/** The body of one Reporting API report of type "csp-violation". */
function fromReportingApi(body: Record<string, unknown>): CspViolation {
  return {
    documentUrl: loggableUrl(body.documentURL),
    blockedUrl: loggableUrl(body.blockedURL),
    effectiveDirective: text(body.effectiveDirective, 100),
    disposition: text(body.disposition, 20),
    sourceFile: loggableUrl(body.sourceFile),
    line: integer(body.lineNumber),
    column: integer(body.columnNumber),
    sample: text(body.sample, 80),
    statusCode: integer(body.statusCode),
  };
}

/** A request body, already read (and bounded) by the caller, as the violations it reports. */
export function parseCspReport(contentType: string | null, body: string): CspReportParse {
  if (!acceptsCspReportType(contentType)) return { ok: false, reason: "content-type" };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: "json" };
  }
  if (isRecord(json) && isRecord(json["csp-report"])) return { ok: true, violations: [fromCspReport(json["csp-report"])], dropped: 0 };
  if (Array.isArray(json)) {
    const reports = json.filter((r): r is { type: unknown; body: Record<string, unknown> } => isRecord(r) && r.type === "csp-violation" && isRecord(r.body));
    if (reports.length === 0) return { ok: false, reason: "shape" };
    const kept = reports.slice(0, CSP_REPORTS_PER_REQUEST);
    return { ok: true, violations: kept.map((r) => fromReportingApi(r.body)), dropped: reports.length - kept.length };
  }
  return { ok: false, reason: "shape" };
}
