"use client";
import dynamic from "next/dynamic";
import { useState, type ReactNode } from "react";
import type { EditorState } from "@/lib/data/model-editor/editor-state";
import { TextArea } from "./inputs";
import { RowFields, type FieldSpec } from "./row-fields";
import { SectionShell, fieldErrors } from "./section-shell";
import type { SectionStatus } from "./use-autosave";

// The Markdown renderer is the editor's heaviest dependency and only the preview needs it, so it
// loads when someone first asks for a preview.
const Markdown = dynamic(() => import("./markdown").then((m) => m.Markdown), {
  loading: () => <p className="text-sm text-slate-500">Loading preview…</p>,
});

export type Fields = EditorState["fields"];
type Member = { id: string; name: string };

type FieldsProps = { fields: Fields; set: (patch: Partial<Fields>) => void; status: SectionStatus };

/** The document's front matter: what the template's header and YAML carry. */
export function FrontMatter({ fields, set, status, members }: FieldsProps & { members: Member[] }) {
  return (
    <SectionShell id="front-matter" number="0" title="Document" hint="Title, version and ownership, as the document’s header states them." status={status}>
      <RowFields
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
        fields={[
          { kind: "text", name: "title", label: "Title", className: "sm:col-span-2 lg:col-span-3", maxLength: 200 },
          { kind: "text", name: "version", label: "Version", hint: "Semantic version, e.g. 1.0.0" },
          { kind: "member", name: "ownerId", label: "Owner (member)", members, emptyLabel: "No one yet" },
          { kind: "text", name: "ownerTeam", label: "Owning team", placeholder: "e.g. Security Team" },
          { kind: "text", name: "category", label: "Category", placeholder: "e.g. Security & Compliance" },
          { kind: "date", name: "nextReviewDate", label: "Next review date", orNone: true },
        ]}
        row={fields}
        update={set}
        err={fieldErrors(status)}
      />
    </SectionShell>
  );
}

const OVERVIEW_FIELDS: FieldSpec<Fields>[] = [
  { kind: "text", name: "featureName", label: "Feature being modeled", placeholder: "The name from the product requirements" },
  { kind: "text", name: "systemDiagramRef", label: "System diagram reference", placeholder: "Link to the C4 component diagram, or describe the components" },
  { kind: "area", name: "overview", label: "Overview", className: "sm:col-span-2", placeholder: "What the feature does and why it needs a threat model" },
  { kind: "area", name: "scopeIn", label: "In scope", placeholder: "What this threat model covers" },
  { kind: "area", name: "scopeOut", label: "Out of scope", placeholder: "What it deliberately does not cover" },
];

export function FeatureOverview({ fields, set, status }: FieldsProps) {
  return (
    <SectionShell section="feature-overview" status={status}>
      <RowFields className="grid gap-4 sm:grid-cols-2" fields={OVERVIEW_FIELDS} row={fields} update={set} err={fieldErrors(status)} />
    </SectionShell>
  );
}

const DIAGRAM_HINT = "```\nUser Browser\n    |\n    | HTTPS (TLS 1.3)\n    v\nAPI Gateway\n    |\n    +──> Database (PostgreSQL)\n```";

/** The architecture section: the drawn diagrams (passed in, loaded lazily) and beside them the text and ASCII sketch. */
export function Architecture({ fields, set, status, diagrams }: FieldsProps & { diagrams?: ReactNode }) {
  const [preview, setPreview] = useState(false);
  const err = fieldErrors(status);
  return (
    <SectionShell
      section="architecture"
      status={status}
      actions={
        <div role="group" aria-label="Architecture view" className="inline-flex rounded-md border border-slate-300 text-xs">
          <button
            type="button"
            aria-pressed={!preview}
            onClick={() => setPreview(false)}
            className={`px-2.5 py-1 ${!preview ? "bg-slate-100 font-medium" : ""}`}
          >
            Write
          </button>
          <button
            type="button"
            aria-pressed={preview}
            onClick={() => setPreview(true)}
            className={`border-l border-slate-300 px-2.5 py-1 ${preview ? "bg-slate-100 font-medium" : ""}`}
          >
            Preview
          </button>
        </div>
      }
    >
      {diagrams && (
        <div className="mb-4">
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Data-flow diagrams</h3>
          {diagrams}
        </div>
      )}
      {diagrams && <h3 className="mb-2 text-sm font-semibold text-slate-800">Architecture notes and ASCII diagram</h3>}
      {preview ? (
        <div data-testid="architecture-preview" className="min-h-24 rounded-md border border-slate-200 p-3">
          {fields.architecture ? <Markdown>{fields.architecture}</Markdown> : <p className="text-sm text-slate-500 italic">Nothing to preview yet.</p>}
        </div>
      ) : (
        <TextArea
          label="Architecture and data flow (Markdown)"
          srOnlyLabel
          rows={12}
          mono
          value={fields.architecture}
          onChange={(architecture) => set({ architecture })}
          placeholder={DIAGRAM_HINT}
          error={err.architecture}
        />
      )}
      <RowFields
        className="mt-4"
        fields={[
          { kind: "area", name: "dataFlow", label: "Data-flow notes", placeholder: "Anything the diagram does not say: protocols, queues, batch jobs…" },
        ]}
        row={fields}
        update={set}
        err={err}
      />
    </SectionShell>
  );
}
