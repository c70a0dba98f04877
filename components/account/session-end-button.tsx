"use client";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { endSessionAction } from "@/lib/actions/sessions";

/** Signs out one of the user's other sessions; the list reloads without it. */
export function SessionEndButton({ sessionId, device }: { sessionId: string; device: string }) {
  const router = useRouter();
  const { pending, run, error } = useAction(endSessionAction);
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" size="sm" pending={pending} aria-label={`Sign out ${device}`} onClick={() => run({ sessionId }, () => router.refresh())}>
        Sign out
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
