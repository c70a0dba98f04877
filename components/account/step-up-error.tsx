import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/actions/result";

/** An action's refusal; a step-up refusal also links to the second step, which brings the user back here. */
export function StepUpError({ result }: { result: ActionResult<unknown> | null }) {
  if (!result || result.ok) return null;
  return (
    <Alert tone="error">
      {result.message}
      {result.code === "step-up" && (
        <>
          {" "}
          <Link href={`/login/second-factor?callbackUrl=${encodeURIComponent("/account#two-step")}`} className="font-medium underline">
            Confirm it is you
          </Link>
        </>
      )}
    </Alert>
  );
}
