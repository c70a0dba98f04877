// Writes public/schemas/threatdesk-v1.schema.json from the zod schemas (npm run schema:json).
import fs from "node:fs";
import path from "node:path";
import { threatDeskJsonSchemaText } from "@/lib/domain/exchange/json-schema";

const file = path.resolve(import.meta.dirname, "../public/schemas/threatdesk-v1.schema.json");
fs.writeFileSync(file, threatDeskJsonSchemaText());
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
