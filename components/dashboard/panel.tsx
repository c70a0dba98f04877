import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { cx } from "@/lib/cx";
import { LEVEL_LABELS } from "@/lib/domain/threat-model";
import { formatDate } from "@/lib/format";
import type { RiskView, TRiskList } from "@/lib/validation/dashboard";

// What every dashboard panel shares: the card it sits on, its links and its tables. Panels are
// drawn on the server; every number links to the list behind it, and every chart has a table.

export const SECTION = "break-inside-avoid";
export const NUMBER_LINK =
  "font-semibold text-slate-900 tabular-nums underline decoration-slate-300 underline-offset-2 hover:text-brand-700 hover:decoration-brand-700";
export const TD = "px-3 py-2 align-top";
const TH = "px-3 py-2 text-left text-xs font-medium text-slate-600";

/** A link to one of the risk register's lists, with the dashboard's filters. */
export type Drill = (view: RiskView, extra?: Partial<TRiskList>) => string;

export function dateOf(ymd: string) {
  return formatDate(new Date(`${ymd}T00:00:00.000Z`));
}

export function Panel({
  id,
  title,
  description,
  actions,
  children,
  wide,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={cx(SECTION, wide && "lg:col-span-2 print:col-span-2")}>
      <Card className="h-full">
        <CardHeader id={id} title={title} description={description} actions={actions} />
        {children}
      </Card>
    </div>
  );
}

export function AllLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="no-print text-sm font-medium text-brand-700 hover:underline">
      {children}
    </Link>
  );
}

export function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="px-5 py-4 text-sm text-slate-600">{children}</p>;
}

/** A panel's short list as a table: the first and last columns line up with the card's edges. */
export function PanelTable({
  testId,
  caption,
  columns,
  children,
}: {
  testId: string;
  caption: string;
  columns: { label: string; numeric?: boolean }[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c, i) => (
              <th key={c.label} scope="col" className={cx(TH, i === 0 && "pl-5", i === columns.length - 1 && "pr-5", c.numeric && "text-right")}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** The first cell of a row: what it names, linked to its model, with a line about it below. */
export function TitleCell({ href, title, detail }: { href: string; title: string; detail?: ReactNode }) {
  return (
    <td className={cx(TD, "pl-5")}>
      <Link href={href} className="text-slate-900 hover:text-brand-700 hover:underline">
        {title}
      </Link>
      {detail && <p className="text-xs text-slate-500">{detail}</p>}
    </td>
  );
}

/** A panel's short list: "All n →" when the full list is longer, a note instead when it is empty. */
export function ListPanel({
  id,
  title,
  description,
  total,
  shown,
  allHref,
  empty,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  total: number;
  shown: number;
  allHref: string;
  empty: string;
  children: ReactNode;
}) {
  return (
    <Panel id={id} title={title} description={description} actions={total > shown && <AllLink href={allHref}>All {total} →</AllLink>}>
      {shown === 0 ? <EmptyNote>{empty}</EmptyNote> : children}
    </Panel>
  );
}

/** A count linked to the list it counts; with `quietZero`, a zero reads quieter. */
export function CountLink({ n, href, label, quietZero }: { n: number; href: string; label: string; quietZero?: boolean }) {
  return (
    <Link href={href} className={quietZero && !n ? "text-slate-400 hover:text-brand-700" : NUMBER_LINK} aria-label={label}>
      {n}
    </Link>
  );
}

/** Column headers naming levels (Low … Critical), one a column. */
export function LevelHeaders({ levels, className }: { levels: readonly (keyof typeof LEVEL_LABELS)[]; className: string }) {
  return levels.map((level) => (
    <th key={level} scope="col" className={className}>
      {LEVEL_LABELS[level]}
    </th>
  ));
}

/** The header cell that names a table row. */
export function RowHeader({ className, children }: { className: string; children: ReactNode }) {
  return (
    <th scope="row" className={className}>
      {children}
    </th>
  );
}
