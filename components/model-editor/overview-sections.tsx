"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import type { EditorState } from "@/lib/data/model-editor/editor-state";
import { MemberChoice, TextArea, TextInput } from "./inputs";
import { SectionShell, fieldError } from "./section-shell";
import type { SectionStatus } from "./use-autosave";

// The Markdown renderer is the editor's heaviest dependency and only the preview needs it, so it
// loads when someone first asks for a preview.
const Markdown = dynamic(() => import("./markdown").then((m) => m.Markdown), {
  loading: () => <p className="text-sm text-slate-500">Loading preview…</p>,
});

export type Fields = EditorState["fields"];
type Member = { id: string; name: string };

/** The document's front matter: what the template's header and YAML carry. */
export function FrontMatter({
  fields,
  set,
  status,
  members,
}: {
  fields: Fields;
  set: (patch: Partial<Fields>) => void;
  status: SectionStatus;
  members: Member[];
}) {
  const err = (n: keyof Fields) => fieldError(status, n);
  return (
    <SectionShell id="front-matter" number="0" title="Document" hint="Title, version and ownership, as the document’s header states them." status={status}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextInput
          className="sm:col-span-2 lg:col-span-3"
          label="Title"
          value={fields.title}
          onChange={(title) => set({ title })}
          error={err("title")}
          maxLength={200}
        />
        <TextInput label="Version" value={fields.version} onChange={(version) => set({ version })} error={err("version")} hint="Semantic version, e.g. 1.0.0" />
        <MemberChoice
          label="Owner (member)"
          value={fields.ownerId}
          members={members}
          emptyLabel="No one yet"
          onChange={(ownerId) => set({ ownerId })}
          error={err("ownerId")}
        />
        <TextInput
          label="Owning team"
          value={fields.ownerTeam}
          onChange={(ownerTeam) => set({ ownerTeam })}
          placeholder="e.g. Security Team"
          error={err("ownerTeam")}
        />
        <TextInput
          label="Category"
          value={fields.category}
          onChange={(category) => set({ category })}
          placeholder="e.g. Security & Compliance"
          error={err("category")}
        />
        <TextInput
          label="Next review date"
          type="date"
          value={fields.nextReviewDate ?? ""}
          onChange={(v) => set({ nextReviewDate: v || null })}
          error={err("nextReviewDate")}
        />
      </div>
    </SectionShell>
  );
}

export function FeatureOverview({ fields, set, status }: { fields: Fields; set: (patch: Partial<Fields>) => void; status: SectionStatus }) {
  const err = (n: keyof Fields) => fieldError(status, n);
  return (
    <SectionShell section="feature-overview" status={status}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextInput
          label="Feature being modeled"
          value={fields.featureName}
          onChange={(featureName) => set({ featureName })}
          placeholder="The name from the product requirements"
          error={err("featureName")}
        />
        <TextInput
          label="System diagram reference"
          value={fields.systemDiagramRef}
          onChange={(systemDiagramRef) => set({ systemDiagramRef })}
          placeholder="Link to the C4 component diagram, or describe the components"
          error={err("systemDiagramRef")}
        />
        <TextArea
          className="sm:col-span-2"
          label="Overview"
          value={fields.overview}
          onChange={(overview) => set({ overview })}
          placeholder="What the feature does and why it needs a threat model"
          error={err("overview")}
        />
        <TextArea
          label="In scope"
          value={fields.scopeIn}
          onChange={(scopeIn) => set({ scopeIn })}
          placeholder="What this threat model covers"
          error={err("scopeIn")}
        />
        <TextArea
          label="Out of scope"
          value={fields.scopeOut}
          onChange={(scopeOut) => set({ scopeOut })}
          placeholder="What it deliberately does not cover"
          error={err("scopeOut")}
        />
      </div>
    </SectionShell>
  );
}

const DIAGRAM_HINT = "```\nUser Browser\n    |\n    | HTTPS (TLS 1.3)\n    v\nAPI Gateway\n    |\n    +──> Database (PostgreSQL)\n```";

export function Architecture({ fields, set, status }: { fields: Fields; set: (patch: Partial<Fields>) => void; status: SectionStatus }) {
  const [preview, setPreview] = useState(false);
  const err = (n: keyof Fields) => fieldError(status, n);
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
          error={err("architecture")}
        />
      )}
      <TextArea
        className="mt-4"
        label="Data-flow notes"
        value={fields.dataFlow}
        onChange={(dataFlow) => set({ dataFlow })}
        placeholder="Anything the diagram does not say: protocols, queues, batch jobs…"
        error={err("dataFlow")}
      />
    </SectionShell>
  );
}
