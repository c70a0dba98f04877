import type { Diagram } from "@/lib/domain/diagram/diagram";
import { ELEMENT_KIND_LABEL } from "@/lib/domain/diagram/diagram";
import { threatBadges } from "@/lib/domain/diagram/badges";
import { diagramSvg, flowLabel } from "@/lib/domain/diagram/svg";
import { LEVEL_LABELS, type Priority } from "@/lib/domain/threat-model";

type ThreatOnItems = { title: string; priority: Priority; elementIds?: readonly string[] };

/**
 * A model's diagrams as its readers see them (viewers, print, approved revisions): each drawn as
 * a picture made on the server, and as a list of its elements, flows and boundaries with their
 * threats, which is also what a screen reader reads.
 */
export function DrawnDiagrams({
  diagrams,
  threats,
  downloadHref,
}: {
  diagrams: readonly Diagram[];
  threats: readonly ThreatOnItems[];
  /** Where a saved diagram downloads as SVG; absent for a revision's snapshot. */
  downloadHref?: (diagramId: string) => string;
}) {
  const on = (id: string) => threats.filter((t) => t.elementIds?.includes(id));
  return (
    <div className="space-y-6" data-testid="drawn-diagrams">
      {diagrams.map((d) => {
        const items = [...d.elements, ...d.flows];
        const badges = threatBadges(
          items.map((i) => i.id),
          threats,
        );
        const svg = diagramSvg(d, { badges });
        const nameOf = (id: string) => d.elements.find((e) => e.id === id)?.name || id;
        return (
          <figure key={d.id} className="break-inside-avoid">
            <figcaption className="mb-2 flex items-baseline justify-between gap-3 text-sm font-semibold text-slate-900">
              {d.name}
              {downloadHref && (
                <a href={downloadHref(d.id)} className="no-print text-xs font-normal text-brand-700 underline" download>
                  Download SVG
                </a>
              )}
            </figcaption>
            {/* Made by diagramSvg from escaped text only: no script, no external reference. */}
            <div
              className="overflow-x-auto rounded-md border border-slate-200 bg-white p-2 [&_svg]:h-auto [&_svg]:max-w-full"
              aria-hidden
              dangerouslySetInnerHTML={{ __html: svg }}
            />
            <details className="mt-2 text-sm text-slate-700" open={items.length <= 12}>
              <summary className="cursor-pointer">The diagram as text</summary>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {d.elements.map((e) => (
                  <li key={e.id}>
                    {ELEMENT_KIND_LABEL[e.kind]} “{e.name || e.id}”{e.outOfScope ? ` (out of scope: ${e.outOfScopeReason})` : ""}
                    <Threats list={on(e.id)} />
                  </li>
                ))}
                {d.flows.map((f) => (
                  <li key={f.id}>
                    data flow {nameOf(f.from)} → {nameOf(f.to)}
                    {flowLabel(f) ? `: ${flowLabel(f)}` : ""}
                    {f.outOfScope ? ` (out of scope: ${f.outOfScopeReason})` : ""}
                    <Threats list={on(f.id)} />
                  </li>
                ))}
                {d.boundaries.map((b) => (
                  <li key={b.id}>trust boundary “{b.name || b.id}”</li>
                ))}
              </ul>
            </details>
          </figure>
        );
      })}
    </div>
  );
}

function Threats({ list }: { list: ThreatOnItems[] }) {
  if (!list.length) return null;
  return <span className="text-slate-600">: {list.map((t) => `${t.title} (${LEVEL_LABELS[t.priority]})`).join("; ")}</span>;
}
