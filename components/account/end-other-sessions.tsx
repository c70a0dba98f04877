"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { endOtherSessionsAction } from "@/lib/actions/sessions";

/** "Sign out everywhere else", after a confirmation that says how many sessions it ends. */
export function EndOtherSessions({ count }: { count: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { pending, run, error, result } = useAction(endOtherSessionsAction);
  const ended = result?.ok ? result.data.ended : null;
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" disabled={count === 0} onClick={() => setOpen(true)}>
        Sign out everywhere else
      </Button>
      {ended !== null && !open && (
        <Alert tone="success">
          Signed out {ended} other {ended === 1 ? "session" : "sessions"}.
        </Alert>
      )}
      <Dialog
        open={open}
        onOpenChange={setOpen}
        dismissible={!pending}
        busy={pending}
        size="sm"
        title="Sign out everywhere else?"
        description={`${count} other ${count === 1 ? "session ends" : "sessions end"} at once, on every device. This browser stays signed in.`}
      >
        {error && <Alert tone="error">{error}</Alert>}
        <DialogActions cancelDisabled={pending}>
          <Button
            variant="danger"
            pending={pending}
            onClick={() =>
              run({}, () => {
                setOpen(false);
                router.refresh();
              })
            }
          >
            Sign out {count === 1 ? "1 session" : `${count} sessions`}
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
