"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { decideAcceptanceAction } from "@/lib/actions/review";

type Decision = { acceptanceId: string; decision: "ACCEPTED" | "REJECTED"; comment: string; reviewDate?: string; seenUpdatedAt: string };

/**
 * A security lead's sign-off on one residual risk: accept (until its review date, or a new one),
 * reject with a reason, or renew an accepted risk with a new review date.
 */
export function AcceptanceActions({
  organizationSlug,
  acceptanceId,
  threatTitle,
  state,
  reviewDate,
  today,
  latestReviewDate,
  acceptRefusal,
  seenUpdatedAt,
}: {
  organizationSlug: string;
  acceptanceId: string;
  threatTitle: string;
  state: "proposed" | "accepted" | "expired" | "rejected";
  reviewDate: string;
  today: string;
  latestReviewDate: string;
  /** Why this lead may not accept it (they proposed it): they may still reject it. */
  acceptRefusal: string | null;
  seenUpdatedAt: string;
}) {
  const router = useRouter();
  const id = useId();
  const [comment, setComment] = useState("");
  const [date, setDate] = useState(reviewDate < today ? "" : reviewDate);
  const decide = useAction((input: Decision) => decideAcceptanceAction(organizationSlug, input));
  if (state === "rejected") return null;
  const renewing = state !== "proposed";
  if (renewing && acceptRefusal) return <p className="text-xs text-slate-600">{acceptRefusal}</p>;
  const errors = [decide.fieldError("comment")?.[0], decide.fieldError("reviewDate")?.[0]].filter(Boolean);
  return (
    <div className="flex flex-wrap items-end gap-2" role="group" aria-label={`Sign-off for ${threatTitle}`}>
      {acceptRefusal ? (
        <p className="w-full text-xs text-slate-600">{acceptRefusal}</p>
      ) : (
        <div>
          <label htmlFor={`${id}-date`} className="block text-xs font-medium text-slate-700">
            {renewing ? "New review date" : "Review date"}
          </label>
          <Input
            id={`${id}-date`}
            type="date"
            min={today}
            max={latestReviewDate}
            className="h-8 w-40 py-1 text-xs"
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
        </div>
      )}
      {!renewing && (
        <div className="min-w-48 flex-1">
          <label htmlFor={`${id}-comment`} className="block text-xs font-medium text-slate-700">
            Comment <span className="font-normal text-slate-500">(required to reject)</span>
          </label>
          <Input id={`${id}-comment`} className="h-8 py-1 text-xs" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        </div>
      )}
      {!acceptRefusal && (
        <Button
          type="button"
          size="sm"
          pending={decide.pending}
          disabled={!date}
          onClick={() => decide.run({ acceptanceId, decision: "ACCEPTED", comment, reviewDate: date || undefined, seenUpdatedAt }, () => router.refresh())}
        >
          {renewing ? "Renew" : "Accept risk"}
        </Button>
      )}
      {!renewing && (
        <Button
          type="button"
          size="sm"
          variant="secondary"
          pending={decide.pending}
          onClick={() => decide.run({ acceptanceId, decision: "REJECTED", comment, seenUpdatedAt }, () => router.refresh())}
        >
          Reject
        </Button>
      )}
      {(errors.length > 0 || decide.error) && (
        <p role="alert" className="w-full text-xs font-medium text-red-700">
          {errors[0] ?? decide.error}
        </p>
      )}
    </div>
  );
}
