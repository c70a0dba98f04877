"use client";
import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { diagramRefusals, ELEMENT_KIND_LABEL, type ElementKind } from "@/lib/domain/diagram/diagram";
import { newBoundaryBox, newBoundaryLine, newEntity, newFlow, newProcess, newStore } from "@/lib/domain/diagram/new-items";
import { AddElementForm } from "./add-element-form";
import type { Highlight } from "./canvas-nodes";
import { ConnectForm, type NewFlow } from "./connect-form";
import { DiagramCanvas } from "./diagram-canvas";
import { ELEMENT_SIZE, findItem, GRID, itemName, nextPosition, removeItems, restoreItems, toDomain, updateItem, type DiagramItem } from "./diagram-items";
import { DiagramText } from "./diagram-text";
import { Palette, type PaletteKind } from "./palette";
import { PropertiesPanel } from "./properties-panel";
import type { DiagramThreat, EditorDiagram } from "./types";

const NEW_ELEMENT = { entity: newEntity, process: newProcess, store: newStore } as const;
const DEFAULT_NAME: Record<ElementKind, string> = { entity: "External entity", process: "Process", store: "Data store" };

const ARROWS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

/** Keys typed into a field belong to the field (its own undo, caret moves), not to the diagram. */
function isField(target: EventTarget) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function moved(item: DiagramItem, dx: number, dy: number): DiagramItem {
  if (item.kind === "box") return { ...item, x: item.x + dx, y: item.y + dy };
  if (item.kind === "line") return { ...item, points: item.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) };
  if (item.kind === "flow") return item;
  const p = item.position ?? { x: 0, y: 0 };
  return { ...item, position: { ...ELEMENT_SIZE, ...p, x: p.x + dx, y: p.y + dy } };
}

/** One diagram: palette and forms, the canvas, what it cannot save yet, the selection's fields, and the text version. */
export function DiagramEditor({
  diagram,
  change,
  assets,
  trustBoundaries,
  addTrustBoundary,
  renameTrustBoundary,
  threats,
  readOnly,
  renderAnalysis,
  highlight,
  offerUndo,
  undo,
}: {
  diagram: EditorDiagram;
  change: (update: (d: EditorDiagram) => EditorDiagram) => void;
  assets: readonly { key: string; name: string }[];
  trustBoundaries: readonly { key: string; name: string }[];
  addTrustBoundary: (name: string) => string;
  renameTrustBoundary: (key: string, name: string) => void;
  threats: readonly DiagramThreat[];
  readOnly: boolean;
  renderAnalysis?: (diagram: EditorDiagram, targetId: string) => ReactNode;
  highlight?: Highlight;
  offerUndo: (message: string, restore: (d: EditorDiagram) => EditorDiagram) => void;
  undo: () => void;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const canvasRef = useRef<HTMLDivElement>(null);
  const refusals = useMemo(() => diagramRefusals(toDomain(diagram)), [diagram]);
  const only = selected.length === 1 ? findItem(diagram, selected[0]!) : undefined;

  const addElement = useCallback(
    (kind: ElementKind, name?: string) => {
      const id = crypto.randomUUID();
      change((d) => {
        const count = d.elements.filter((e) => e.kind === kind).length;
        const element = NEW_ELEMENT[kind]({ id, name: name ?? `${DEFAULT_NAME[kind]} ${count + 1}`, position: { ...nextPosition(d), ...ELEMENT_SIZE } });
        return { ...d, elements: [...d.elements, element] };
      });
      setSelected([id]);
    },
    [change],
  );

  const addBoundary = useCallback(
    (kind: "box" | "line") => {
      const id = crypto.randomUUID();
      const name = `Trust boundary ${diagram.boundaries.length + 1}`;
      // The drawing stands for a row of the model's Trust boundaries section from the start.
      const trustBoundaryId = addTrustBoundary(name);
      const bottom = Math.max(0, ...diagram.elements.map((e) => (e.position ? e.position.y + (e.position.height ?? ELEMENT_SIZE.height) : 0)));
      const y = bottom + 60;
      const boundary =
        kind === "box"
          ? newBoundaryBox({ id, name, trustBoundaryId, x: 20, y, width: 400, height: 240 })
          : newBoundaryLine({
              id,
              name,
              trustBoundaryId,
              points: [
                { x: 20, y },
                { x: 500, y },
              ],
            });
      change((d) => ({ ...d, boundaries: [...d.boundaries, boundary] }));
      setSelected([id]);
    },
    [addTrustBoundary, change, diagram.boundaries.length, diagram.elements],
  );

  const connect = useCallback(
    ({ from, to, label, protocol }: NewFlow) => {
      const id = crypto.randomUUID();
      change((d) => ({ ...d, flows: [...d.flows, newFlow({ id, from, to, label, protocol })] }));
      setSelected([id]);
    },
    [change],
  );

  const deleteSelected = useCallback(() => {
    if (selected.length === 0) return;
    const { diagram: rest, removed } = removeItems(diagram, new Set(selected));
    const count = removed.elements.length + removed.flows.length + removed.boundaries.length;
    if (count === 0) return;
    const first = [...removed.elements, ...removed.boundaries, ...removed.flows][0]!;
    change(() => rest);
    setSelected([]);
    // What had the focus (the item's node or its entry in the list) is gone: the canvas keeps
    // it, so Ctrl+Z right after still reaches the editor.
    canvasRef.current?.focus();
    offerUndo(count === 1 ? `Deleted ${ELEMENT_KIND_LABEL[first.kind]} “${itemName(first)}”.` : `Deleted ${count} items.`, (d) => restoreItems(d, removed));
  }, [change, diagram, offerUndo, selected]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isField(event.target)) return;
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === "z") {
      event.preventDefault();
      return undo();
    }
    const node = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>(".react-flow__node, .react-flow__edge") : null;
    if ((event.key === "Enter" || event.key === " ") && node?.dataset.id) {
      event.preventDefault();
      return setSelected([node.dataset.id]);
    }
    if (event.key === "Escape" && selected.length) return setSelected([]);
    if (readOnly) return;
    if (event.key === "Delete" || event.key === "Backspace") {
      if (!selected.length) return;
      event.preventDefault();
      return deleteSelected();
    }
    const arrow = ARROWS[event.key];
    if (arrow && selected.length) {
      event.preventDefault();
      const step = GRID * (event.shiftKey ? 5 : 1);
      change((d) => selected.reduce((next, id) => updateItem(next, id, (item) => moved(item, arrow[0] * step, arrow[1] * step)), d));
    }
  };

  const updateSelected = (item: DiagramItem) => {
    const before = findItem(diagram, item.id);
    change((d) => updateItem(d, item.id, () => item));
    if ((item.kind === "box" || item.kind === "line") && item.trustBoundaryId && before?.name !== item.name)
      renameTrustBoundary(item.trustBoundaryId, item.name);
  };

  return (
    // The keys act on the selection wherever the focus is in the editor, fields excepted.
    <div className="space-y-3" onKeyDown={onKeyDown}>
      {!readOnly && <Palette add={(kind: PaletteKind) => (kind === "box" || kind === "line" ? addBoundary(kind) : addElement(kind))} />}
      {refusals.length > 0 && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="diagram-refusals">
          <p className="font-medium">This diagram cannot be saved yet:</p>
          <ul className="ml-4 list-disc">
            {refusals.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div
          ref={canvasRef}
          tabIndex={-1}
          role="region"
          aria-label={`Data-flow diagram “${diagram.name}”${readOnly ? " (read only)" : ""}`}
          aria-describedby={readOnly ? undefined : `diagram-keys-${diagram.key}`}
          className="h-[32rem] rounded-md border border-slate-300 bg-white focus:outline-2 focus:outline-brand-600"
          data-testid="diagram-canvas"
        >
          <DiagramCanvas
            key={diagram.key}
            diagram={diagram}
            threats={threats}
            highlight={highlight}
            readOnly={readOnly}
            selected={selected}
            setSelected={setSelected}
            change={change}
            connect={(from, to) => connect({ from, to, label: "", protocol: "" })}
          />
        </div>
        <div className="space-y-3">
          {only ? (
            <PropertiesPanel
              key={only.id}
              item={only}
              update={updateSelected}
              assets={assets}
              trustBoundaries={trustBoundaries}
              linkBoundary={(key) =>
                change((d) => updateItem(d, only.id, (item) => (item.kind === "box" || item.kind === "line" ? { ...item, trustBoundaryId: key } : item)))
              }
              readOnly={readOnly}
              analysis={renderAnalysis?.(diagram, only.id)}
            />
          ) : (
            <p className="rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600">
              {selected.length > 1 ? `${selected.length} items selected.` : "Select an item on the canvas or in the list below to see its properties."}
            </p>
          )}
          {!readOnly && (
            <>
              <p id={`diagram-keys-${diagram.key}`} className="text-xs text-slate-600">
                Keys: Tab to an item and Enter to select it, arrows move it (Shift: five grid steps), Delete deletes it, Ctrl+Z undoes.
              </p>
              <AddElementForm add={addElement} />
              <ConnectForm elements={diagram.elements} connect={connect} />
            </>
          )}
        </div>
      </div>
      <DiagramText diagram={diagram} threats={threats} highlight={highlight} selected={selected} choose={(id) => setSelected([id])} />
    </div>
  );
}
