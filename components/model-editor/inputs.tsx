"use client";
import { createContext, useContext, useId, type ReactNode } from "react";
import { Input, Select, Textarea } from "@/components/ui/field";
import { cx } from "@/lib/cx";

// Small bound inputs for the editor: a label always, the error under the control, and the
// field's current value from the editor state (controlled, so nothing typed is ever dropped).

/**
 * Whether the fields inside may show their errors: a new row's stay quiet until the user has
 * left one of its fields, so an empty row just added is not a page of "required".
 */
export const ErrorsShown = createContext(true);

/** The new rows the user has left a field of (by row key), shared by the editor's sections. */
export const RowTouch = createContext<{ touched: ReadonlySet<string>; touch: (key: string) => void } | null>(null);

type Base = { label: string; error?: string[] | string; hint?: ReactNode; className?: string; srOnlyLabel?: boolean };

function Wrap({ id, label, error, hint, className, srOnlyLabel, children }: Base & { id: string; children: ReactNode }) {
  const shown = useContext(ErrorsShown);
  const message = shown ? (Array.isArray(error) ? error[0] : error) : undefined;
  return (
    <div className={cx("space-y-1", className)}>
      <label htmlFor={id} className={cx("block text-xs font-medium text-slate-700", srOnlyLabel && "sr-only")}>
        {label}
      </label>
      {children}
      {hint && !message && <p className="text-xs text-slate-600">{hint}</p>}
      {message && (
        <p className="text-xs font-medium text-red-700" id={`${id}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}

/** What a bound text control is given: its id, value, error state and change handler. */
function useBoundControl(props: Base & { value: string; onChange: (v: string) => void; placeholder?: string; disabled?: boolean }) {
  const id = useId();
  const hasError = useContext(ErrorsShown) && Boolean(props.error && props.error.length);
  return {
    id,
    value: props.value,
    placeholder: props.placeholder,
    disabled: props.disabled,
    invalid: hasError,
    "aria-describedby": hasError ? `${id}-error` : undefined,
    onChange: (e: { currentTarget: { value: string } }) => props.onChange(e.currentTarget.value),
  };
}

export function TextInput(
  props: Base & { value: string; onChange: (v: string) => void; placeholder?: string; maxLength?: number; type?: string; disabled?: boolean },
) {
  const control = useBoundControl(props);
  return (
    <Wrap {...props} id={control.id}>
      <Input {...control} type={props.type ?? "text"} maxLength={props.maxLength} />
    </Wrap>
  );
}

export function TextArea(
  props: Base & { value: string; onChange: (v: string) => void; placeholder?: string; rows?: number; mono?: boolean; disabled?: boolean },
) {
  const control = useBoundControl(props);
  return (
    <Wrap {...props} id={control.id}>
      <Textarea {...control} rows={props.rows ?? 3} className={props.mono ? "font-mono text-xs leading-relaxed" : undefined} />
    </Wrap>
  );
}

export function Choice<T extends string>(
  props: Base & {
    value: T | null;
    options: readonly T[];
    labels: Record<string, string>;
    onChange: (v: T | null) => void;
    emptyLabel?: string;
    disabled?: boolean;
  },
) {
  const id = useId();
  return (
    <Wrap id={id} {...props}>
      <Select id={id} value={props.value ?? ""} disabled={props.disabled} onChange={(e) => props.onChange((e.currentTarget.value || null) as T | null)}>
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels[o] ?? o}
          </option>
        ))}
      </Select>
    </Wrap>
  );
}

/** A member of the organization to pick (an owner), or nobody. */
export function MemberChoice(
  props: Base & {
    value: string | null;
    members: { id: string; name: string }[];
    onChange: (id: string | null) => void;
    emptyLabel: string;
    disabled?: boolean;
  },
) {
  const { members, ...rest } = props;
  return <Choice {...rest} options={members.map((m) => m.id)} labels={Object.fromEntries(members.map((m) => [m.id, m.name]))} />;
}
