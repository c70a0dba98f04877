"use client";
import "@xyflow/react/dist/style.css";
import {
  Background,
  ConnectionMode,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
} from "@xyflow/react";
import { useCallback, useMemo, useState, type Dispatch, type SetStateAction } from "react";
import { BoundaryBoxNode } from "./boundary-box-node";
import { BoundaryLineNode } from "./boundary-line-node";
import { ResizeEnd } from "./canvas-context";
import { diagramEdges, diagramNodes, sidesFor, type DiagramNode, type FlowEdge as FlowEdgeType, type Highlight } from "./canvas-nodes";
import { ELEMENT_SIZE, GRID, openThreatBadges, updateItem } from "./diagram-items";
import { ElementNode } from "./element-node";
import { FlowEdge } from "./flow-edge";
import type { DiagramThreat, EditorDiagram } from "./types";

// Outside the component: React Flow re-creates every node when these objects change identity.
const NODE_TYPES: NodeTypes = { element: ElementNode, box: BoundaryBoxNode, line: BoundaryLineNode };
const EDGE_TYPES: EdgeTypes = { flow: FlowEdge };
const DEFAULT_EDGE = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };

type Rect = { x: number; y: number; width?: number; height?: number };
type Size = { width: number; height: number };
// What each base node or edge was last shown as (see DiagramCanvas); entries go with their keys.
const nodeCache = new WeakMap<DiagramNode, { selected: boolean; m?: Rect; size?: Size; node: DiagramNode }>();
const edgeCache = new WeakMap<FlowEdgeType, { selected: boolean; sides: string; edge: FlowEdgeType }>();
const isValidConnection = (c: { source: string; target: string }) => c.source !== c.target;

/**
 * The drawing surface. The diagram is the truth; this keeps only what a gesture in progress has
 * changed (a node being dragged or resized, and React Flow's measured sizes) and writes the
 * result back into the diagram when the gesture ends, so one drag is one change to save.
 */
export function DiagramCanvas({
  diagram,
  threats,
  highlight,
  readOnly,
  selected,
  setSelected,
  change,
  connect,
}: {
  diagram: EditorDiagram;
  threats: readonly DiagramThreat[];
  highlight: Highlight | undefined;
  readOnly: boolean;
  selected: readonly string[];
  setSelected: Dispatch<SetStateAction<string[]>>;
  change: (update: (d: EditorDiagram) => EditorDiagram) => void;
  connect: (from: string, to: string) => void;
}) {
  const [moving, setMoving] = useState<Map<string, Rect>>(new Map());
  // Fitted once, when a drawn diagram opens: an empty one starts at the origin, where new items go.
  const [fitAtOpen] = useState(diagram.elements.length > 0 || diagram.boundaries.length > 0);
  const [measured, setMeasured] = useState<Map<string, Size>>(new Map());

  const badges = useMemo(() => openThreatBadges(diagram, threats), [diagram, threats]);
  const base = useMemo(() => diagramNodes(diagram, badges, highlight, readOnly), [diagram, badges, highlight, readOnly]);
  const baseEdges = useMemo(() => diagramEdges(diagram, badges, highlight, readOnly), [diagram, badges, highlight, readOnly]);
  // A drag changes one node many times a second: every other node and edge keeps its object, so
  // React Flow redraws only what moved (it compares by identity). Keyed by the base object, so a
  // change to the diagram itself starts afresh.
  const nodes = useMemo(() => {
    const chosen = new Set(selected);
    return base.map((node) => {
      const m = moving.get(node.id);
      const size = measured.get(node.id);
      const isSelected = chosen.has(node.id);
      const hit = nodeCache.get(node);
      if (hit && hit.selected === isSelected && hit.m === m && hit.size === size) return hit.node;
      const shown = {
        ...node,
        selected: isSelected,
        ...(m ? { position: { x: m.x, y: m.y } } : {}),
        ...(m?.width !== undefined && node.type === "box" ? { width: m.width, height: m.height } : {}),
        ...(size ? { measured: size } : {}),
      } as DiagramNode;
      nodeCache.set(node, { selected: isSelected, m, size, node: shown });
      return shown;
    });
  }, [base, moving, measured, selected]);
  const edges = useMemo(() => {
    const chosen = new Set(selected);
    const at = new Map(nodes.map((n) => [n.id, n.position]));
    return baseEdges.map((edge) => {
      const [sourceHandle, targetHandle] = sidesFor(edge, at);
      const isSelected = chosen.has(edge.id);
      const hit = edgeCache.get(edge);
      if (hit && hit.selected === isSelected && hit.sides === `${sourceHandle} ${targetHandle}`) return hit.edge;
      const shown = { ...edge, sourceHandle, targetHandle, selected: isSelected };
      edgeCache.set(edge, { selected: isSelected, sides: `${sourceHandle} ${targetHandle}`, edge: shown });
      return shown;
    });
  }, [baseEdges, nodes, selected]);

  const select = useCallback(
    (changes: { id: string; selected: boolean }[]) => {
      if (changes.length === 0) return;
      setSelected((prev) => {
        const next = new Set(prev);
        for (const c of changes) {
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        return [...next];
      });
    },
    [setSelected],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<DiagramNode>[]) => {
      select(changes.flatMap((c) => (c.type === "select" ? [{ id: c.id, selected: c.selected }] : [])));
      const sizes = changes.flatMap((c) => (c.type === "dimensions" && c.dimensions ? [c] : []));
      if (sizes.length)
        setMeasured((prev) => {
          const next = new Map(prev);
          for (const c of sizes) next.set(c.id, c.dimensions!);
          return next;
        });
      const moves = changes.flatMap((c) => ((c.type === "position" && c.position) || (c.type === "dimensions" && c.resizing) ? [c] : []));
      if (moves.length)
        setMoving((prev) => {
          const next = new Map(prev);
          for (const c of moves) {
            const current = next.get(c.id) ?? positionOf(nodes, c.id);
            if (!current) continue;
            if (c.type === "position" && c.position) next.set(c.id, { ...current, ...c.position });
            if (c.type === "dimensions" && c.dimensions) next.set(c.id, { ...current, ...c.dimensions });
          }
          return next;
        });
    },
    [nodes, select],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => select(changes.flatMap((c) => (c.type === "select" ? [{ id: c.id, selected: c.selected }] : []))),
    [select],
  );

  const settle = useCallback((ids: string[]) => {
    setMoving((prev) => {
      const next = new Map(prev);
      for (const id of ids) next.delete(id);
      return next;
    });
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, __: unknown, dragged: DiagramNode[]) => {
      change((d) => {
        let next = d;
        for (const node of dragged) next = updateItem(next, node.id, (item) => placed(item, node));
        return next;
      });
      settle(dragged.map((n) => n.id));
    },
    [change, settle],
  );

  const onResizeEnd = useCallback(
    (id: string, rect: { x: number; y: number; width: number; height: number }) => {
      change((d) => updateItem(d, id, (item) => (item.kind === "box" ? { ...item, ...rounded(rect) } : item)));
      settle([id]);
    },
    [change, settle],
  );

  const onConnect = useCallback((c: Connection) => c.source && c.target && c.source !== c.target && connect(c.source, c.target), [connect]);

  return (
    <ResizeEnd value={onResizeEnd}>
      <ReactFlow<DiagramNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        defaultEdgeOptions={DEFAULT_EDGE}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={40}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        elevateNodesOnSelect={false}
        // The editor handles Delete, arrows and Ctrl+Z itself, with undo, for the canvas and
        // the lists alike; React Flow's own keys would delete without undo.
        deleteKeyCode={null}
        disableKeyboardA11y
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        snapToGrid
        snapGrid={[GRID, GRID]}
        fitView={fitAtOpen}
        fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={GRID} />
        <Controls showInteractive={false} />
        {/* Small, so it hides little of the drawing on the narrow canvas beside the panel. */}
        <MiniMap pannable zoomable ariaLabel="Overview of the whole diagram" style={{ width: 140, height: 90 }} />
      </ReactFlow>
    </ResizeEnd>
  );
}

function positionOf(nodes: readonly DiagramNode[], id: string): Rect | undefined {
  const node = nodes.find((n) => n.id === id);
  if (!node) return undefined;
  return { x: node.position.x, y: node.position.y, ...(node.type === "box" ? { width: node.width, height: node.height } : {}) };
}

const rounded = <T extends Record<string, number>>(rect: T) => Object.fromEntries(Object.entries(rect).map(([k, v]) => [k, Math.round(v)])) as T;

/** An item with the place its node was dropped at: a line's points all move by the same amount. */
function placed<T extends EditorDiagram["elements"][number] | EditorDiagram["boundaries"][number] | EditorDiagram["flows"][number]>(
  item: T,
  node: DiagramNode,
): T {
  const { x, y } = rounded(node.position);
  if (item.kind === "box") return { ...item, x, y };
  if (item.kind === "line" && node.type === "line") {
    const dx = x - Math.round(node.data.origin.x);
    const dy = y - Math.round(node.data.origin.y);
    return { ...item, points: item.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) };
  }
  if (item.kind === "entity" || item.kind === "process" || item.kind === "store") return { ...item, position: { x, y, ...ELEMENT_SIZE } };
  return item;
}
