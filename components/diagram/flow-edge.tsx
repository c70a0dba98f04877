import { memo } from "react";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { cx } from "@/lib/cx";
import type { FlowEdge as FlowEdgeType } from "./canvas-nodes";
import { ItemBadges, MARKER_OUTLINE } from "./item-badges";

/** A data flow: an arrow from its source to its target, with "label / protocol" and its threats. */
// Memoised: while one node is dragged, the others are given the same props and need not redraw.
export const FlowEdge = memo(function FlowEdge({
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  data,
  selected,
}: EdgeProps<FlowEdgeType>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return <BaseEdge path={path} markerEnd={markerEnd} />;
  const { item, caption, badge, marker } = data;
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} className={cx(item.outOfScope && "[stroke-dasharray:6_4]")} />
      {(caption || badge || marker || item.outOfScope) && (
        <EdgeLabelRenderer>
          <div
            className={cx(
              "nodrag nopan pointer-events-auto absolute flex max-w-48 flex-col items-center rounded bg-white/95 px-1 text-center text-xs text-slate-900 ring-1 ring-slate-300",
              selected && "ring-2 ring-brand-600",
              marker && MARKER_OUTLINE[marker],
            )}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="diagram-flow-label"
          >
            {caption && <span className="font-medium">{caption}</span>}
            <ItemBadges badge={badge} marker={marker} outOfScope={item.outOfScope} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
