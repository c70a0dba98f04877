import type { DataFlow, DiagramElement, TrustBoundary } from "@/lib/domain/diagram/diagram";
import type { Priority, StrideCategory } from "@/lib/domain/threat-model";

/** A diagram as the model editor holds it: `key` is the browser's id, `id` the database's once saved. */
export type EditorDiagram = { key: string; id?: string; name: string; elements: DiagramElement[]; flows: DataFlow[]; boundaries: TrustBoundary[] };
// In the editor, element.assetIds and boundary.trustBoundaryId hold the KEYS of rows of the model's
// assets / trust boundaries (a saved row's key equals its id).

/** A threat of the model as the diagram shows it. `open` comes from the model's open-threat rule. */
export type DiagramThreat = { key: string; category: StrideCategory; title: string; priority: Priority; open: boolean; elementIds: string[] };
/** "This category does not apply to this element, because …". */
export type DiagramDismissal = { key: string; elementId: string; category: StrideCategory; reason: string };
