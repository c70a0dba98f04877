"use client";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { LevelBadge } from "@/components/threat-models/badges";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, Input, Options, Select, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { createLibraryEntryAction, updateLibraryEntryAction } from "@/lib/actions/threat-library";
import { suggestPriority } from "@/lib/domain/priority";
import {
  IMPACTS,
  LEVEL_LABELS,
  LIKELIHOODS,
  STRIDE_CATEGORIES,
  STRIDE_LABELS,
  type Impact,
  type Likelihood,
  type StrideCategory,
} from "@/lib/domain/threat-model";
import type { LibraryEntry } from "@/lib/domain/threat-library";
import { LIBRARY_TEXT_MAX, LIBRARY_TITLE_MAX, ZLibraryEntryInput, type TLibraryEntryInput } from "@/lib/validation/threat-library";

type Saved = { id: string; title: string; category: string };

type Props = {
  organizationSlug: string;
  /** Prefixes the controls' ids, so several forms can share a page. */
  idPrefix: string;
  label: string;
  submitLabel: string;
  onSaved: (saved: Saved, form: HTMLFormElement) => void;
  onCancel?: () => void;
  cancelLabel?: string;
  /** Edit mode: the entry being edited. Add mode: optional starting values (e.g. the filtered category). */
  entry?: LibraryEntry;
  defaultCategory?: StrideCategory;
};

const isLikelihood = (v: string): v is Likelihood => (LIKELIHOODS as readonly string[]).includes(v);
const isImpact = (v: string): v is Impact => (IMPACTS as readonly string[]).includes(v);

/**
 * Adds or edits one organization entry. The shared zod schema checks the form in the browser
 * first (the same messages the server would send, without a round trip); the server checks it
 * again. The controls are uncontrolled except the two that drive the priority preview, so a
 * refused save never clears what was typed.
 */
export function LibraryEntryForm({ organizationSlug, idPrefix, label, submitLabel, onSaved, onCancel, cancelLabel = "Cancel", entry, defaultCategory }: Props) {
  const editing = Boolean(entry);
  const action = useAction((input: TLibraryEntryInput) =>
    entry ? updateLibraryEntryAction(organizationSlug, { ...input, entryId: entry.id }) : createLibraryEntryAction(organizationSlug, input),
  );
  const formRef = useRef<HTMLFormElement>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string[] | undefined> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [likelihood, setLikelihood] = useState<string>(entry?.likelihood ?? "");
  const [impact, setImpact] = useState<string>(entry?.impact ?? "");

  const errorOf = (name: keyof TLibraryEntryInput) => (localErrors ? localErrors[name] : action.fieldError(name));
  const formError = localErrors ? "Some fields need attention." : action.error;

  // After a refused save, take keyboard and screen-reader users to the first field to fix.
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, action.result]);

  const id = (name: string) => `${idPrefix}-${name}`;
  const priority = isLikelihood(likelihood) && isImpact(impact) ? suggestPriority(likelihood, impact) : null;
  const levelSelects = [
    { name: "likelihood", label: "Likelihood", placeholder: "Choose a likelihood…", levels: LIKELIHOODS, value: likelihood, onChange: setLikelihood },
    { name: "impact", label: "Impact", placeholder: "Choose an impact…", levels: IMPACTS, value: impact, onChange: setImpact },
  ] as const;

  return (
    <ActionForm
      ref={formRef}
      label={label}
      className="space-y-4"
      error={formError}
      onSubmit={(values, form) => {
        const parsed = ZLibraryEntryInput.safeParse(values);
        setAttempt((n) => n + 1);
        if (!parsed.success) {
          setLocalErrors(z.flattenError(parsed.error).fieldErrors);
          return;
        }
        setLocalErrors(null);
        action.run(parsed.data, (saved) => {
          if (!editing) {
            form.reset();
            setLikelihood("");
            setImpact("");
          }
          onSaved(saved, form);
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("category")} label="STRIDE category" error={errorOf("category")}>
          {(control) => (
            <Select name="category" defaultValue={entry?.category ?? defaultCategory ?? ""} {...control}>
              <Options options={[{ value: "", label: "Choose a category…" }, ...STRIDE_CATEGORIES.map((c) => ({ value: c, label: STRIDE_LABELS[c].name }))]} />
            </Select>
          )}
        </Field>
        <Field id={id("title")} label="Threat" hint="What the attacker does, e.g. “Webhook replay with a captured signature”." error={errorOf("title")}>
          {(control) => <Input name="title" defaultValue={entry?.title} maxLength={LIBRARY_TITLE_MAX} autoFocus={editing} {...control} />}
        </Field>
        {levelSelects.map((level) => (
          <LevelSelect key={level.name} {...level} id={id(level.name)} error={errorOf(level.name)} />
        ))}
      </div>
      <p className="flex items-center gap-2 text-sm text-slate-700" aria-live="polite">
        <span>Priority (computed from likelihood × impact):</span>
        {priority ? <LevelBadge level={priority} /> : <span className="text-slate-500">choose both to see it</span>}
      </p>
      <Field id={id("description")} label="Description (optional)" hint="How the attack works and what it needs." error={errorOf("description")}>
        {(control) => <Textarea name="description" rows={3} defaultValue={entry?.description} maxLength={LIBRARY_TEXT_MAX} {...control} />}
      </Field>
      <Field
        id={id("mitigation")}
        label="Mitigation"
        hint="What prevents or limits it. A threat started from this entry gets it as its mitigation."
        error={errorOf("mitigation")}
      >
        {(control) => <Textarea name="mitigation" rows={2} defaultValue={entry?.mitigation} maxLength={LIBRARY_TEXT_MAX} {...control} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={action.pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            {cancelLabel}
          </Button>
        )}
      </div>
    </ActionForm>
  );
}

/** Likelihood or impact: they drive the priority preview, so their value is held by the form. */
function LevelSelect({
  id,
  name,
  label,
  placeholder,
  levels,
  value,
  onChange,
  error,
}: {
  id: string;
  name: string;
  label: string;
  placeholder: string;
  levels: readonly (Likelihood | Impact)[];
  value: string;
  onChange: (value: string) => void;
  error?: string[];
}) {
  return (
    <Field id={id} label={label} error={error}>
      {(control) => (
        <Select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)} {...control}>
          <Options options={[{ value: "", label: placeholder }, ...levels.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))]} />
        </Select>
      )}
    </Field>
  );
}
