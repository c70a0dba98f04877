"use client";
import type { ReactNode } from "react";
import type { TemplateSectionId } from "@/lib/domain/team-template";
import { RowFields, type FieldSpec } from "./row-fields";
import { RowList } from "./row-list";
import { SectionShell, rowErrors } from "./section-shell";
import type { SectionStatus } from "./use-autosave";

type Keyed = { key: string; id?: string };
export type SetRows<R> = (update: (rows: R[]) => R[]) => void;

/** What every section of rows is given by the editor. */
export type RowSectionProps<R> = { rows: R[]; setRows: SetRows<R>; status: SectionStatus; disabled?: boolean };

/** A row section's template section (its anchor, number, heading and hint), buttons, and a new row. */
export type RowSectionCopy<R> = {
  section: TemplateSectionId;
  addLabel: string;
  emptyText: string;
  itemLabel: (row: R) => string;
  newRow: (rows: R[]) => R;
  /** A row's line while it is not drawn yet (see RowList). */
  summaryOf?: (row: R) => string;
};

/**
 * A section of the template that is a list of rows (boundaries, assets, mitigations, …): its
 * heading and save state, the list's add / remove / move, and each row's field errors from the
 * server handed to the row as `err`.
 */
export function RowSection<R extends Keyed>({
  copy,
  rows,
  setRows,
  status,
  disabled,
  render,
}: RowSectionProps<R> & {
  copy: RowSectionCopy<R>;
  render: (row: R, update: (patch: Partial<R>) => void, err: Record<string, string[]>) => ReactNode;
}) {
  return (
    <SectionShell section={copy.section} status={status}>
      <RowList<R>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel={copy.addLabel}
        emptyText={copy.emptyText}
        itemLabel={copy.itemLabel}
        summaryOf={copy.summaryOf}
        newRow={() => copy.newRow(rows)}
        render={(row, index, update) => render(row, update, rowErrors(status, index))}
      />
    </SectionShell>
  );
}

/** A row section whose rows are fields only: its copy, the grid of a row and the row's controls. */
export type FieldRowsSpec<R> = RowSectionCopy<R> & { grid: string; fields: FieldSpec<R>[] };

/** The section a spec describes. */
export function fieldRowSection<R extends Keyed>(spec: FieldRowsSpec<R>) {
  return function FieldRowSection(props: RowSectionProps<R>) {
    return (
      <RowSection<R>
        {...props}
        copy={spec}
        render={(row, update, err) => <RowFields className={spec.grid} fields={spec.fields} row={row} update={update} err={err} />}
      />
    );
  };
}
