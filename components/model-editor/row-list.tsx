"use client";
import { useContext, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useNearScreen } from "@/components/ui/use-near-screen";
import { ErrorsShown, RowTouch } from "./inputs";

type Keyed = { key: string; id?: string };

/**
 * How many rows of a list are drawn in full from the start. The others are drawn when they come
 * near the screen: a model with hundreds of threats and mitigations would otherwise send, and
 * render, every field of every row before the page can be used.
 */
export const ROWS_DRAWN_AT_ONCE = 10;

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
  summaryOf,
  anchorOf,
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
  /** A line about a row not drawn yet (its rating, its status), beside its name. */
  summaryOf?: (row: R) => string;
  /** The id links to a row point at: carried before the row is drawn, so the link still lands. */
  anchorOf?: (row: R) => string | undefined;
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
          <DeferredRow
            key={row.key}
            // New rows are drawn at once: they are where the user is typing.
            eager={index < ROWS_DRAWN_AT_ONCE || !row.id}
            className={layout === "cards" ? "rounded-md border border-slate-200 p-3" : "py-2"}
            label={itemLabel(row) || `Item ${index + 1}`}
            summary={summaryOf?.(row)}
            anchor={anchorOf?.(row)}
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
          </DeferredRow>
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

/**
 * One row of the list: drawn in full when eager or near the screen; until then its name (a
 * button that draws it and moves focus into it) and its summary.
 */
function DeferredRow({
  eager,
  className,
  label,
  summary,
  anchor,
  children,
}: {
  eager: boolean;
  className: string;
  label: string;
  summary: string | undefined;
  anchor: string | undefined;
  children: ReactNode;
}) {
  const { ref, near, show } = useNearScreen<HTMLLIElement>(eager);
  if (near)
    return (
      <li className={className} aria-label={label}>
        {children}
      </li>
    );
  return (
    <li ref={ref} id={anchor} className={`${className} scroll-mt-24`} aria-label={label} data-deferred-row>
      <button
        type="button"
        className="w-full text-left text-sm"
        onClick={(e) => {
          const li = e.currentTarget.closest("li");
          show();
          // After the row is drawn: the first of its fields.
          requestAnimationFrame(() => li?.querySelector<HTMLElement>("input, textarea, select")?.focus());
        }}
      >
        <span className="font-medium text-slate-900">{label}</span>
        {summary && <span className="ml-2 text-xs text-slate-600">{summary}</span>}
      </button>
    </li>
  );
}
