// The published JSON Schema of ThreatDesk JSON (public/schemas/threatdesk-v1.schema.json),
// generated from the zod schemas that read it, so the two cannot drift apart. Draft 7, the
// version most validators read; each schema with an `id` in its meta becomes a definition.
import { z } from "zod";
import { ZModelsExport, ZOrganizationBackup } from "./json";

export const JSON_SCHEMA_ID = "https://threatdesk.example/schemas/threatdesk-v1.schema.json";

export function threatDeskJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(z.xor([ZModelsExport, ZOrganizationBackup]), { target: "draft-7" });
  return {
    $schema,
    $id: JSON_SCHEMA_ID,
    title: "ThreatDesk JSON, version 1",
    description: `Threat models exported from ThreatDesk (format "threatdesk"), or an organization backup (format "threatdesk-organization"). Enum values are ThreatDesk's; dates are YYYY-MM-DD.`,
    ...schema,
  };
}

/** The file's text, as committed. */
export function threatDeskJsonSchemaText(): string {
  return `${JSON.stringify(threatDeskJsonSchema(), null, 2)}\n`;
}
