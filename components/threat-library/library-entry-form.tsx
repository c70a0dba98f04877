"use client";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { LevelBadge } from "@/components/threat-models/badges";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea, describedBy } from "@/components/ui/field";
import { formValues, useAction } from "@/components/ui/use-action";
import { createLibraryEntryAction, updateLibraryEntryAction } from "@/lib/actions/threat-library";
import { suggestPriority } from "@/lib/domain/priority";
import { IMPACTS, LEVEL_LABELS, LIKELIHOODS, STRIDE_CATEGORIES, STRIDE_LABELS, type Impact, type Likelihood, type StrideCategory } from "@/lib/domain/threat-model";
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

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={label}
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
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
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("category")} label="STRIDE category" error={errorOf("category")}>
          <Select
            id={id("category")}
            name="category"
            defaultValue={entry?.category ?? defaultCategory ?? ""}
            invalid={Boolean(errorOf("category"))}
            aria-describedby={describedBy(id("category"), errorOf("category"))}
          >
            <option value="">Choose a category…</option>
            {STRIDE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {STRIDE_LABELS[c].name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("title")} label="Threat" hint="What the attacker does, e.g. “Webhook replay with a captured signature”." error={errorOf("title")}>
          <Input
            id={id("title")}
            name="title"
            defaultValue={entry?.title}
            maxLength={LIBRARY_TITLE_MAX}
            autoFocus={editing}
            invalid={Boolean(errorOf("title"))}
            aria-describedby={describedBy(id("title"), errorOf("title"), true)}
          />
        </Field>
        <Field id={id("likelihood")} label="Likelihood" error={errorOf("likelihood")}>
          <Select
            id={id("likelihood")}
            name="likelihood"
            value={likelihood}
            onChange={(e) => setLikelihood(e.currentTarget.value)}
            invalid={Boolean(errorOf("likelihood"))}
            aria-describedby={describedBy(id("likelihood"), errorOf("likelihood"))}
          >
            <option value="">Choose a likelihood…</option>
            {LIKELIHOODS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("impact")} label="Impact" error={errorOf("impact")}>
          <Select
            id={id("impact")}
            name="impact"
            value={impact}
            onChange={(e) => setImpact(e.currentTarget.value)}
            invalid={Boolean(errorOf("impact"))}
            aria-describedby={describedBy(id("impact"), errorOf("impact"))}
          >
            <option value="">Choose an impact…</option>
            {IMPACTS.map((i) => (
              <option key={i} value={i}>
                {LEVEL_LABELS[i]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <p className="flex items-center gap-2 text-sm text-slate-700" aria-live="polite">
        <span>Priority (computed from likelihood × impact):</span>
        {priority ? <LevelBadge level={priority} /> : <span className="text-slate-500">choose both to see it</span>}
      </p>
      <Field id={id("description")} label="Description (optional)" hint="How the attack works and what it needs." error={errorOf("description")}>
        <Textarea
          id={id("description")}
          name="description"
          rows={3}
          defaultValue={entry?.description}
          maxLength={LIBRARY_TEXT_MAX}
          invalid={Boolean(errorOf("description"))}
          aria-describedby={describedBy(id("description"), errorOf("description"), true)}
        />
      </Field>
      <Field id={id("mitigation")} label="Mitigation" hint="What prevents or limits it. A threat started from this entry gets it as its mitigation." error={errorOf("mitigation")}>
        <Textarea
          id={id("mitigation")}
          name="mitigation"
          rows={2}
          defaultValue={entry?.mitigation}
          maxLength={LIBRARY_TEXT_MAX}
          invalid={Boolean(errorOf("mitigation"))}
          aria-describedby={describedBy(id("mitigation"), errorOf("mitigation"), true)}
        />
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
    </form>
  );
}
