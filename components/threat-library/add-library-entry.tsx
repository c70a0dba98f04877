"use client";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { STRIDE_LABELS, type StrideCategory } from "@/lib/domain/threat-model";
import { LibraryEntryForm } from "./library-entry-form";

/**
 * The "Add entry" button and its form. Closing only hides the form (it stays mounted), so a
 * half-written entry survives being folded away and opened again.
 */
export function AddLibraryEntry({ organizationSlug, defaultCategory }: { organizationSlug: string; defaultCategory?: StrideCategory }) {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<{ title: string; category: string } | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelId = "add-library-entry";

  return (
    <div className="mb-6">
      <Button
        ref={toggleRef}
        variant={open ? "secondary" : "primary"}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          const next = !open;
          setOpen(next);
          setAdded(null);
          // Into the form when it opens; the first control is where typing starts.
          if (next) requestAnimationFrame(() => document.getElementById(`${panelId}-category`)?.focus());
        }}
      >
        {open ? "Close the new entry form" : "Add entry"}
      </Button>
      <div id={panelId} hidden={!open} className="mt-3">
        <Card>
          <CardHeader
            title="Add an entry"
            description="A threat your organization meets often, with how you usually mitigate it. Everyone in the organization sees it."
          />
          <div className="space-y-4 p-5">
            {added && (
              <Alert tone="success">
                Added “{added.title}” under {STRIDE_LABELS[added.category as StrideCategory]?.name ?? added.category}. The form is ready for the next one.
              </Alert>
            )}
            <LibraryEntryForm
              organizationSlug={organizationSlug}
              idPrefix={panelId}
              label="Add a library entry"
              submitLabel="Add to library"
              defaultCategory={defaultCategory}
              onSaved={(saved, form) => {
                setAdded({ title: saved.title, category: saved.category });
                form.querySelector<HTMLElement>('[name="title"]')?.focus();
              }}
              cancelLabel="Close"
              onCancel={() => {
                setOpen(false);
                setAdded(null);
                toggleRef.current?.focus();
              }}
            />
          </div>
        </Card>
      </div>
    </div>
  );
}
