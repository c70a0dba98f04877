"use client";
import type { Diagram } from "@/lib/domain/diagram/diagram";
import { LazyDiagramWorkspace } from "./lazy-diagram-workspace";
import type { DiagramThreat, EditorDiagram } from "./types";

const ignore = () => undefined;

/**
 * A model's saved diagrams for those who read it (viewers, approved revisions): every item and
 * its threats visible, nothing editable. Saved diagrams are keyed by their ids.
 */
export function ReadOnlyDiagrams({
  diagrams,
  assets,
  trustBoundaries,
  threats = [],
  highlight,
}: {
  diagrams: readonly Diagram[];
  assets: { key: string; name: string }[];
  trustBoundaries: { key: string; name: string }[];
  threats?: DiagramThreat[];
  highlight?: { added: string[]; removed: string[]; changed: string[] };
}) {
  const shown: EditorDiagram[] = diagrams.map((d) => ({ ...d, key: d.id }));
  return (
    <LazyDiagramWorkspace
      diagrams={shown}
      setDiagrams={ignore}
      assets={assets}
      trustBoundaries={trustBoundaries}
      addTrustBoundary={() => ""}
      renameTrustBoundary={ignore}
      threats={threats}
      readOnly
      highlight={highlight}
    />
  );
}
