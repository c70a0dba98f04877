import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

// Inside an organization: the item does not exist here, or the member's role does not reach it.
export default function OrganizationNotFound() {
  return (
    <div className="flex flex-col items-center px-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        It does not exist in this organization, or your role does not give access to it. Ask an owner or admin if you think it should.
      </p>
      <Link href="/" className={buttonClass("secondary", "md", "mt-6")}>
        Back to the dashboard
      </Link>
    </div>
  );
}
