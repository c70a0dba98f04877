"use client";
import type { ReactNode } from "react";
import dynamic from "next/dynamic";
import type { DiagramThreat, EditorDiagram } from "@/components/diagram/types";
import type { LibraryEntry } from "@/lib/domain/threat-library";
import { withDismissal, withoutDismissal, withThreatAdded, withThreatAttached, withThreatDetached } from "./diagram-analysis-state";
import { newKey } from "./section-shell";
import type { LocalState } from "./state";

// The suggestion rules and the library matching load with the diagram editor, not the page.
const ElementAnalysis = dynamic(() => import("@/components/diagram/element-analysis").then((m) => m.ElementAnalysis), { ssr: false });

/**
 * The editor's `renderAnalysis` for the diagram workspace: the selected item's threats and
 * suggestions, changing the editor's state as the panel asks.
 */
export function diagramAnalysisRenderer({
  state,
  setState,
  threats,
  library,
  readOnly,
}: {
  state: Pick<LocalState, "dismissals" | "trustBoundaries">;
  setState: (update: (s: LocalState) => LocalState) => void;
  threats: DiagramThreat[];
  library: LibraryEntry[];
  readOnly: boolean;
}): (diagram: EditorDiagram, targetId: string) => ReactNode {
  // In the editor a drawn boundary names its row by key; the reasons call it by the row's name.
  const boundaryNames = Object.fromEntries(state.trustBoundaries.map((b) => [b.key, b.name]));
  return function renderAnalysis(diagram, targetId) {
    return (
      <ElementAnalysis
        diagram={{ id: diagram.id ?? diagram.key, name: diagram.name, elements: diagram.elements, flows: diagram.flows, boundaries: diagram.boundaries }}
        targetId={targetId}
        threats={threats}
        dismissals={state.dismissals}
        library={library}
        readOnly={readOnly}
        boundaryNames={boundaryNames}
        attachThreat={(threatKey, elementId) => setState((s) => withThreatAttached(s, threatKey, elementId))}
        detachThreat={(threatKey, elementId) => setState((s) => withThreatDetached(s, threatKey, elementId))}
        addThreat={(input) => {
          const key = newKey();
          setState((s) => withThreatAdded(s, key, input));
        }}
        dismiss={(input) => {
          const key = newKey();
          setState((s) => withDismissal(s, key, input));
        }}
        undismiss={(key) => setState((s) => withoutDismissal(s, key))}
      />
    );
  };
}
