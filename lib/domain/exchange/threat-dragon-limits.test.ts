import { describe, expect, it } from "vitest";
import { VERTEX_HEAVY_FILES } from "@/tests/helpers/vertex-heavy-threat-dragon";
import { MAX_IMPORT_BYTES } from "./detect";
import { prepareImport } from "./prepare";

describe("the Threat Dragon importer's geometry is bounded", () => {
  it.each(VERTEX_HEAVY_FILES)("a 5 MB file of $name is refused with a reason, or read, at once", ({ name, text }) => {
    const content = text();
    const bytes = Buffer.byteLength(content);
    expect(bytes).toBeLessThanOrEqual(MAX_IMPORT_BYTES);
    expect(bytes).toBeGreaterThan(MAX_IMPORT_BYTES * 0.9);
    const started = performance.now();
    const prepared = prepareImport("geometry.json", content);
    const ms = performance.now() - started;
    console.log(`[threat-dragon] ${name}: ${(bytes / 1024 / 1024).toFixed(2)} MB, ${prepared.ok ? "read" : "refused"} in ${Math.round(ms)} ms`);
    if (name.startsWith("within every limit")) {
      expect(prepared.ok).toBe(true);
      if (!prepared.ok) return;
      expect(prepared.models[0]!.document.trustBoundaries).toHaveLength(10);
    } else {
      expect(prepared).toMatchObject({
        ok: false,
        error: "This Threat Dragon file's diagrams are too large to read: simplify them or split the model into several files.",
      });
      if (prepared.ok) return;
      expect(prepared.details.join("\n")).toMatch(/bend points|segment tests/);
    }
  });

  it("names each limit it refuses by", () => {
    const [halves, perCell, plain] = VERTEX_HEAVY_FILES.map((f) => prepareImport("geometry.json", f.text()));
    expect(!halves!.ok && halves!.details).toEqual([
      expect.stringMatching(/^detail\.diagrams\.0\.cells\.0\.vertices: [\d,]+ bend points; at most 500 a cell are read\.$/),
      expect.stringMatching(/^detail\.diagrams\.0\.cells\.1\.vertices: [\d,]+ bend points; at most 500 a cell are read\.$/),
      expect.stringMatching(/^detail\.diagrams: [\d,]+ bend points in all; at most 20,000 a file are read\.$/),
    ]);
    expect(!perCell!.ok && perCell!.details).toEqual([
      expect.stringMatching(/^detail\.diagrams: [\d,]+ bend points in all; at most 20,000 a file are read\.$/),
    ]);
    expect(!plain!.ok && plain!.details).toEqual([
      expect.stringMatching(/^detail\.diagrams: finding which flows cross which trust boundaries takes [\d,]+ segment tests; at most 5,000,000 are done\.$/),
    ]);
  });
});
