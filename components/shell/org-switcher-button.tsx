import type { ComponentProps } from "react";

/** The switcher's button: the organization's name and the user's role in it. */
export function OrgSwitcherButton({ name, roleLabel, ...props }: { name: string; roleLabel: string } & ComponentProps<"button">) {
  return (
    <button
      type="button"
      className="flex w-full items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-left text-sm shadow-sm hover:bg-slate-50"
      {...props}
    >
      <span className="min-w-0">
        <span className="block truncate font-medium text-slate-900">{name}</span>
        <span className="block truncate text-xs text-slate-600">{roleLabel}</span>
        {/* The visible name and role start the button's name, so speech input can say what it reads. */}
        <span className="sr-only">. Switch organization</span>
      </span>
      <svg className="h-4 w-4 shrink-0 text-slate-500" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
        <path d="M7 7l3-3 3 3H7Zm0 6 3 3 3-3H7Z" />
      </svg>
    </button>
  );
}
