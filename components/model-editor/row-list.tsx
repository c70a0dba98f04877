"use client";
import { useContext, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorsShown, RowTouch } from "./inputs";

type Keyed = { key: string; id?: string };

/**
 * A section's editable rows: add, remove with undo, move up and down. The rows themselves are
 * rendered by the section; this keeps the list behaviour the same everywhere.
 */
export function RowList<R extends Keyed>({
  rows,
  setRows,
  newRow,
  render,
  itemLabel,
  addLabel,
  emptyText,
  disabled,
  layout = "cards",
}: {
  rows: R[];
  setRows: (update: (rows: R[]) => R[]) => void;
  newRow: () => R;
  render: (row: R, index: number, update: (patch: Partial<R>) => void) => ReactNode;
  itemLabel: (row: R) => string;
  addLabel: string;
  emptyText: string;
  disabled?: boolean;
  layout?: "cards" | "compact";
}) {
  const [removed, setRemoved] = useState<{ row: R; index: number } | null>(null);
  const rowTouch = useContext(RowTouch);
  const update = (key: string) => (patch: Partial<R>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: number) =>
    setRows((all) => {
      const next = [...all];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item!);
      return next;
    });

  return (
    <div className="space-y-3">
      {rows.length === 0 && <p className="text-sm text-slate-500 italic">{emptyText}</p>}
      <ol className={layout === "cards" ? "space-y-3" : "divide-y divide-slate-100"}>
        {rows.map((row, index) => (
          <li
            key={row.key}
            className={layout === "cards" ? "rounded-md border border-slate-200 p-3" : "py-2"}
            aria-label={itemLabel(row) || `Item ${index + 1}`}
          >
            <div className="flex flex-col gap-2 sm:flex-row sm:gap-3">
              <div className="min-w-0 flex-1" onBlur={() => rowTouch?.touch(row.key)}>
                <ErrorsShown.Provider value={!rowTouch || Boolean(row.id) || rowTouch.touched.has(row.key)}>
                  {render(row, index, update(row.key))}
                </ErrorsShown.Provider>
              </div>
              {!disabled && (
                <div className="flex shrink-0 items-center justify-end gap-1 sm:flex-col sm:items-end sm:justify-start">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove ${itemLabel(row) || `item ${index + 1}`}`}
                    onClick={() => {
                      setRemoved({ row, index });
                      setRows((all) => all.filter((r) => r.key !== row.key));
                    }}
                  >
                    Remove
                  </Button>
                  <span className="flex gap-0.5">
                    <Button
                      type="button"
                      variant="ghost"
                      size="sm"
                      className="px-2"
                      disabled={index === 0}
                      aria-label={`Move ${itemLabel(row) || `item ${index + 1}`} up`}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </Button>
                    <Button
                      type="button"
                      variant="ghost"
                      size="sm"
                      className="px-2"
                      disabled={index === rows.length - 1}
                      aria-label={`Move ${itemLabel(row) || `item ${index + 1}`} down`}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </Button>
                  </span>
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
      {removed && (
        <p role="status" className="flex items-center gap-3 rounded-md bg-slate-800 px-3 py-2 text-sm text-white">
          Removed “{itemLabel(removed.row) || "item"}”.
          <button
            type="button"
            className="font-semibold underline"
            onClick={() => {
              const { row, index } = removed;
              setRows((all) => [...all.slice(0, index), row, ...all.slice(index)]);
              setRemoved(null);
            }}
          >
            Undo
          </button>
        </p>
      )}
      {!disabled && (
        <Button type="button" variant="secondary" size="sm" onClick={() => setRows((all) => [...all, newRow()])}>
          + {addLabel}
        </Button>
      )}
    </div>
  );
}
