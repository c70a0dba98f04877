import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { templateSection, type TemplateSectionId } from "@/lib/domain/team-template";
import type { FixBySettings } from "@/lib/domain/sla";
import type { ModelViewData } from "../model-view";

/** What every section of the document view reads. */
export type SectionProps = {
  model: ModelViewData;
  /** The organization's fix-by rule, which the risk summary states. */
  fixBy: FixBySettings;
  mitigationById: Map<string, ModelViewData["mitigations"][number]>;
  /** An approved revision's snapshot, rather than the stored model. */
  snapshot: boolean;
  /** Replaces the mitigations table (an approved model's tracking stays editable there). */
  mitigations?: ReactNode;
};

/** One section of the template, numbered and titled as the registry says. */
export function Section({ section, description, children }: { section: TemplateSectionId; description?: string; children: ReactNode }) {
  const { anchor, number, title } = templateSection(section);
  return (
    <Card className="mb-5 break-inside-avoid">
      <CardHeader id={anchor} title={`${number}. ${title}`} description={description} />
      <div className="px-5 py-4">{children}</div>
    </Card>
  );
}

/** A column of a section's table: its header, and what a row shows in it. */
export type Column<T> = [header: string, cell: (row: T, props: SectionProps) => ReactNode];

/**
 * A section that is one table of the model's rows, or says there are none: `rows` picks them,
 * each column says what a row shows in it.
 */
export function tableSection<T>(
  section: TemplateSectionId,
  table: { caption: string; empty: ReactNode; description?: string },
  rows: (model: ModelViewData) => T[],
  columns: Column<T>[],
) {
  return function TableSection(props: SectionProps) {
    const items = rows(props.model);
    return (
      <Section section={section} description={table.description}>
        {items.length ? (
          <Table caption={table.caption} head={columns.map(([header]) => header)} rows={items.map((row) => columns.map(([, cell]) => cell(row, props)))} />
        ) : (
          <Empty>{table.empty}</Empty>
        )}
      </Section>
    );
  };
}

/**
 * A section that lists the model's rows as cards, or says there are none: `rows` picks them,
 * `item` is what a card shows; `ordered` for rows whose order is part of their meaning.
 */
export function listSection<T extends { id: string }>(
  section: TemplateSectionId,
  list: { empty: ReactNode; ordered?: boolean; itemClassName: string },
  rows: (model: ModelViewData) => T[],
  item: (row: T, props: SectionProps) => ReactNode,
) {
  const List = list.ordered ? "ol" : "ul";
  return function ListSection(props: SectionProps) {
    const items = rows(props.model);
    return (
      <Section section={section}>
        {items.length ? (
          <List className="space-y-3">
            {items.map((row) => (
              <li key={row.id} className={list.itemClassName}>
                {item(row, props)}
              </li>
            ))}
          </List>
        ) : (
          <Empty>{list.empty}</Empty>
        )}
      </Section>
    );
  };
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-600 italic">{children}</p>;
}

export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="border-b border-slate-200 py-2 pr-4 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) => (
                <td key={j} className="py-2 pr-4 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
