"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { setLibraryEntryRetiredAction } from "@/lib/actions/threat-library";
import type { LibraryListEntry } from "@/lib/data/threat-library/library-entry";
import { LibraryEntryForm } from "./library-entry-form";
import { LibraryEntryView } from "./library-entry-view";
import { useOfferUndo } from "./retire-undo";

/** An organization's own entry, for a library manager: edit in place, retire, restore. */
export function ManagedLibraryEntry({ organizationSlug, entry }: { organizationSlug: string; entry: LibraryListEntry }) {
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  // Set when the Edit button should take focus as soon as it is rendered again: after the form
  // closes, or after a restore (which swaps the Restore button for Edit once the page revalidates).
  const focusEditNext = useRef(false);
  const offerUndo = useOfferUndo();
  const retire = useAction((input: { entryId: string; retired: boolean }) => setLibraryEntryRetiredAction(organizationSlug, input));

  // Keyboard users keep their place instead of falling back to the top of the page.
  useEffect(() => {
    if (focusEditNext.current && editRef.current) {
      focusEditNext.current = false;
      editRef.current.focus();
    }
  });

  const closeForm = () => {
    focusEditNext.current = true;
    setEditing(false);
  };

  if (editing) {
    return (
      <LibraryEntryForm
        organizationSlug={organizationSlug}
        idPrefix={`edit-${entry.id}`}
        label={`Edit “${entry.title}”`}
        submitLabel="Save changes"
        entry={entry}
        onSaved={closeForm}
        onCancel={closeForm}
      />
    );
  }

  const actions = entry.retiredAt ? (
    <Button
      variant="secondary"
      size="sm"
      pending={retire.pending}
      onClick={() =>
        retire.run({ entryId: entry.id, retired: false }, () => {
          focusEditNext.current = true;
        })
      }
      aria-label={`Restore “${entry.title}”`}
    >
      Restore
    </Button>
  ) : (
    <>
      <Button
        ref={editRef}
        variant="secondary"
        size="sm"
        aria-label={`Edit “${entry.title}”`}
        onClick={() => {
          retire.reset();
          setEditing(true);
        }}
      >
        Edit
      </Button>
      <Button
        variant="ghost"
        size="sm"
        pending={retire.pending}
        aria-label={`Retire “${entry.title}”`}
        onClick={() => retire.run({ entryId: entry.id, retired: true }, () => offerUndo({ entryId: entry.id, title: entry.title }))}
      >
        Retire
      </Button>
    </>
  );

  return (
    <div className="space-y-2">
      <LibraryEntryView entry={entry} actions={actions} />
      {retire.error && (
        <p className="text-xs text-red-700" role="alert">
          {retire.error}
        </p>
      )}
    </div>
  );
}
