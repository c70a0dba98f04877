import { Fragment } from "react";
import { Badge } from "@/components/ui/badge";
import type { FieldChange, RevisionDiff, RowDiff } from "@/lib/domain/revision-diff";
import { condenseWordDiff, wordDiff, type CondensedSegment } from "@/lib/domain/word-diff";

const KIND: Record<RowDiff["kind"] | "tracking", { label: string; tone: "green" | "red" | "amber" | "blue"; border: string }> = {
  added: { label: "Added", tone: "green", border: "border-l-emerald-500" },
  removed: { label: "Removed", tone: "red", border: "border-l-red-500" },
  changed: { label: "Changed", tone: "amber", border: "border-l-amber-500" },
  // Tracking goes on after approval (a mitigation marked implemented, its ticket, owner, due
  // date): it is told apart from a change to the analysis.
  tracking: { label: "Tracking updated", tone: "blue", border: "border-l-blue-500" },
};

const kindOf = (row: RowDiff) => (row.tracking ? "tracking" : row.kind);

/** Texts longer than this show their changes with some words of context; the whole text is one click away. */
const LONG_TEXT = 240;

function Empty() {
  return <span className="text-slate-600 italic">empty</span>;
}

/**
 * One side of a changed text. The words only this side has are marked: struck through when
 * removed, underlined when added, with the colour repeating it and a hidden word for screen readers.
 */
function Marked({ segments, side }: { segments: CondensedSegment[]; side: "before" | "after" }) {
  return (
    <span className="whitespace-pre-wrap text-slate-800">
      {segments.map((s, i) => {
        if (s.kind === "gap") {
          return (
            <span key={i} className="text-slate-600">
              {" … "}
              <span className="sr-only">(unchanged text left out)</span>
            </span>
          );
        }
        if (s.kind === "same") return <Fragment key={i}>{s.text}</Fragment>;
        if (side === "before" && s.kind === "removed") {
          return (
            <del key={i} className="rounded-sm bg-red-100 px-0.5 text-red-900 decoration-red-800">
              <span className="sr-only">[removed: </span>
              {s.text}
              <span className="sr-only">]</span>
            </del>
          );
        }
        if (side === "after" && s.kind === "added") {
          return (
            <ins key={i} className="rounded-sm bg-emerald-100 px-0.5 text-emerald-900 decoration-emerald-800">
              <span className="sr-only">[added: </span>
              {s.text}
              <span className="sr-only">]</span>
            </ins>
          );
        }
        return null;
      })}
    </span>
  );
}

/** A changed field: the words that changed, not the whole paragraph, are marked on each side. */
function ChangedValues({ change }: { change: FieldChange }) {
  const segments = wordDiff(change.before, change.after);
  const long = change.before.length > LONG_TEXT || change.after.length > LONG_TEXT;
  const shown = long ? condenseWordDiff(segments) : segments;
  const condensed = shown.some((s) => s.kind === "gap");
  const side = (which: "before" | "after", text: string) => {
    if (!text) return <Empty />;
    return (
      <>
        <Marked segments={shown} side={which} />
        {condensed && (
          <details className="mt-1">
            <summary className="cursor-pointer text-brand-700">Show the whole text</summary>
            <span className="mt-1 block">
              <Marked segments={segments} side={which} />
            </span>
          </details>
        )}
      </>
    );
  };
  return (
    <>
      <td className="py-0.5 pr-3" data-side="before">
        <span className="sr-only">Before: </span>
        {side("before", change.before)}
      </td>
      <td className="py-0.5" data-side="after">
        <span className="sr-only">After: </span>
        {side("after", change.after)}
      </td>
    </>
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
          <tr key={c.field} className="align-top" data-testid="diff-field">
            <th scope="row" className="w-40 py-0.5 pr-3 font-medium text-slate-600">
              {c.label}
              {markTracking && c.tracking && <span className="ml-1 font-normal text-blue-800">(tracking)</span>}
            </th>
            <ChangedValues change={c} />
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
              <li
                key={`${row.kind}-${row.key}`}
                className={`rounded-md border border-l-4 border-slate-200 p-3 ${KIND[kindOf(row)].border}`}
                data-kind={kindOf(row)}
              >
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
