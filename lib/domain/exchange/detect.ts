// What a file to import is: refused (too large, not text), Markdown, ThreatDesk JSON or an OWASP
// Threat Dragon v2 model. Decided from the bytes (and the file name only as a hint between
// Markdown and plain text), never by trusting the browser's content type.
import { isThreatDeskEnvelope } from "./json";
import { isThreatDragon } from "./threat-dragon";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const IMPORT_FORMATS = ["markdown", "json", "threat-dragon"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  markdown: "Markdown",
  json: "ThreatDesk JSON",
  "threat-dragon": "OWASP Threat Dragon v2",
};

export const NOT_MARKDOWN_OR_JSON =
  "This is not a Markdown or JSON file. Import a threat model written in Markdown, a ThreatDesk JSON export or an OWASP Threat Dragon v2 file.";
export const TOO_LARGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`;

export type Detected =
  { ok: true; format: "markdown"; text: string } | { ok: true; format: "json" | "threat-dragon"; text: string; value: unknown } | { ok: false; error: string };

/** UTF-8 length without allocating a copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Control characters other than tab, line feed, form feed and carriage return: what binary files are full of. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

function looksBinary(text: string) {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 64 * 1024);
  const controls = sample.match(CONTROL)?.length ?? 0;
  return controls > 0 && controls / Math.max(sample.length, 1) > 0.01;
}

/** The bytes as text: refused when larger than 5 MB, not UTF-8, or binary. A BOM is dropped. */
export function decodeImport(content: string | Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  let text: string;
  if (typeof content === "string") {
    if (content.length > MAX_IMPORT_BYTES || utf8Length(content) > MAX_IMPORT_BYTES) return { ok: false, error: TOO_LARGE };
    text = content;
  } else {
    if (content.byteLength > MAX_IMPORT_BYTES) return { ok: false, error: TOO_LARGE };
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(content);
    } catch {
      return { ok: false, error: NOT_MARKDOWN_OR_JSON };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksBinary(text)) return { ok: false, error: NOT_MARKDOWN_OR_JSON };
  if (!text.trim()) return { ok: false, error: "The file is empty." };
  return { ok: true, text };
}

/** Line and column (both from 1) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** JSON.parse with a message naming the line and column of the first error. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string; line: number; column: number } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const stated = /\(line (\d+) column (\d+)\)/.exec(message);
    const where = stated ? { line: Number(stated[1]), column: Number(stated[2]) } : lineAndColumn(text, position ? Number(position[1]) : text.trimEnd().length);
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/,? ?"[^"]*"? is not valid JSON$/, "")
      .replace(/ in JSON at position \d+.*$/, "")
      .replace(/ after JSON at position \d+.*$/, " after the JSON value")
      .replace(/^Unexpected end of JSON input$/, "The JSON ends too early");
    return { ok: false, error: `The JSON is not valid at line ${where.line}, column ${where.column}: ${reason}.`, ...where };
  }
}

const MARKDOWN_NAME = /\.(md|markdown|mdown|mkd|txt)$/i;
const MARKDOWN_SHAPE = /^(#{1,6}\s|---\s*$|\|.*\|\s*$|[-*+]\s|\d+\.\s|>\s)/m;

/** Decides the format; JSON is parsed here (once), Markdown is left to its importer. */
export function detectImport(fileName: string | null | undefined, content: string | Uint8Array): Detected {
  const decoded = decodeImport(content);
  if (!decoded.ok) return decoded;
  const { text } = decoded;
  const start = text.trimStart()[0];
  const jsonName = /\.json$/i.test(fileName ?? "");
  if (start === "{" || start === "[" || jsonName) {
    const parsed = parseJson(text);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    if (isThreatDeskEnvelope(parsed.value)) return { ok: true, format: "json", text, value: parsed.value };
    if (isThreatDragon(parsed.value)) return { ok: true, format: "threat-dragon", text, value: parsed.value };
    return {
      ok: false,
      error:
        'This JSON file is neither a ThreatDesk export (with "format": "threatdesk") nor an OWASP Threat Dragon v2 model (with "detail": { "diagrams": … }).',
    };
  }
  if (MARKDOWN_NAME.test(fileName ?? "") || MARKDOWN_SHAPE.test(text)) return { ok: true, format: "markdown", text };
  return { ok: false, error: NOT_MARKDOWN_OR_JSON };
}
