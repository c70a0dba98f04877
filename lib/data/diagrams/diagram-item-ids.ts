import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * The ids of every element and flow in a model's diagrams, read inside PostgreSQL so that a
 * threat or a dismissal can be checked against them without loading the diagrams themselves.
 */
export async function diagramItemIds(tx: Tx, threatModelId: string): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT item->>'id' AS id
    FROM "Diagram" d
    CROSS JOIN LATERAL jsonb_array_elements(COALESCE(d.content->'elements', '[]'::jsonb) || COALESCE(d.content->'flows', '[]'::jsonb)) AS item
    WHERE d."threatModelId" = ${threatModelId}`;
  return new Set(rows.map((r) => r.id));
}
