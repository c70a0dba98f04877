import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeImport, detectImport, lineAndColumn, MAX_IMPORT_BYTES, NOT_MARKDOWN_OR_JSON, parseJson, TOO_LARGE, utf8Length } from "./detect";

const fixtures = path.resolve(import.meta.dirname, "../../../tests/fixtures");
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
const bytes = (text: string) => new TextEncoder().encode(text);

describe("size", () => {
  it("refuses more than 5 MB, as bytes or as text", () => {
    expect(detectImport("big.md", new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x23))).toEqual({ ok: false, error: TOO_LARGE });
    expect(detectImport("big.md", "#".repeat(MAX_IMPORT_BYTES + 1))).toEqual({ ok: false, error: TOO_LARGE });
    // 2 bytes per "é": under 5 M characters, over 5 MB.
    expect(detectImport("big.md", `# ${"é".repeat(MAX_IMPORT_BYTES / 2 + 1)}`)).toEqual({ ok: false, error: TOO_LARGE });
  });

  it("accepts exactly 5 MB", () => {
    const text = `# Title\n${"a".repeat(MAX_IMPORT_BYTES - 8)}`;
    expect(utf8Length(text)).toBe(MAX_IMPORT_BYTES);
    expect(detectImport("edge.md", text).ok).toBe(true);
  });

  it("counts UTF-8 bytes like TextEncoder", () => {
    for (const text of ["", "abc", "é", "✅", "🔐 keys", "\ud800 lone surrogate"]) expect(utf8Length(text)).toBe(bytes(text).length);
  });
});

describe("binary and other non-text", () => {
  it("refuses bytes that are not UTF-8", () => {
    expect(detectImport("x.md", new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x41]))).toEqual({ ok: false, error: NOT_MARKDOWN_OR_JSON });
  });

  it("refuses NUL bytes and control characters (images, archives)", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(detectImport("diagram.png", png)).toEqual({ ok: false, error: NOT_MARKDOWN_OR_JSON });
    expect(detectImport("x.md", "# Title\u0000\u0001")).toEqual({ ok: false, error: NOT_MARKDOWN_OR_JSON });
    expect(detectImport(null, `# T\n${"\u0002\u0003".repeat(100)}`)).toEqual({ ok: false, error: NOT_MARKDOWN_OR_JSON });
  });

  it("refuses plain prose that is neither Markdown nor JSON", () => {
    expect(detectImport("notes", "just some words\nwithout any structure")).toEqual({ ok: false, error: NOT_MARKDOWN_OR_JSON });
  });

  it("refuses an empty file", () => {
    expect(detectImport("x.md", "  \n ")).toEqual({ ok: false, error: "The file is empty." });
  });

  it("drops a byte-order mark", () => {
    expect(decodeImport(new Uint8Array([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x41]))).toEqual({ ok: true, text: "# A" });
  });
});

describe("formats", () => {
  it("reads the example threat model as Markdown (by content and by name)", () => {
    const seed = read("seeds/000_94c6fb0c6808696b.txt");
    expect(detectImport("000_94c6fb0c6808696b.txt", seed)).toMatchObject({ ok: true, format: "markdown" });
    expect(detectImport(null, seed)).toMatchObject({ ok: true, format: "markdown" });
    expect(detectImport("notes.md", "plain words")).toMatchObject({ ok: true, format: "markdown" });
  });

  it("tells ThreatDesk JSON from Threat Dragon", () => {
    expect(detectImport("a.json", read("threatdesk-json/models.json"))).toMatchObject({ ok: true, format: "json" });
    expect(detectImport("backup.json", read("threatdesk-json/organization-backup.json"))).toMatchObject({ ok: true, format: "json" });
    expect(detectImport("td.json", read("threat-dragon/typical.json"))).toMatchObject({ ok: true, format: "threat-dragon" });
    // Pasted, without a file name.
    expect(detectImport(null, fs.readFileSync(path.join(fixtures, "threat-dragon/typical.json"), "utf8"))).toMatchObject({ ok: true, format: "threat-dragon" });
  });

  it("refuses JSON of another shape", () => {
    for (const value of ["[]", "{}", '{"format":"other"}', '{"detail":{}}', "42"]) {
      const result = detectImport("x.json", value);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(/neither a ThreatDesk export .* nor an OWASP Threat Dragon v2 model/);
    }
  });
});

describe("broken JSON", () => {
  it("names the line and column of the error", () => {
    const text = '{\n  "format": "threatdesk",\n  "version": 1,\n  models: []\n}';
    const result = parseJson(text);
    expect(result).toMatchObject({ ok: false, line: 4, column: 3 });
    expect(!result.ok && result.error).toMatch(/^The JSON is not valid at line 4, column 3: /);
    expect(detectImport("x.json", text)).toEqual({ ok: false, error: !result.ok ? result.error : "" });
  });

  it("points at the end of a truncated file", () => {
    const text = '{\n  "format": "threatdesk",\n  "models": [';
    const result = parseJson(text);
    expect(result).toMatchObject({ ok: false, line: 3, column: 14 });
    expect(!result.ok && result.error).toBe("The JSON is not valid at line 3, column 14: The JSON ends too early.");
  });

  it("reports trailing text after the value", () => {
    const result = parseJson('{"a": 1}\n}');
    expect(result).toMatchObject({ ok: false, line: 2, column: 1 });
  });

  it("computes lines and columns from 1", () => {
    expect(lineAndColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });

  it("survives deeply nested JSON", () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    expect(detectImport("deep.json", deep).ok).toBe(false);
    const deepObject = `{"format":"threatdesk","version":1,"exportedAt":"x","models":[${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}]}`;
    expect(detectImport("deep.json", deepObject)).toMatchObject({ ok: true, format: "json" });
  });
});
