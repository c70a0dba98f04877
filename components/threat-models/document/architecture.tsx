import { Markdown } from "@/components/model-editor/markdown";
import { DrawnDiagrams } from "./drawn-diagrams";
import { Empty, Section, type SectionProps } from "./section";

export function ArchitectureSection({ model, snapshot }: SectionProps) {
  return (
    <Section section="architecture">
      {model.drawn && model.drawn.length > 0 && (
        <div className="mb-4">
          <DrawnDiagrams
            diagrams={model.drawn}
            threats={model.threats}
            downloadHref={snapshot || !model.svgBase ? undefined : (id) => `${model.svgBase}/${id}/svg`}
          />
        </div>
      )}
      {/* Written in Markdown, as the editor's preview shows it: a fenced block is the diagram. */}
      {model.architecture ? <Markdown>{model.architecture}</Markdown> : <Empty>No architecture or data flow described yet.</Empty>}
      {model.dataFlow && (
        <div className="mt-3">
          <h3 className="text-sm font-semibold text-slate-900">Data flow</h3>
          <Markdown>{model.dataFlow}</Markdown>
        </div>
      )}
    </Section>
  );
}
