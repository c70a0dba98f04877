import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import { cx } from "@/lib/cx";
import { LINE_PADDING, type LineNode } from "./canvas-nodes";
import { itemName } from "./diagram-items";
import { ItemBadges } from "./item-badges";

/** A trust boundary drawn as a line through its points; flows drawn across it cross the boundary. */
// Memoised: while one node is dragged, the others are given the same props and need not redraw.
export const BoundaryLineNode = memo(function BoundaryLineNode({ data, selected }: NodeProps<LineNode>) {
  const { item, origin, marker } = data;
  const points = item.points.map((p) => ({ x: p.x - origin.x, y: p.y - origin.y }));
  const width = Math.max(...points.map((p) => p.x)) + LINE_PADDING;
  const height = Math.max(...points.map((p) => p.y)) + LINE_PADDING;
  return (
    <div className={cx("relative", selected && "rounded ring-4 ring-brand-600/40")} data-testid="diagram-node-line">
      <svg width={width} height={height} aria-hidden="true" className="block overflow-visible">
        <polyline
          points={points.map((p) => `${p.x},${p.y}`).join(" ")}
          fill="none"
          stroke="currentColor"
          strokeWidth={3}
          strokeDasharray="8 6"
          className="text-red-700"
        />
      </svg>
      <span className="absolute top-0 left-2 flex -translate-y-full items-center gap-1 text-sm font-medium whitespace-nowrap text-red-900">
        <span className="text-[0.7rem] font-normal text-red-800">Trust boundary</span>
        {itemName(item)}
        <ItemBadges badge={null} marker={marker} outOfScope={item.outOfScope} />
      </span>
    </div>
  );
});
