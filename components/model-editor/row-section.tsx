"use client";
import type { ReactNode } from "react";
import { RowList } from "./row-list";
import { SectionShell, rowErrors } from "./section-shell";
import type { SectionStatus } from "./use-autosave";

type Keyed = { key: string; id?: string };
export type SetRows<R> = (update: (rows: R[]) => R[]) => void;

/** What every section of rows is given by the editor. */
export type RowSectionProps<R> = { rows: R[]; setRows: SetRows<R>; status: SectionStatus; disabled?: boolean };

/**
 * A section of the template that is a list of rows (boundaries, assets, mitigations, …): its
 * heading and save state, the list's add / remove / move, and each row's field errors from the
 * server handed to the row as `err`.
 */
export function RowSection<R extends Keyed>({
  id,
  number,
  title,
  hint,
  rows,
  setRows,
  status,
  disabled,
  addLabel,
  emptyText,
  itemLabel,
  newRow,
  render,
}: RowSectionProps<R> & {
  id: string;
  number: number;
  title: string;
  hint: ReactNode;
  addLabel: string;
  emptyText: string;
  itemLabel: (row: R) => string;
  newRow: () => R;
  render: (row: R, update: (patch: Partial<R>) => void, err: Record<string, string[]>) => ReactNode;
}) {
  return (
    <SectionShell id={id} number={number} title={title} hint={hint} status={status}>
      <RowList<R>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel={addLabel}
        emptyText={emptyText}
        itemLabel={itemLabel}
        newRow={newRow}
        render={(row, index, update) => render(row, update, rowErrors(status, index))}
      />
    </SectionShell>
  );
}
