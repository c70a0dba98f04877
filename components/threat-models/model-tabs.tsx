import Link from "next/link";
import { cx } from "@/lib/cx";

/** The two faces of a model: its content, and its review (sign-off, risks, revisions, comments). */
export function ModelTabs({ base, current }: { base: string; current: "model" | "review" }) {
  const tabs = [
    { key: "model", href: base, label: "Model" },
    { key: "review", href: `${base}/review`, label: "Review & sign-off" },
  ] as const;
  return (
    <nav aria-label="Threat model" className="no-print mb-5 border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map((t) => (
          <li key={t.key}>
            <Link
              href={t.href}
              aria-current={current === t.key ? "page" : undefined}
              className={cx(
                "inline-block border-b-2 px-1 pb-2 text-sm font-medium",
                current === t.key ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
