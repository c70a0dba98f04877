import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SignOutButton } from "./sign-out-button";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="flex min-w-0 items-center gap-3 lg:flex-col lg:items-stretch">
      <div className="flex min-w-0 items-center gap-3">
        <span aria-hidden="true" className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-800">
          {initials}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900" data-testid="user-name" title={name}>
            {name}
          </span>
          <span className="block truncate text-xs text-slate-600" title={email}>
            {email}
          </span>
        </span>
      </div>
      <div className="flex shrink-0 gap-2">
        <Link href="/account" className={buttonClass("secondary", "md", "h-8 px-2.5 text-xs lg:flex-1")}>
          Account
        </Link>
        <SignOutButton className="h-8 px-2.5 text-xs lg:flex-1" />
      </div>
    </div>
  );
}
