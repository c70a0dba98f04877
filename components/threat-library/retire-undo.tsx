"use client";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { setLibraryEntryRetiredAction } from "@/lib/actions/threat-library";

type Retired = { entryId: string; title: string };

const OfferUndo = createContext<(retired: Retired) => void>(() => undefined);

/** Called by an entry once it is retired: shows the "Undo" notice. */
export function useOfferUndo() {
  return useContext(OfferUndo);
}

/**
 * Holds the "Retired … Undo" notice, pinned to the window's corner so it shows wherever the
 * entry was. A retired entry leaves the list (and its component unmounts) as soon as the page
 * revalidates, so the undo has to live here, outside it. Retiring is soft, so undo is the same
 * call with retired: false.
 */
export function RetireUndoProvider({ organizationSlug, children }: { organizationSlug: string; children: ReactNode }) {
  const [retired, setRetired] = useState<Retired | null>(null);
  const [restored, setRestored] = useState(false);
  const action = useAction((input: { entryId: string; retired: boolean }) => setLibraryEntryRetiredAction(organizationSlug, input));
  const undoRef = useRef<HTMLButtonElement>(null);
  const dismissRef = useRef<HTMLButtonElement>(null);

  const offer = (next: Retired) => {
    setRetired(next);
    setRestored(false);
    action.reset();
  };

  // The retired entry's buttons are gone, so focus would fall to the page: keep it on the notice.
  useEffect(() => {
    if (!retired) return;
    (restored ? dismissRef : undoRef).current?.focus();
  }, [retired, restored]);

  return (
    <OfferUndo value={offer}>
      {retired && (
        <div
          role="status"
          className="fixed right-4 bottom-4 z-40 flex max-w-md flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-800 shadow-lg"
          onKeyDown={(e) => {
            if (e.key === "Escape") setRetired(null);
          }}
        >
          <span className="min-w-0 flex-1">
            {restored ? <>Restored “{retired.title}”.</> : <>Retired “{retired.title}”. It is hidden from the library now.</>}
            {action.error && <span className="mt-1 block text-red-700">{action.error}</span>}
          </span>
          {!restored && (
            <Button
              ref={undoRef}
              size="sm"
              variant="secondary"
              pending={action.pending}
              onClick={() => action.run({ entryId: retired.entryId, retired: false }, () => setRestored(true))}
            >
              Undo
            </Button>
          )}
          <Button ref={dismissRef} size="sm" variant="ghost" onClick={() => setRetired(null)}>
            Dismiss
          </Button>
        </div>
      )}
      {children}
    </OfferUndo>
  );
}
