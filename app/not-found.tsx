import Link from "next/link";
import { Wordmark } from "@/components/shell/logo";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 py-16 text-center">
      <Wordmark />
      <p className="mt-8 text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        It does not exist, or you do not have access to it. If someone sent you this link, ask them to check your membership.
      </p>
      <Link href="/" className={buttonClass("secondary", "md", "mt-6")}>
        Back to ThreatDesk
      </Link>
    </main>
  );
}
