import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { cx } from "@/lib/cx";
import type { EditorDiagram } from "./types";

/** The model's diagrams as tabs, with adding, renaming and (after asking) deleting the current one. */
export function DiagramTabs({
  diagrams,
  current,
  choose,
  add,
  rename,
  remove,
  readOnly,
}: {
  diagrams: readonly EditorDiagram[];
  current: EditorDiagram | undefined;
  choose: (key: string) => void;
  add: () => void;
  rename: (name: string) => void;
  remove: () => void;
  readOnly: boolean;
}) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <div role="tablist" aria-label="Diagrams" className="flex flex-wrap gap-1">
          {diagrams.map((d) => (
            <button
              key={d.key}
              type="button"
              role="tab"
              aria-selected={d.key === current?.key}
              className={cx(
                "rounded-md border px-3 py-1 text-sm",
                d.key === current?.key
                  ? "border-brand-600 bg-brand-50 font-semibold text-brand-800"
                  : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
              )}
              onClick={() => choose(d.key)}
            >
              {d.name.trim() || "Untitled diagram"}
            </button>
          ))}
        </div>
        {!readOnly && (
          <Button type="button" variant="secondary" size="sm" onClick={add}>
            + Add diagram
          </Button>
        )}
      </div>
      {current && !readOnly && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="w-64">
            <Field id={`${id}-name`} label="Diagram name">
              <Input id={`${id}-name`} value={current.name} maxLength={200} onChange={(e) => rename(e.target.value)} />
            </Field>
          </div>
          <Button type="button" variant="ghost" size="sm" onClick={() => setAsking(true)}>
            Delete diagram
          </Button>
        </div>
      )}
      {asking && current && (
        <Dialog
          title={`Delete the diagram “${current.name.trim() || "Untitled diagram"}”?`}
          description="Its elements, flows and boundaries go with it. You can undo this until the next deletion."
          onOpenChange={(open) => !open && setAsking(false)}
          size="sm"
        >
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
              Keep it
            </Button>
            <Button
              type="button"
              variant="danger"
              onClick={() => {
                setAsking(false);
                remove();
              }}
            >
              Delete diagram
            </Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
