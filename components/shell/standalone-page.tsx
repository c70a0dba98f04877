import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "@/lib/cx";
import { Wordmark } from "./logo";

/** A page outside any organization (signing in, joining, creating one): the wordmark above one narrow column. */
export function StandalonePage({ className, footer, children }: { className?: string; footer?: ReactNode; children: ReactNode }) {
  return (
    <div className={cx("flex min-h-screen flex-col items-center px-4 py-12", className)}>
      <header className="mb-8">
        <Link href="/" aria-label="ThreatDesk home">
          <Wordmark />
        </Link>
      </header>
      <main className="w-full max-w-md">{children}</main>
      {footer && <footer className="mt-10 max-w-md text-center text-xs text-slate-600">{footer}</footer>}
    </div>
  );
}
