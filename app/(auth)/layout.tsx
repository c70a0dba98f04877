import Link from "next/link";
import type { ReactNode } from "react";
import { Wordmark } from "@/components/shell/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center bg-gradient-to-b from-slate-50 to-slate-100 px-4 py-12">
      <header className="mb-8">
        <Link href="/" aria-label="ThreatDesk home">
          <Wordmark />
        </Link>
      </header>
      <main className="w-full max-w-md">{children}</main>
      <footer className="mt-10 max-w-md text-center text-xs text-slate-600">
        STRIDE threat models, dual sign-off by security and tech leads, and one view of your residual risk.
      </footer>
    </div>
  );
}
