"use client";
import { useSearchParams } from "next/navigation";
import type { ComponentProps, FormEvent, ReactNode } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Options, Select } from "@/components/ui/field";
import { useUrlNavigation } from "@/components/ui/use-url-navigation";
import { formValues } from "@/components/ui/use-action";
import { cx } from "@/lib/cx";

/** The URL a filter form's GET would load, without the fields left empty. */
export function filterHref(action: string, values: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value.trim()) query.set(key, value.trim());
  const search = query.toString();
  return search ? `${action}?${search}` : action;
}

/**
 * A list's filters live in the URL. Submitting loads the form's GET URL (`filterHref`) as a client
 * navigation; `resetKey` changes with the URL's values of the named fields, so Back or Clear
 * filters shows them in the fields, while a new sort or page keeps what is being typed.
 */
export function useUrlFilters(action: string, fields: readonly string[]) {
  const { go, pending } = useUrlNavigation();
  const params = useSearchParams();
  const resetKey = fields.map((field) => params.get(field) ?? "").join("\u0000");
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go(filterHref(action, formValues(event.currentTarget)));
  };
  return { onSubmit, pending, resetKey };
}

/**
 * A list's filter form: its fields, Apply, and Clear while a filter is active. Without JavaScript
 * it is a plain GET of the same URL. `KeptParams` among the children carry what the list keeps
 * across a filter change.
 */
export function FilterForm({
  action,
  label,
  fields,
  clearHref,
  clearLabel = "Clear filters",
  className,
  children,
}: {
  action: string;
  label: string;
  /** The names of the filters, whose URL values the fields show. */
  fields: readonly string[];
  /** Set while a filter is active. */
  clearHref?: string;
  clearLabel?: string;
  className?: string;
  children: ReactNode;
}) {
  const { onSubmit, pending, resetKey } = useUrlFilters(action, fields);
  return (
    <form
      key={resetKey}
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className={cx("flex flex-wrap items-end gap-3", className)}
      onSubmit={onSubmit}
    >
      {children}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" pending={pending}>
          Apply
        </Button>
        {clearHref && (
          <ButtonLink variant="ghost" href={clearHref}>
            {clearLabel}
          </ButtonLink>
        )}
      </div>
    </form>
  );
}

/** What the list keeps across a filter change (its view, its sort), as hidden fields. */
export function KeptParams({ params }: { params: URLSearchParams | Record<string, string> }) {
  const entries = params instanceof URLSearchParams ? [...params] : Object.entries(params);
  return entries.map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />);
}

type FilterFieldProps = { id: string; name: string; label: string; className?: string };

function Labelled({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * A filter of fixed choices whose first option means "no filter" (an empty value). A value from
 * the URL that is no longer offered (a former member, a deleted model) stays selectable, named
 * `unlistedLabel` or else by itself.
 */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
  unlistedLabel,
  className,
}: FilterFieldProps & { value: string | undefined; anyLabel: string; options: readonly { value: string; label: string }[]; unlistedLabel?: string }) {
  const unlisted = value && !options.some((o) => o.value === value) ? [{ value, label: unlistedLabel ?? value }] : [];
  return (
    <Labelled id={id} label={label} className={className}>
      <Select id={id} name={name} defaultValue={value ?? ""}>
        <Options options={[{ value: "", label: anyLabel }, ...options, ...unlisted]} />
      </Select>
    </Labelled>
  );
}

/** A typed filter: a search text or a date. */
export function FilterInput({
  id,
  name,
  label,
  value,
  className,
  ...props
}: FilterFieldProps & { value: string | undefined } & Pick<ComponentProps<"input">, "type" | "placeholder" | "maxLength" | "min" | "max">) {
  return (
    <Labelled id={id} label={label} className={className}>
      <Input id={id} name={name} defaultValue={value ?? ""} {...props} />
    </Labelled>
  );
}

/** A yes-or-no filter, sent as `name=1` when ticked. */
export function FilterCheckbox({ id, name, label, checked }: Omit<FilterFieldProps, "className"> & { checked: boolean }) {
  return (
    <div className="flex h-10 items-center gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        value="1"
        defaultChecked={checked}
        className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-2 focus:ring-brand-600/30"
      />
      <label htmlFor={id} className="text-sm text-slate-700">
        {label}
      </label>
    </div>
  );
}
