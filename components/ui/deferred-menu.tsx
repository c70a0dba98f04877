"use client";
import { cloneElement, Suspense, useState, type ComponentProps, type ReactElement, type ReactNode } from "react";

/** What opened a menu whose code loaded on first use: its first item takes the focus after a key. */
export type OpenedBy = "pointer" | "keyboard";

/** The keys that open a menu button (WAI-ARIA APG) and focus its first item. */
const OPENING_KEYS = ["Enter", " ", "ArrowDown"];

/**
 * A menu button whose menu code loads on first use rather than with the page. Until then `trigger`
 * is a plain button with a closed menu button's ARIA state: the pointer or the focus reaching it
 * starts loading (`preload`), and a click, Enter, Space or ArrowDown renders `menu`, which opens
 * as it arrives (`<Menu defaultOpen={openedBy}>`) and from then on handles its button itself.
 */
export function DeferredMenu({
  trigger,
  preload,
  menu,
}: {
  trigger: ReactElement<ComponentProps<"button"> & { "data-state"?: string }>;
  preload: () => unknown;
  menu: (openedBy: OpenedBy) => ReactNode;
}) {
  const [openedBy, setOpenedBy] = useState<OpenedBy | null>(null);
  const closed = cloneElement(trigger, {
    "aria-haspopup": "menu",
    "aria-expanded": false,
    "data-state": "closed",
    onPointerEnter: () => void preload(),
    onFocus: () => void preload(),
    // A key may also click the button: what it opened stays "keyboard".
    onClick: () => setOpenedBy((opened) => opened ?? "pointer"),
    onKeyDown: (event) => {
      if (!OPENING_KEYS.includes(event.key)) return;
      event.preventDefault();
      setOpenedBy("keyboard");
    },
  });
  if (!openedBy) return closed;
  return <Suspense fallback={closed}>{menu(openedBy)}</Suspense>;
}
