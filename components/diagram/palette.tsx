import { Button } from "@/components/ui/button";

export type PaletteKind = "entity" | "process" | "store" | "box" | "line";

const ITEMS: { kind: PaletteKind; label: string }[] = [
  { kind: "entity", label: "External entity" },
  { kind: "process", label: "Process" },
  { kind: "store", label: "Data store" },
  { kind: "box", label: "Trust boundary box" },
  { kind: "line", label: "Trust boundary line" },
];

/** Adds an item to the diagram; it appears clear of the others and selected, ready to move. */
export function Palette({ add }: { add: (kind: PaletteKind) => void }) {
  return (
    <div role="toolbar" aria-label="Add to the diagram" className="flex flex-wrap gap-2">
      {ITEMS.map(({ kind, label }) => (
        <Button key={kind} type="button" variant="secondary" size="sm" onClick={() => add(kind)}>
          + {label}
        </Button>
      ))}
    </div>
  );
}
