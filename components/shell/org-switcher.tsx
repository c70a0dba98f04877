"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { cx } from "@/lib/cx";

type Org = { slug: string; name: string; roleLabel: string };

/** The organization switcher: a disclosure menu, usable with the keyboard (Escape closes it). */
export function OrgSwitcher({ current, organizations }: { current: Org; organizations: Org[] }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-left text-sm shadow-sm hover:bg-slate-50"
      >
        <span className="min-w-0">
          <span className="block truncate font-medium text-slate-900">{current.name}</span>
          <span className="block truncate text-xs text-slate-600">{current.roleLabel}</span>
          {/* The visible name and role start the button's name, so speech input can say what it reads. */}
          <span className="sr-only">. Switch organization</span>
        </span>
        <svg className="h-4 w-4 shrink-0 text-slate-500" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
          <path d="M7 7l3-3 3 3H7Zm0 6 3 3 3-3H7Z" />
        </svg>
      </button>
      {open && (
        // In the flow, not over the page: the links it would cover stay whole (and clickable).
        <div className="mt-1 rounded-md border border-slate-200 bg-white py-1 shadow-lg" role="menu">
          <p className="px-3 py-1.5 text-xs font-medium text-slate-600">Your organizations</p>
          {organizations.map((org) => (
            <Link
              key={org.slug}
              role="menuitem"
              href={`/${org.slug}`}
              onClick={() => setOpen(false)}
              className={cx("flex items-center justify-between px-3 py-2 text-sm hover:bg-slate-50", org.slug === current.slug && "font-semibold")}
              aria-current={org.slug === current.slug ? "true" : undefined}
            >
              <span className="truncate">{org.name}</span>
              <span className="ml-2 text-xs text-slate-600">{org.roleLabel}</span>
            </Link>
          ))}
          <div className="my-1 border-t border-slate-100" />
          <Link role="menuitem" href="/orgs/new" onClick={() => setOpen(false)} className="block px-3 py-2 text-sm text-brand-700 hover:bg-slate-50">
            + New organization
          </Link>
        </div>
      )}
    </div>
  );
}
