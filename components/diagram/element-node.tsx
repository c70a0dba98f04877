import { memo } from "react";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { ELEMENT_KIND_LABEL } from "@/lib/domain/diagram/diagram";
import { cx } from "@/lib/cx";
import type { ElementNode as ElementNodeType } from "./canvas-nodes";
import { itemName } from "./diagram-items";
import { ItemBadges, MARKER_OUTLINE } from "./item-badges";

// Shapes follow the usual data-flow notation: a box for an external entity, a rounded shape for
// a process, lines above and below for a data store. The kind is also written out.
const SHAPE = {
  entity: "rounded-none border-2 border-slate-700",
  process: "rounded-[2rem] border-2 border-brand-700",
  store: "rounded-none border-y-4 border-x-0 border-teal-700",
} as const;

const SIDES = [
  ["top", Position.Top],
  ["right", Position.Right],
  ["bottom", Position.Bottom],
  ["left", Position.Left],
] as const;

// Memoised: while one node is dragged, the others are given the same props and need not redraw.
export const ElementNode = memo(function ElementNode({ data, selected }: NodeProps<ElementNodeType>) {
  const { item, badge, marker, readOnly } = data;
  return (
    <div
      className={cx(
        "flex h-16 w-40 flex-col items-center justify-center bg-white px-2 text-center text-slate-900 shadow-sm",
        SHAPE[item.kind],
        item.outOfScope && "border-dashed opacity-80",
        selected && "ring-4 ring-brand-600/40",
        marker && MARKER_OUTLINE[marker],
      )}
      data-testid={`diagram-node-${item.kind}`}
    >
      {SIDES.map(([id, position]) => (
        <Handle key={id} id={id} type="source" position={position} isConnectable={!readOnly} className={cx(readOnly && "invisible")} />
      ))}
      <span className="text-[0.7rem] leading-tight text-slate-600">{ELEMENT_KIND_LABEL[item.kind]}</span>
      <span className="w-full truncate text-sm leading-tight font-medium" title={itemName(item)}>
        {itemName(item)}
      </span>
      <ItemBadges badge={badge} marker={marker} outOfScope={item.outOfScope} />
    </div>
  );
});
