"use client";
import { useCallback, useState, type ReactNode } from "react";
import type { Highlight } from "./canvas-nodes";
import { DiagramEditor } from "./diagram-editor";
import { DiagramTabs } from "./diagram-tabs";
import type { DiagramThreat, EditorDiagram } from "./types";
import { UndoNotice } from "./undo-notice";
import { Button } from "@/components/ui/button";

export type DiagramWorkspaceProps = {
  diagrams: EditorDiagram[];
  setDiagrams: (update: (d: EditorDiagram[]) => EditorDiagram[]) => void;
  assets: { key: string; name: string }[];
  trustBoundaries: { key: string; name: string }[];
  /** Adds a row to the model's Trust boundaries section and returns its key. */
  addTrustBoundary: (name: string) => string;
  /** Renames the model's trust-boundary row (the editor keeps the diagram boundary's name in step too). */
  renameTrustBoundary: (key: string, name: string) => void;
  threats: DiagramThreat[];
  readOnly: boolean;
  /** The selected element's or flow's analysis (threats, suggestions), shown under its properties. */
  renderAnalysis?: (diagram: EditorDiagram, targetId: string) => ReactNode;
  /** Revision diff: ids to mark as added / removed / changed (outline + a text marker, not colour alone). */
  highlight?: Highlight;
};

/** A deletion that can be taken back: what it said, and how to put it back into the diagrams. */
type Undoable = { message: string; restore: (diagrams: EditorDiagram[]) => EditorDiagram[] };

/** The model's data-flow diagrams: tabs to switch and manage them, and the current one's editor. */
export default function DiagramWorkspace(props: DiagramWorkspaceProps) {
  const { diagrams, setDiagrams, readOnly } = props;
  const [currentKey, setCurrentKey] = useState<string | undefined>(diagrams[0]?.key);
  const [undoable, setUndoable] = useState<Undoable[]>([]);
  const current = diagrams.find((d) => d.key === currentKey) ?? diagrams[0];

  const undo = useCallback(() => {
    const last = undoable.at(-1);
    if (!last) return;
    setDiagrams(last.restore);
    setUndoable((u) => u.slice(0, -1));
  }, [setDiagrams, undoable]);

  const add = () => {
    const key = crypto.randomUUID();
    const name = diagrams.length === 0 ? "Overview" : `Diagram ${diagrams.length + 1}`;
    setDiagrams((ds) => [...ds, { key, name, elements: [], flows: [], boundaries: [] }]);
    setCurrentKey(key);
  };

  const changeCurrent = useCallback(
    (update: (d: EditorDiagram) => EditorDiagram) => {
      if (!current) return;
      setDiagrams((ds) => ds.map((d) => (d.key === current.key ? update(d) : d)));
    },
    [current, setDiagrams],
  );

  const remove = () => {
    if (!current) return;
    const index = diagrams.indexOf(current);
    const gone = current;
    setDiagrams((ds) => ds.filter((d) => d.key !== gone.key));
    setCurrentKey(diagrams[index === 0 ? 1 : index - 1]?.key);
    setUndoable((u) => [
      ...u,
      {
        message: `Deleted the diagram “${gone.name.trim() || "Untitled diagram"}”.`,
        restore: (ds) => (ds.some((d) => d.key === gone.key) ? ds : [...ds.slice(0, index), gone, ...ds.slice(index)]),
      },
    ]);
  };

  const offerUndo = useCallback(
    (message: string, restore: (d: EditorDiagram) => EditorDiagram) => {
      if (!current) return;
      const key = current.key;
      setUndoable((u) => [...u, { message, restore: (ds) => ds.map((d) => (d.key === key ? restore(d) : d)) }]);
    },
    [current],
  );

  const last = undoable.at(-1);
  return (
    <div className="space-y-3" data-testid="diagram-workspace">
      <DiagramTabs
        diagrams={diagrams}
        current={current}
        choose={setCurrentKey}
        add={add}
        rename={(name) => changeCurrent((d) => ({ ...d, name }))}
        remove={remove}
        readOnly={readOnly}
      />
      {last && <UndoNotice message={last.message} undo={undo} dismiss={() => setUndoable([])} />}
      {current ? (
        <DiagramEditor
          key={current.key}
          diagram={current}
          change={changeCurrent}
          assets={props.assets}
          trustBoundaries={props.trustBoundaries}
          addTrustBoundary={props.addTrustBoundary}
          renameTrustBoundary={props.renameTrustBoundary}
          threats={props.threats}
          readOnly={readOnly}
          renderAnalysis={props.renderAnalysis}
          highlight={props.highlight}
          offerUndo={offerUndo}
          undo={undo}
        />
      ) : (
        <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          <p>{readOnly ? "This model has no data-flow diagram." : "No data-flow diagram yet. Draw the system's elements, data flows and trust boundaries."}</p>
          {!readOnly && (
            <Button type="button" size="sm" className="mt-2" onClick={add}>
              Add a diagram
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
