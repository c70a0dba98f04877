"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink, Spinner } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { commitImportAction, previewImportAction } from "@/lib/actions/imports";
import { decodeImport, IMPORT_FORMAT_LABELS, MAX_IMPORT_BYTES, TOO_LARGE } from "@/lib/domain/exchange/detect";
import type { ImportCounts, ImportPreview } from "@/lib/domain/exchange/prepare";
import { IMPLEMENTATION_STATUS_LABELS, IMPLEMENTATION_STATUSES, STRIDE_CATEGORIES, STRIDE_LABELS } from "@/lib/domain/threat-model";
import type { TImportFile } from "@/lib/validation/imports";

type Source = { fileName: string; content: string };

/** "attack-scenarios" → "Attack scenarios"; names that are already words stay as they are. */
function sectionLabel(section: string) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(section)) return section;
  const words = section.replace(/-/g, " ");
  return section === "stride" ? "STRIDE threat analysis" : words[0]!.toUpperCase() + words.slice(1);
}

function CountsTable({ counts }: { counts: ImportCounts }) {
  const rows: [string, number][] = [
    ...STRIDE_CATEGORIES.map((c): [string, number] => [`${STRIDE_LABELS[c].name} threats`, counts.threatsByCategory[c]]),
    ...IMPLEMENTATION_STATUSES.map((s): [string, number] => [`Mitigations ${IMPLEMENTATION_STATUS_LABELS[s].toLowerCase()}`, counts.mitigationsByStatus[s]]),
    ["Attack scenarios", counts.scenarios],
    ["Security controls", counts.controls],
    ["Assets", counts.assets],
    ["Trust boundaries", counts.boundaries],
    ["Security invariants", counts.invariants],
    ["Residual risks", counts.residualRisks],
    ["Diagrams", counts.diagrams],
    ["External entities", counts.elementsByKind.entity],
    ["Processes", counts.elementsByKind.process],
    ["Data stores", counts.elementsByKind.store],
    ["Data flows", counts.flows],
    ["Trust boundaries drawn", counts.drawnBoundaries],
  ];
  return (
    <table className="w-full max-w-md text-sm" data-testid="import-counts">
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label} className="border-b border-slate-100 last:border-0">
            <th scope="row" className="py-1 pr-4 text-left font-normal text-slate-600">
              {label}
            </th>
            <td className="py-1 text-right font-medium tabular-nums text-slate-900" data-count={label}>
              {n}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PreviewCard({
  preview,
  source,
  titles,
  onTitle,
}: {
  preview: ImportPreview;
  source: Source;
  titles: string[];
  onTitle: (index: number, title: string) => void;
}) {
  const general = preview.warnings.filter((w) => w.document === undefined);
  return (
    <Card className="mt-6">
      <CardHeader
        title="Preview"
        description={`${source.fileName || "Pasted text"} · ${IMPORT_FORMAT_LABELS[preview.format]} · ${preview.documents.length} threat model${preview.documents.length === 1 ? "" : "s"}. Nothing has been saved yet.`}
      />
      <div className="space-y-6 px-5 py-4" data-testid="import-preview">
        {general.map((w, i) => (
          <Alert key={i} tone="warning">
            {w.message}
          </Alert>
        ))}
        {preview.documents.map((doc, i) => {
          const warnings = preview.warnings.filter((w) => w.document === i);
          return (
            <section key={i} aria-labelledby={`import-doc-${i}`} data-testid="import-document" className="space-y-3">
              <h3 id={`import-doc-${i}`} className="text-base font-semibold text-slate-900">
                {doc.title}
              </h3>
              <div className="max-w-xl">
                <Field id={`import-title-${i}`} label="Title" hint="The model is saved under this title; change it to rename the model.">
                  <Input
                    id={`import-title-${i}`}
                    value={titles[i] ?? doc.importTitle}
                    maxLength={200}
                    aria-describedby={`import-title-${i}-hint`}
                    onChange={(event) => onTitle(i, event.currentTarget.value)}
                  />
                </Field>
              </div>
              <div className="grid gap-6 md:grid-cols-2">
                <div>
                  <h4 className="mb-1 text-sm font-medium text-slate-800">Sections found</h4>
                  {doc.sections.length ? (
                    <ul className="list-inside list-disc text-sm text-slate-700" data-testid="import-sections">
                      {doc.sections.map((s) => (
                        <li key={s}>{sectionLabel(s)}</li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-sm text-slate-500">No sections with content.</p>
                  )}
                </div>
                <div>
                  <h4 className="mb-1 text-sm font-medium text-slate-800">What will be imported</h4>
                  <CountsTable counts={doc.counts} />
                </div>
              </div>
              {warnings.length > 0 && (
                <div>
                  <h4 className="mb-1 text-sm font-medium text-slate-800">Warnings ({warnings.length})</h4>
                  <ul className="space-y-1 text-sm text-amber-900" data-testid="import-warnings">
                    {warnings.map((w, j) => (
                      <li key={j}>
                        {w.line !== undefined && <span className="font-medium">Line {w.line}: </span>}
                        {w.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </section>
          );
        })}
      </div>
    </Card>
  );
}

export function ImportForm({ organizationSlug }: { organizationSlug: string }) {
  const router = useRouter();
  const preview = useAction((input: TImportFile) => previewImportAction(organizationSlug, input));
  const commit = useAction((input: TImportFile) => commitImportAction(organizationSlug, input));
  const [file, setFile] = useState<Source | null>(null);
  const [pasted, setPasted] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<{ source: Source; preview: ImportPreview } | null>(null);
  const [titles, setTitles] = useState<string[]>([]);
  const [reading, setReading] = useState(false);

  const source: Source | null = pasted.trim() ? { fileName: "", content: pasted } : file;
  const changed = () => {
    setPreviewed(null);
    setLocalError(null);
    preview.reset();
    commit.reset();
  };

  async function chooseFile(chosen: File | undefined) {
    changed();
    setFile(null);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) {
      setLocalError(TOO_LARGE);
      return;
    }
    setReading(true);
    try {
      // Decoded here strictly, so a binary file is refused before it is sent anywhere.
      const decoded = decodeImport(new Uint8Array(await chosen.arrayBuffer()));
      if (!decoded.ok) setLocalError(decoded.error);
      else setFile({ fileName: chosen.name, content: decoded.text });
    } catch {
      setLocalError("The file could not be read. Choose it again.");
    } finally {
      setReading(false);
    }
  }

  const error = localError ?? preview.error ?? commit.error;
  const details = [
    ...(preview.fieldError("file") ?? []),
    ...(commit.fieldError("file") ?? []),
    ...(preview.fieldError("content") ?? []),
    ...(commit.fieldError("content") ?? []),
  ];
  const busy = reading || preview.pending || commit.pending;

  return (
    <>
      <Card>
        <ActionForm
          label="Import threat models"
          className="space-y-5 px-5 py-5"
          onSubmit={() => {
            if (!source) {
              setLocalError("Choose a file or paste a threat model.");
              return;
            }
            const sent = source;
            preview.run(sent, (data) => {
              setPreviewed({ source: sent, preview: data });
              setTitles(data.documents.map((d) => d.importTitle));
            });
          }}
        >
          <Field id="import-file" label="File" hint="Markdown (.md, .txt), ThreatDesk JSON, or an OWASP Threat Dragon v2 file (.json). At most 5 MB.">
            <input
              id="import-file"
              type="file"
              accept=".md,.markdown,.txt,.json,text/markdown,text/plain,application/json"
              aria-describedby="import-file-hint"
              onChange={(event) => void chooseFile(event.currentTarget.files?.[0])}
              className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
            />
          </Field>
          <Field id="import-text" label="Or paste Markdown or JSON" hint="Pasted text is used instead of the file.">
            <Textarea
              id="import-text"
              rows={8}
              value={pasted}
              aria-describedby="import-text-hint"
              onChange={(event) => {
                changed();
                setPasted(event.currentTarget.value);
              }}
              className="font-mono text-xs"
            />
          </Field>
          {error && (
            <Alert tone="error" title={error}>
              {details.length > 0 && (
                <ul className="list-inside list-disc" data-testid="import-errors">
                  {details.map((d, i) => (
                    <li key={i}>{d}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant={previewed ? "secondary" : "primary"} pending={preview.pending} disabled={busy || !source}>
              Preview
            </Button>
            <ButtonLink variant="ghost" href={`/${organizationSlug}/models`}>
              Cancel
            </ButtonLink>
            {busy && (
              <span role="status" className="flex items-center gap-2 text-sm text-slate-600">
                <Spinner />
                {reading ? "Reading the file…" : preview.pending ? "Reading the threat model…" : "Importing…"}
              </span>
            )}
          </div>
        </ActionForm>
      </Card>
      {previewed && (
        <>
          <PreviewCard
            preview={previewed.preview}
            source={previewed.source}
            titles={titles}
            onTitle={(index, title) => setTitles((current) => current.map((t, i) => (i === index ? title : t)))}
          />
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Button
              type="button"
              pending={commit.pending}
              disabled={busy}
              onClick={() => commit.run({ ...previewed.source, titles }, ({ path }) => router.push(path))}
            >
              Import {previewed.preview.documents.length === 1 ? "threat model" : `${previewed.preview.documents.length} threat models`}
            </Button>
            <span className="text-sm text-slate-600">Imported models start as drafts owned by you.</span>
          </div>
        </>
      )}
    </>
  );
}
