import type { Marker } from "./canvas-nodes";

/** An item's open threats and revision marker as text, so neither depends on colour alone. */
export function ItemBadges({ badge, marker, outOfScope }: { badge: string | null; marker: Marker; outOfScope: boolean }) {
  if (!badge && !marker && !outOfScope) return null;
  return (
    <span className="flex flex-wrap justify-center gap-1">
      {badge && (
        <span className="rounded bg-red-50 px-1 text-xs font-semibold text-red-800 ring-1 ring-red-300" data-testid="threat-badge">
          <span className="sr-only">Open threats: </span>
          {badge}
        </span>
      )}
      {marker && <span className="rounded bg-slate-900 px-1 text-xs font-semibold text-white">{marker}</span>}
      {outOfScope && <span className="rounded bg-slate-100 px-1 text-xs text-slate-700">Out of scope</span>}
    </span>
  );
}

export const MARKER_OUTLINE: Record<NonNullable<Marker>, string> = {
  Added: "outline-2 outline-offset-2 outline-emerald-600 outline-solid",
  Removed: "outline-2 outline-offset-2 outline-red-600 outline-dashed",
  Changed: "outline-2 outline-offset-2 outline-amber-600 outline-dotted",
};
