"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { regenerateRecoveryCodesAction } from "@/lib/actions/second-factors";
import { RecoveryCodesReveal } from "./recovery-codes-reveal";
import { StepUpError } from "./step-up-error";

/** "Generate new codes", after a confirmation that the old ones stop working; the new ones are shown once. */
export function RegenerateRecoveryCodes() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const action = useAction(regenerateRecoveryCodesAction);
  const codes = action.result?.ok ? action.result.data.codes : null;
  const close = () => {
    setOpen(false);
    action.reset();
    router.refresh();
  };
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Generate new codes
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => !next && !codes && close()}
        dismissible={!action.pending && !codes}
        busy={action.pending}
        title={codes ? "New recovery codes" : "Generate new recovery codes?"}
        description={codes ? undefined : "Your current recovery codes stop working at once, used or not."}
      >
        {codes ? (
          <RecoveryCodesReveal codes={codes} onDone={close} />
        ) : (
          <div className="space-y-4">
            <StepUpError result={action.result} />
            <DialogActions cancelDisabled={action.pending}>
              <Button pending={action.pending} onClick={() => action.run({})}>
                Generate new codes
              </Button>
            </DialogActions>
          </div>
        )}
      </Dialog>
    </>
  );
}
