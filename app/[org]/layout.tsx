import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { NotificationBell } from "@/components/shell/notification-bell";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { RememberOrganization } from "@/components/shell/remember-organization";
import { UserMenu } from "@/components/shell/user-menu";
import { VerifyEmailBanner } from "@/components/shell/verify-email-banner";
import { can } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";
import { LockoutNotice } from "@/components/auth/lockout-notice";
import { getAccount } from "@/lib/data/accounts/get-account";
import { listMemberships } from "@/lib/data/accounts/list-memberships";
import { getLockoutNotice } from "@/lib/data/lockouts/get-lockout-notice";
import { listNotifications, refreshAcceptanceReminders } from "@/lib/data/notifications";
import { mailConfigured } from "@/lib/mail/send-mail";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";

export default async function OrganizationLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  const [memberships, account] = await Promise.all([listMemberships(ctx), getAccount(ctx)]);
  // Reminders first, so an accepted risk that fell due today is already in the bell.
  await refreshAcceptanceReminders(ctx);
  const [notifications, lockoutNotice] = await Promise.all([listNotifications(ctx, { limit: 10 }), getLockoutNotice(ctx)]);
  const bell = { items: notifications.items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })), unread: notifications.unread };

  const base = `/${ctx.organizationSlug}`;
  const nav: NavItem[] = [
    { href: base, label: "Dashboard", exact: true },
    { href: `${base}/models`, label: "Threat models" },
    { href: `${base}/risks`, label: "Risk register" },
    { href: `${base}/library`, label: "Threat library" },
    { href: `${base}/settings/members`, label: "Members" },
    { href: `${base}/settings`, label: "Settings", exact: true },
    ...(can(ctx.role, "audit.read") ? [{ href: `${base}/audit`, label: "Audit trail" }] : []),
  ];
  const orgs = memberships.map((m) => ({ slug: m.slug, name: m.name, roleLabel: ROLE_LABELS[m.role as Role] }));
  const current = { slug: ctx.organizationSlug, name: ctx.organizationName, roleLabel: ROLE_LABELS[ctx.role] };

  return (
    <div className="min-h-screen lg:flex">
      <RememberOrganization slug={ctx.organizationSlug} />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      {/* The aside spans the whole page, so its background and border do; its content stays in view. */}
      <aside aria-label="Sidebar" className="no-print border-b border-slate-200 bg-white lg:w-64 lg:shrink-0 lg:border-r lg:border-b-0">
        <div className="lg:sticky lg:top-0 lg:flex lg:h-screen lg:flex-col">
          <div className="flex items-start gap-3 px-4 py-3 lg:block lg:space-y-4 lg:px-4 lg:py-5">
            <Link
              href={base}
              className="flex h-13 items-center gap-2 lg:h-auto text-base font-semibold tracking-tight text-slate-900"
              aria-label="ThreatDesk dashboard"
            >
              <Logo className="h-7 w-7" />
              <span>ThreatDesk</span>
            </Link>
            <div className="ml-auto w-56 lg:ml-0 lg:w-auto">
              <OrgSwitcher current={current} organizations={orgs} />
            </div>
          </div>
          <nav aria-label="Main" className="px-3 pb-2 lg:flex-1 lg:pb-0">
            <NavLinks items={nav} />
          </nav>
          <div className="hidden border-t border-slate-200 p-4 lg:block">
            <div className="mb-3">
              <NotificationBell organizationSlug={ctx.organizationSlug} initial={bell} placement="up" />
            </div>
            <UserMenu name={ctx.name} email={ctx.email} />
          </div>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <header className="no-print relative flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2 lg:hidden">
          {/* The bell keeps its size; the name and email give way (truncated) on a narrow phone. */}
          <div className="shrink-0">
            <NotificationBell organizationSlug={ctx.organizationSlug} initial={bell} compact />
          </div>
          <div className="min-w-0">
            <UserMenu name={ctx.name} email={ctx.email} />
          </div>
        </header>
        {!account.emailVerified && mailConfigured() && <VerifyEmailBanner email={account.email} />}
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
          {lockoutNotice && <LockoutNotice notice={lockoutNotice} />}
          {children}
        </main>
      </div>
    </div>
  );
}
