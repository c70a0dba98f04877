import type { ReactNode } from "react";

/**
 * A table that may be wider than the screen. It scrolls sideways, and because it can hold nothing
 * focusable, it takes the focus itself so that keyboard users can scroll it with the arrow keys.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // Focusable so that keyboard users can scroll it (WCAG 2.1.1).
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
      {children}
    </div>
  );
}
