import Link from "next/link";
import { cx } from "@/lib/cx";

/**
 * One key figure at the top of the dashboard, linked to the list it counts. The link reads as the
 * number and `description` (by default the label in lower case: "3 open threats").
 */
export function Figure({
  label,
  value,
  href,
  description = label.toLowerCase(),
  tone,
}: {
  label: string;
  value: number;
  href: string;
  description?: string;
  tone?: "red";
}) {
  return (
    <div className={cx("rounded-lg border bg-white p-4 shadow-sm", tone === "red" && value > 0 ? "border-red-300" : "border-slate-200")}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900">
        <Link href={href} className="tabular-nums hover:text-brand-700" aria-label={`${value} ${description}`}>
          {value}
        </Link>
      </dd>
    </div>
  );
}
