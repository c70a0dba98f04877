"use client";
import { lazy, Suspense, useState } from "react";
import { OrgSwitcherButton } from "./org-switcher-button";
import type { Org } from "./org-switcher-menu";

// The switcher is on every page, the dashboard included, and most visits never open it: the
// menu's code loads when the pointer or the focus first reaches the button, not with the page.
const loadMenu = () => import("./org-switcher-menu");
const OrgSwitcherMenu = lazy(() => loadMenu().then((module) => ({ default: module.OrgSwitcherMenu })));

/** The organization switcher: a menu button listing the user's organizations. */
export function OrgSwitcher({ current, organizations }: { current: Org; organizations: Org[] }) {
  const [used, setUsed] = useState(false);
  const closed = (
    <OrgSwitcherButton
      name={current.name}
      roleLabel={current.roleLabel}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={() => void loadMenu()}
      onFocus={() => void loadMenu()}
      onClick={() => setUsed(true)}
    />
  );
  if (!used) return closed;
  // Once used, the menu opens as it arrives and from then on handles its button itself.
  return (
    <Suspense fallback={closed}>
      <OrgSwitcherMenu current={current} organizations={organizations} />
    </Suspense>
  );
}
