import { NodeResizer, type NodeProps } from "@xyflow/react";
import { memo, useContext } from "react";
import { cx } from "@/lib/cx";
import type { BoxNode } from "./canvas-nodes";
import { ResizeEnd } from "./canvas-context";
import { itemName } from "./diagram-items";
import { ItemBadges, MARKER_OUTLINE } from "./item-badges";

/** A trust boundary drawn as a box: a dashed frame, named at its top, resizable when selected. */
// Memoised: while one node is dragged, the others are given the same props and need not redraw.
export const BoundaryBoxNode = memo(function BoundaryBoxNode({ id, data, selected }: NodeProps<BoxNode>) {
  const resizeEnd = useContext(ResizeEnd);
  const { item, marker, readOnly } = data;
  return (
    <div
      className={cx(
        "h-full w-full rounded-md border-2 border-dashed border-red-700 bg-red-50/30",
        selected && "ring-4 ring-brand-600/40",
        marker && MARKER_OUTLINE[marker],
      )}
      data-testid="diagram-node-box"
    >
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={120}
        minHeight={80}
        onResizeEnd={(_, rect) => resizeEnd(id, { x: rect.x, y: rect.y, width: rect.width, height: rect.height })}
      />
      <span className="absolute top-1 left-2 flex items-center gap-1 text-sm font-medium text-red-900">
        <span className="text-[0.7rem] font-normal text-red-800">Trust boundary</span>
        {itemName(item)}
        <ItemBadges badge={null} marker={marker} outOfScope={item.outOfScope} />
      </span>
    </div>
  );
});
