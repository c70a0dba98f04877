"use client";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/account";

/** `returnTo`: where to go once signed out (a path inside ThreatDesk), e.g. back to an invitation. */
export function SignOutButton({ className, returnTo }: { className?: string; returnTo?: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      className={className}
      pending={pending}
      onClick={() =>
        startTransition(async () => {
          // Success redirects; a failure (the database is unreachable) leaves the user where they are.
          await signOutAction({ returnTo });
        })
      }
    >
      Sign out
    </Button>
  );
}
