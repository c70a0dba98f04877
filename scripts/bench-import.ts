// `npm run bench:import`: how long the importer takes over Threat Dragon files of nearly 5 MB
// made of geometry (tests/helpers/vertex-heavy-threat-dragon.ts): each is refused with its
// reason, or read, and the time printed. No database: reading is all the import does before
// it writes.
import { prepareImport } from "@/lib/domain/exchange/prepare";
import { VERTEX_HEAVY_FILES } from "@/tests/helpers/vertex-heavy-threat-dragon";

for (const { name, text } of VERTEX_HEAVY_FILES) {
  const content = text();
  const started = performance.now();
  const prepared = prepareImport("geometry.json", content);
  const ms = Math.round(performance.now() - started);
  const outcome = prepared.ok
    ? `read (${prepared.models[0]!.document.trustBoundaries.length} boundaries)`
    : `refused: ${prepared.details[0] ?? prepared.error}`;
  console.log(`${(Buffer.byteLength(content) / 1024 / 1024).toFixed(2)} MB  ${String(ms).padStart(5)} ms  ${name}: ${outcome}`);
}
