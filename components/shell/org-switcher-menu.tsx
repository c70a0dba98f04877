"use client";
import { Menu, MenuLabel, MenuLink, MenuSeparator } from "@/components/ui/menu";
import { cx } from "@/lib/cx";
import { OrgSwitcherButton } from "./org-switcher-button";

export type Org = { slug: string; name: string; roleLabel: string };

/** The organization switcher's menu: the user's organizations, and a way to start another. */
export function OrgSwitcherMenu({ current, organizations }: { current: Org; organizations: Org[] }) {
  return (
    <Menu
      align="start"
      defaultOpen
      className="w-(--radix-dropdown-menu-trigger-width) min-w-56"
      trigger={<OrgSwitcherButton name={current.name} roleLabel={current.roleLabel} />}
    >
      <MenuLabel>Your organizations</MenuLabel>
      {organizations.map((org) => (
        <MenuLink
          key={org.slug}
          href={`/${org.slug}`}
          className={cx("justify-between", org.slug === current.slug && "font-semibold")}
          aria-current={org.slug === current.slug ? "true" : undefined}
        >
          <span className="truncate">{org.name}</span>
          <span className="ml-2 text-xs text-slate-600">{org.roleLabel}</span>
        </MenuLink>
      ))}
      <MenuSeparator />
      <MenuLink href="/orgs/new" tone="brand">
        + New organization
      </MenuLink>
    </Menu>
  );
}
