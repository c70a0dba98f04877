import type { ReactNode } from "react";
import { cx } from "@/lib/cx";

/** The header of one column of a plain table (lists that page and sort use DataTable). */
export function ColumnHeader({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <th scope="col" className={cx("font-medium", className)}>
      {children}
    </th>
  );
}
