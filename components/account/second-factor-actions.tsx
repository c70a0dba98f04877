"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { removeSecondFactorAction, renameSecondFactorAction } from "@/lib/actions/second-factors";
import { StepUpError } from "./step-up-error";

/** Rename and Remove for one factor, each in its own dialog; removing the last one says what it turns off. */
export function SecondFactorActions({ factor, last }: { factor: { id: string; name: string; kindLabel: string }; last: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState<"rename" | "remove" | null>(null);
  const rename = useAction(renameSecondFactorAction);
  const remove = useAction(removeSecondFactorAction);
  const pending = rename.pending || remove.pending;
  const done = () => {
    setOpen(null);
    router.refresh();
  };
  const onOpenChange = (next: boolean) => {
    if (next) return;
    setOpen(null);
    rename.reset();
    remove.reset();
  };
  // What both dialogs share: closing resets them, and neither closes while its action runs.
  const shared = { onOpenChange, dismissible: !pending, busy: pending, size: "sm" as const };
  return (
    <div className="flex gap-2">
      <Button variant="secondary" size="sm" aria-label={`Rename ${factor.name}`} onClick={() => setOpen("rename")}>
        Rename
      </Button>
      <Button variant="secondary" size="sm" aria-label={`Remove ${factor.name}`} onClick={() => setOpen("remove")}>
        Remove
      </Button>
      <Dialog open={open === "rename"} {...shared} title={`Rename ${factor.kindLabel.toLowerCase()}`}>
        <ActionForm
          label={`Rename ${factor.name}`}
          className="space-y-4"
          error={rename.formError}
          onSubmit={({ name = "" }) => rename.run({ factorId: factor.id, name }, done)}
        >
          <Field id={`rename-${factor.id}`} label="Name" error={rename.fieldError("name")}>
            {(control) => <Input name="name" defaultValue={factor.name} maxLength={60} required autoFocus {...control} />}
          </Field>
          <DialogActions cancelDisabled={pending}>
            <Button type="submit" pending={rename.pending}>
              Save
            </Button>
          </DialogActions>
        </ActionForm>
      </Dialog>
      <Dialog
        open={open === "remove"}
        {...shared}
        title={`Remove ${factor.name}?`}
        description={
          last
            ? "This is your only second factor: removing it turns two-step sign-in off and deletes your recovery codes. Your password alone will sign you in."
            : `It can no longer be used to sign in. Your other factors keep working.`
        }
      >
        <div className="space-y-4">
          <StepUpError result={remove.result} />
          <DialogActions cancelDisabled={pending}>
            <Button variant="danger" pending={remove.pending} onClick={() => remove.run({ factorId: factor.id }, done)}>
              Remove
            </Button>
          </DialogActions>
        </div>
      </Dialog>
    </div>
  );
}
