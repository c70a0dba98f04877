"use client";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { templateSection, type TemplateSectionId } from "@/lib/domain/team-template";
import type { SectionStatus } from "./use-autosave";

export type SaveStateName = SectionStatus["state"];

const SAVE_STATE_TEXT: Record<SaveStateName, string> = {
  saved: "Saved",
  pending: "Unsaved changes…",
  saving: "Saving…",
  failed: "Not saved: retrying",
  invalid: "Not saved: check the fields",
  conflict: "Not saved: conflict",
  locked: "Not saved: locked",
};

/** Where a section's (or a row's) save stands, in words and colour. */
export function SaveState({ state, conflictText = SAVE_STATE_TEXT.conflict }: { state: SaveStateName; conflictText?: string }) {
  const tone = state === "saved" ? "text-emerald-700" : state === "pending" || state === "saving" ? "text-slate-600" : "text-red-700";
  return (
    <span className={`text-xs font-medium ${tone}`} data-save-state={state}>
      {state === "conflict" ? conflictText : SAVE_STATE_TEXT[state]}
    </span>
  );
}

/** A section of the template (numbered, titled and explained by the registry), or another part of the page named here. */
type ShellHeading = { section: TemplateSectionId } | { section?: undefined; id: string; number: number | string; title: string; hint?: ReactNode };

export function SectionShell({ status, actions, children, ...heading }: ShellHeading & { status?: SectionStatus; actions?: ReactNode; children: ReactNode }) {
  const { id, number, title, hint } = heading.section ? shellHeading(heading.section) : heading;
  const message = status && (status.state === "invalid" || status.state === "failed" || status.state === "locked") ? status.message : null;
  return (
    <Card className="mb-5 scroll-mt-6">
      <section aria-labelledby={`${id}-title`} id={id}>
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              {number}. {title}
            </h2>
            {hint && <p className="mt-0.5 max-w-3xl text-sm text-slate-600">{hint}</p>}
          </div>
          <div className="flex items-center gap-3">
            {status && <SaveState state={status.state} />}
            {actions}
          </div>
        </div>
        {message && (
          <p role="alert" className="border-b border-red-100 bg-red-50 px-5 py-2 text-sm text-red-800">
            {message}
          </p>
        )}
        <div className="px-3 py-4 sm:px-5">{children}</div>
      </section>
    </Card>
  );
}

/** Field errors from the server arrive keyed "data.3.title"; this reads one row's. */
function shellHeading(id: TemplateSectionId) {
  const { anchor, number, title, guidance } = templateSection(id);
  return { id: anchor, number, title, hint: guidance };
}

export function rowErrors(status: SectionStatus | undefined, index: number): Record<string, string[]> {
  if (!status || status.state !== "invalid" || !status.fieldErrors) return {};
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(status.fieldErrors)) {
    const m = path.match(/^(?:save\.)?data\.(\d+)\.(\w+)/);
    if (m && Number(m[1]) === index && messages) out[m[2]!] = messages;
  }
  return out;
}

export function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `k${Date.now()}${Math.random().toString(36).slice(2)}`;
}

/** The errors of the model's own fields, by field name (the server names them "data.title" or "save.data.title"). */
export function fieldErrors(status: SectionStatus | undefined): Record<string, string[] | undefined> {
  if (!status || status.state !== "invalid" || !status.fieldErrors) return {};
  const out: Record<string, string[] | undefined> = {};
  for (const [path, messages] of Object.entries(status.fieldErrors)) {
    const m = path.match(/^(?:save\.)?data\.(\w+)$/);
    if (m) out[m[1]!] = messages;
  }
  return out;
}
