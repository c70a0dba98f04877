"use client";
import { useRouter } from "next/navigation";
import { lazy, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input, describedBy } from "@/components/ui/field";
import { DeferredMenu } from "@/components/ui/deferred-menu";
import { useAction } from "@/components/ui/use-action";
import { deleteThreatModelAction, duplicateThreatModelAction } from "@/lib/actions/threat-models";
import { DELETE_TITLE_MISMATCH } from "@/lib/validation/threat-model";

// A long list has a menu on every row, and most visits open none: the menu's code loads on first use.
const loadMenu = () => import("./row-actions-menu");
const RowActionsMenu = lazy(() => loadMenu().then((module) => ({ default: module.RowActionsMenu })));

/**
 * The actions of one model row as a menu button. Duplicate and Delete show only to roles that
 * may use them; the server checks again either way.
 */
export function RowActions({
  organizationSlug,
  model,
  canDuplicate,
  canDelete,
  onDeleted,
}: {
  organizationSlug: string;
  model: { id: string; title: string };
  canDuplicate: boolean;
  canDelete: boolean;
  onDeleted: (title: string) => void;
}) {
  const router = useRouter();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [deleting, setDeleting] = useState(false);
  const openingDialog = useRef(false);
  const duplicate = useAction((input: { id: string }) => duplicateThreatModelAction(organizationSlug, input));
  const label = `Actions for ${model.title}`;
  const trigger = (
    <button
      ref={buttonRef}
      type="button"
      aria-label={label}
      className="inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="currentColor">
        <circle cx="3" cy="8" r="1.5" />
        <circle cx="8" cy="8" r="1.5" />
        <circle cx="13" cy="8" r="1.5" />
      </svg>
    </button>
  );

  return (
    <div className="inline-flex flex-col items-end gap-1">
      <DeferredMenu
        trigger={trigger}
        preload={loadMenu}
        menu={(openedBy) => (
          <RowActionsMenu
            trigger={trigger}
            openedBy={openedBy}
            label={label}
            openHref={`/${organizationSlug}/models/${model.id}`}
            duplicate={canDuplicate ? { pending: duplicate.pending, run: () => duplicate.run({ id: model.id }, ({ path }) => router.push(path)) } : undefined}
            onDelete={
              canDelete
                ? () => {
                    openingDialog.current = true;
                    setDeleting(true);
                  }
                : undefined
            }
            // The delete dialog takes the focus; the menu must not pull it back to its button.
            onCloseAutoFocus={(event) => {
              if (openingDialog.current) event.preventDefault();
              openingDialog.current = false;
            }}
          />
        )}
      />
      {duplicate.pending && (
        <span role="status" className="text-xs text-slate-600">
          Duplicating…
        </span>
      )}
      {duplicate.error && (
        <span role="alert" className="max-w-56 text-xs text-red-700">
          {duplicate.error}
        </span>
      )}
      {deleting && (
        <DeleteModelDialog
          organizationSlug={organizationSlug}
          model={model}
          returnFocus={() => buttonRef.current?.focus()}
          onCancel={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            onDeleted(model.title);
          }}
        />
      )}
    </div>
  );
}

/**
 * Deleting asks for the model's title to be typed, because it removes every threat, mitigation
 * and review of the model at once. The server compares the title too; its message shows here.
 */
function DeleteModelDialog({
  organizationSlug,
  model,
  onCancel,
  onDeleted,
  returnFocus,
}: {
  organizationSlug: string;
  model: { id: string; title: string };
  onCancel: () => void;
  onDeleted: () => void;
  returnFocus: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = `${useId()}-title`;
  const [mismatch, setMismatch] = useState(false);
  const action = useAction((input: { id: string; title: string }) => deleteThreatModelAction(organizationSlug, input));
  const fieldError = mismatch ? DELETE_TITLE_MISMATCH : action.fieldError("title");

  return (
    <Dialog
      size="sm"
      title="Delete threat model"
      description={
        <>
          This deletes <strong className="font-semibold text-slate-900">{model.title}</strong> with all of its threats, mitigations, residual risks, approvals
          and comments. It cannot be undone; the audit trail keeps a record of the deletion.
        </>
      }
      dismissible={!action.pending}
      onOpenChange={(open) => !open && onCancel()}
      // It opened from a menu item that is gone by now: the row's menu button takes the focus back
      // (after a deletion the row is gone too, and the list says what happened).
      onCloseAutoFocus={(event) => {
        event.preventDefault();
        returnFocus();
      }}
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const typed = inputRef.current?.value ?? "";
          // The same comparison the server makes, answered without a round trip.
          if (typed.trim() !== model.title) {
            setMismatch(true);
            action.reset();
            inputRef.current?.focus();
            return;
          }
          setMismatch(false);
          action.run({ id: model.id, title: typed }, onDeleted);
        }}
      >
        {action.error && !action.fieldError("title") && <Alert tone="error">{action.error}</Alert>}
        <Field id={inputId} label="Type the model’s title to confirm" hint="Exactly as shown above, capitals included." error={fieldError}>
          <Input
            ref={inputRef}
            id={inputId}
            name="title"
            autoComplete="off"
            spellCheck={false}
            invalid={Boolean(fieldError)}
            aria-describedby={describedBy(inputId, fieldError, true)}
            onChange={() => mismatch && setMismatch(false)}
          />
        </Field>
        <DialogActions cancelDisabled={action.pending}>
          <Button type="submit" variant="danger" pending={action.pending}>
            Delete threat model
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
