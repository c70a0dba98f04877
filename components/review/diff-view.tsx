import { Badge } from "@/components/ui/badge";
import type { FieldChange, RevisionDiff, RowDiff } from "@/lib/domain/revision-diff";

const KIND: Record<RowDiff["kind"] | "tracking", { label: string; tone: "green" | "red" | "amber" | "blue"; border: string }> = {
  added: { label: "Added", tone: "green", border: "border-l-emerald-500" },
  removed: { label: "Removed", tone: "red", border: "border-l-red-500" },
  changed: { label: "Changed", tone: "amber", border: "border-l-amber-500" },
  // Tracking goes on after approval (a mitigation marked implemented, its ticket, owner, due
  // date): it is told apart from a change to the analysis.
  tracking: { label: "Tracking updated", tone: "blue", border: "border-l-blue-500" },
};

const kindOf = (row: RowDiff) => (row.tracking ? "tracking" : row.kind);

/** Long texts are cut in the summary; the full text is one click away. */
function Value({ text, kind }: { text: string; kind: "before" | "after" }) {
  if (!text) return <span className="text-slate-400 italic">empty</span>;
  const cls = kind === "before" ? "bg-red-50 text-red-900 line-through decoration-red-300" : "bg-emerald-50 text-emerald-900";
  if (text.length <= 240) return <span className={`rounded px-1 whitespace-pre-wrap ${cls}`}>{text}</span>;
  return (
    <details>
      <summary className={`cursor-pointer rounded px-1 ${cls}`}>{text.slice(0, 200)}… (show all)</summary>
      <span className={`mt-1 block rounded px-1 whitespace-pre-wrap ${cls}`}>{text}</span>
    </details>
  );
}

/** `markTracking`: label tracking fields (in a row that also changed its analysis). */
function Changes({ changes, markTracking = false }: { changes: FieldChange[]; markTracking?: boolean }) {
  return (
    <table className="mt-1 w-full text-left text-xs">
      <thead className="sr-only">
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} className="align-top">
            <th scope="row" className="w-40 py-0.5 pr-3 font-medium text-slate-600">
              {c.label}
              {markTracking && c.tracking && <span className="ml-1 font-normal text-blue-800">(tracking)</span>}
            </th>
            <td className="py-0.5 pr-3">
              <span className="sr-only">Before: </span>
              <Value text={c.before} kind="before" />
            </td>
            <td className="py-0.5">
              <span className="sr-only">After: </span>
              <Value text={c.after} kind="after" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A section-by-section comparison of two states of a model. Words carry the meaning; colour repeats it. */
export function DiffView({ diff, emptyText = "No differences." }: { diff: RevisionDiff; emptyText?: string }) {
  if (!diff.changed) return <p className="text-sm text-slate-600">{emptyText}</p>;
  const tracking = diff.sections.reduce((n, s) => n + s.rows.filter((r) => r.tracking).length, 0);
  return (
    <div className="space-y-5" data-testid="revision-diff">
      <p className="text-sm text-slate-700">
        {diff.counts.added} added · {diff.counts.removed} removed · {diff.counts.changed - tracking} changed
        {tracking > 0 && ` · ${tracking} tracking ${tracking === 1 ? "update" : "updates"}`}
      </p>
      {diff.sections.map((section) => (
        <section key={section.section} aria-labelledby={`diff-${section.section}`}>
          <h3 id={`diff-${section.section}`} className="mb-2 text-sm font-semibold text-slate-900">
            {section.title}
          </h3>
          {section.fields.length > 0 && (
            <div className="mb-2 rounded-md border border-l-4 border-slate-200 border-l-amber-500 p-3">
              <Changes changes={section.fields} />
            </div>
          )}
          <ul className="space-y-2">
            {section.rows.map((row) => (
              <li key={`${row.kind}-${row.key}`} className={`rounded-md border border-l-4 border-slate-200 p-3 ${KIND[kindOf(row)].border}`} data-kind={kindOf(row)}>
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                  <Badge tone={KIND[kindOf(row)].tone}>{KIND[kindOf(row)].label}</Badge>
                  {row.label}
                </p>
                {row.changes.length > 0 && row.kind === "changed" && <Changes changes={row.changes} markTracking={!row.tracking} />}
                {row.changes.length > 0 && row.kind !== "changed" && (
                  <dl className="mt-1 grid grid-cols-[10rem_1fr] gap-x-3 text-xs text-slate-700">
                    {row.changes.map((c) => (
                      <div key={c.field} className="contents">
                        <dt className="font-medium text-slate-600">{c.label}</dt>
                        <dd className="whitespace-pre-wrap">{row.kind === "added" ? c.after : c.before}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
