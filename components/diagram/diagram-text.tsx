import { ELEMENT_KIND_LABEL } from "@/lib/domain/diagram/diagram";
import { LEVEL_LABELS, STRIDE_LABELS } from "@/lib/domain/threat-model";
import { cx } from "@/lib/cx";
import { markerOf, type Highlight } from "./canvas-nodes";
import { flowCaption, itemName, openThreatsOn, type DiagramItem } from "./diagram-items";
import type { DiagramThreat, EditorDiagram } from "./types";

/**
 * The diagram as text, for screen readers and anyone who prefers a list: every element, flow
 * and boundary with its open threats. Choosing an item selects it on the canvas too, so arrow
 * keys, Delete and the properties panel work from here.
 */
export function DiagramText({
  diagram,
  threats,
  highlight,
  selected,
  choose,
}: {
  diagram: EditorDiagram;
  threats: readonly DiagramThreat[];
  highlight: Highlight | undefined;
  selected: readonly string[];
  choose: (id: string) => void;
}) {
  const names = new Map(diagram.elements.map((e) => [e.id, itemName(e)]));
  const entry = (item: DiagramItem, text: string) => {
    const open = openThreatsOn(threats, item.id);
    const marker = markerOf(highlight, item.id);
    return (
      <li key={item.id} className="py-1">
        <button
          type="button"
          className={cx("rounded text-left text-sm text-slate-900 underline-offset-2 hover:underline", selected.includes(item.id) && "font-semibold")}
          aria-pressed={selected.includes(item.id)}
          onClick={() => choose(item.id)}
        >
          {text}
          {marker && ` (${marker})`}
          {item.outOfScope && ` (out of scope: ${item.outOfScopeReason.trim() || "no reason given"})`}
        </button>
        {open.length > 0 && (
          <ul className="ml-4 list-disc text-xs text-slate-700">
            {open.map((t) => (
              <li key={t.key}>
                {STRIDE_LABELS[t.category].name}: {t.title.trim() || "Untitled threat"} ({LEVEL_LABELS[t.priority]})
              </li>
            ))}
          </ul>
        )}
      </li>
    );
  };
  return (
    <section aria-label="The diagram as text" className="grid gap-4 text-sm sm:grid-cols-3" data-testid="diagram-text">
      <div>
        <h4 className="font-semibold text-slate-800">Elements</h4>
        {diagram.elements.length === 0 ? (
          <p className="text-slate-600">None yet.</p>
        ) : (
          <ul>{diagram.elements.map((e) => entry(e, `${itemName(e)} (${ELEMENT_KIND_LABEL[e.kind]})`))}</ul>
        )}
      </div>
      <div>
        <h4 className="font-semibold text-slate-800">Data flows</h4>
        {diagram.flows.length === 0 ? (
          <p className="text-slate-600">None yet.</p>
        ) : (
          <ul>
            {diagram.flows.map((f) => {
              const caption = flowCaption(f);
              return entry(f, `${names.get(f.from) ?? "?"} → ${names.get(f.to) ?? "?"}${caption ? `: ${caption}` : ""}`);
            })}
          </ul>
        )}
      </div>
      <div>
        <h4 className="font-semibold text-slate-800">Trust boundaries</h4>
        {diagram.boundaries.length === 0 ? (
          <p className="text-slate-600">None yet.</p>
        ) : (
          <ul>{diagram.boundaries.map((b) => entry(b, `${itemName(b)} (${b.kind === "box" ? "box" : "line"})`))}</ul>
        )}
      </div>
    </section>
  );
}
