"use client";
import type { ReactNode } from "react";
import { IMPACTS, LEVEL_LABELS, LIKELIHOODS, type Impact, type Likelihood } from "@/lib/domain/threat-model";
import { Choice, TextArea, TextInput } from "./inputs";

/** The names of R's fields whose values are of type V. */
type NamesOf<R, V> = { [K in keyof R]-?: R[K] extends V ? K : never }[keyof R] & string;

type Common = {
  label: string;
  className?: string;
  placeholder?: string;
  /** The field the server's errors name, where it is not the one bound (a text that is saved as a list). */
  savedAs?: string;
};

/**
 * One control of a row (or of the model's own fields), bound to one of its fields by name. The
 * name's type says which fields a control may be bound to: texts to strings, a date to a
 * YYYY-MM-DD string (null when cleared, where the field may be empty), a choice to its options.
 */
export type FieldSpec<R> =
  | (Common & { kind: "text"; name: NamesOf<R, string>; maxLength?: number; hint?: ReactNode })
  | (Common & { kind: "area"; name: NamesOf<R, string>; rows?: number })
  /** `orNone`: a cleared date is none (null) rather than an empty text. */
  | (Common & { kind: "date"; name: NamesOf<R, string | null>; orNone?: boolean })
  | (Common & { kind: "number"; name: NamesOf<R, number> })
  | (Common & { kind: "choice"; name: NamesOf<R, string | null>; options: readonly string[]; labels: Record<string, string>; emptyLabel?: string })
  | (Common & { kind: "member"; name: NamesOf<R, string | null>; members: { id: string; name: string }[]; emptyLabel: string });

/** A threat's or a scenario's likelihood and impact, which give its priority. */
export const LIKELIHOOD_AND_IMPACT: FieldSpec<{ likelihood: Likelihood; impact: Impact }>[] = [
  { kind: "choice", name: "likelihood", label: "Likelihood", options: LIKELIHOODS, labels: LEVEL_LABELS },
  { kind: "choice", name: "impact", label: "Impact", options: IMPACTS, labels: LEVEL_LABELS },
];

export type Bound<R> = { row: R; update: (patch: Partial<R>) => void; err: Record<string, string[] | undefined> };

/** The controls of a row, laid out in `className`'s grid, each showing its field's error from the server. */
export function RowFields<R>({ fields, row, update, err, className }: Bound<R> & { fields: FieldSpec<R>[]; className?: string }) {
  return (
    <div className={className}>
      {fields.map((field) => (
        <FieldControl key={field.name} field={field} row={row} update={update} err={err} />
      ))}
    </div>
  );
}

/** Members to choose from (an owner), by id. */
const memberOptions = (members: { id: string; name: string }[]) => ({
  options: members.map((m) => m.id),
  labels: Object.fromEntries(members.map((m) => [m.id, m.name])),
});

function FieldControl<R>({ field, row, update, err }: Bound<R> & { field: FieldSpec<R> }) {
  const value = row[field.name];
  const text = typeof value === "string" ? value : "";
  // The spec's name is one of R's fields of the control's type, so the value fits it.
  const set = (v: string | number | null) => update({ [field.name]: v } as Partial<R>);
  const { label, className, placeholder } = field;
  const error = err[field.savedAs ?? field.name];
  switch (field.kind) {
    case "text":
      return <TextInput {...{ label, className, placeholder, error }} value={text} onChange={set} maxLength={field.maxLength} hint={field.hint} />;
    case "area":
      return <TextArea {...{ label, className, placeholder, error }} value={text} onChange={set} rows={field.rows} />;
    case "date":
      return <TextInput {...{ label, className, error }} type="date" value={text} onChange={(v) => set(v || (field.orNone ? null : ""))} />;
    case "number":
      return <TextInput {...{ label, className, error }} type="number" value={String(value)} onChange={(v) => set(v === "" ? 0 : Number(v))} />;
    case "choice":
    case "member": {
      const { options, labels } = field.kind === "member" ? memberOptions(field.members) : field;
      return (
        <Choice
          {...{ label, className, error }}
          value={typeof value === "string" ? value : null}
          options={options}
          labels={labels}
          emptyLabel={field.emptyLabel}
          // Without an empty option the field always holds one of the options.
          onChange={(v) => (v !== null || field.emptyLabel !== undefined) && set(v)}
        />
      );
    }
  }
}
