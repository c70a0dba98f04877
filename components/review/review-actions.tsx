"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { archiveModelAction, decideReviewAction, restoreModelAction, startNewRevisionAction, submitForReviewAction } from "@/lib/actions/review";

type Reviewer = { id: string; name: string; roleLabel: string };

function Problem({ message }: { message: string | null }) {
  return message ? (
    <Alert tone="error" className="mt-3">
      {message}
    </Alert>
  ) : null;
}

/** The author's (or any editor's) step: ask for review, optionally naming who should look. */
export function SubmitForReview({
  organizationSlug,
  modelId,
  reviewers,
  resubmit,
}: {
  organizationSlug: string;
  modelId: string;
  reviewers: Reviewer[];
  resubmit: boolean;
}) {
  const router = useRouter();
  const submit = useAction((input: { modelId: string; reviewerIds: string[] }) => submitForReviewAction(organizationSlug, input));
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit.run({ modelId, reviewerIds: chosen }, () => router.refresh());
      }}
    >
      {reviewers.length > 0 && (
        <fieldset className="mb-3">
          <legend className="text-sm font-medium text-slate-800">Ask for review from (optional)</legend>
          <p className="text-xs text-slate-500">Without a name, every security lead and tech lead is notified. Approval needs one of each.</p>
          <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1">
            {reviewers.map((r) => (
              <li key={r.id}>
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-slate-300"
                    checked={chosen.includes(r.id)}
                    onChange={(e) => {
                      // Read now: React clears the event's target before a state updater runs.
                      const checked = e.currentTarget.checked;
                      setChosen((c) => (checked ? [...c.filter((x) => x !== r.id), r.id] : c.filter((x) => x !== r.id)));
                    }}
                  />
                  {r.name} <span className="text-xs text-slate-500">({r.roleLabel})</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <Button type="submit" pending={submit.pending}>
        {resubmit ? "Submit again for review" : "Submit for review"}
      </Button>
      <Problem message={submit.error} />
    </form>
  );
}

/** A lead's decision on the revision they are looking at. */
export function DecideReview({
  organizationSlug,
  modelId,
  lockVersion,
  capacityLabel,
  blocked,
}: {
  organizationSlug: string;
  modelId: string;
  lockVersion: number;
  capacityLabel: string;
  blocked: boolean;
}) {
  const router = useRouter();
  const commentId = useId();
  const blockedId = useId();
  const [comment, setComment] = useState("");
  const decide = useAction((input: { modelId: string; lockVersion: number; decision: "APPROVED" | "CHANGES_REQUESTED"; comment: string }) =>
    decideReviewAction(organizationSlug, input),
  );
  const run = (decision: "APPROVED" | "CHANGES_REQUESTED") => decide.run({ modelId, lockVersion, decision, comment }, () => router.refresh());
  const commentError = decide.fieldError("comment");
  return (
    <div>
      <label htmlFor={commentId} className="block text-sm font-medium text-slate-800">
        Decision comment <span className="font-normal text-slate-500">(required to request changes)</span>
      </label>
      <Textarea
        id={commentId}
        rows={3}
        className="mt-1.5"
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        invalid={Boolean(commentError)}
        aria-describedby={commentError ? `${commentId}-error` : undefined}
        placeholder="What you checked, or what must change before you can approve"
      />
      {commentError && (
        <p id={`${commentId}-error`} className="mt-1 text-xs font-medium text-red-700">
          {commentError[0]}
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button type="button" pending={decide.pending} onClick={() => run("APPROVED")} aria-describedby={blocked ? blockedId : undefined}>
          Approve as {capacityLabel}
        </Button>
        <Button type="button" variant="secondary" pending={decide.pending} onClick={() => run("CHANGES_REQUESTED")}>
          Request changes
        </Button>
      </div>
      {blocked && (
        <p id={blockedId} className="mt-2 text-xs text-amber-900">
          You can record your approval now. The model becomes Approved once both leads have approved and every Critical threat has an implemented mitigation or
          an accepted residual risk (see Blockers).
        </p>
      )}
      <Problem message={decide.error && !commentError ? decide.error : null} />
    </div>
  );
}

/** Turns an approved model into the next version's draft; the approved revision stays readable. */
export function StartNewRevision({ organizationSlug, modelId, minor, major }: { organizationSlug: string; modelId: string; minor: string; major: string }) {
  const router = useRouter();
  const [step, setStep] = useState<"minor" | "major">("minor");
  const start = useAction((input: { modelId: string; step: "minor" | "major" }) => startNewRevisionAction(organizationSlug, input));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        start.run({ modelId, step }, () => router.push(`/${organizationSlug}/models/${modelId}`));
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Start a new revision</legend>
        <p className="text-xs text-slate-500">The approved revision stays readable; the new one is a draft that needs approval again.</p>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="step" checked={step === "minor"} onChange={() => setStep("minor")} /> Minor: {minor}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="step" checked={step === "major"} onChange={() => setStep("major")} /> Major: {major}
          </label>
        </div>
      </fieldset>
      <Button type="submit" variant="secondary" className="mt-3" pending={start.pending}>
        Start revision {step === "minor" ? minor : major}
      </Button>
      <Problem message={start.error} />
    </form>
  );
}

/** Archive (with a confirmation step) or restore. */
export function ArchiveToggle({ organizationSlug, modelId, archived, title }: { organizationSlug: string; modelId: string; archived: boolean; title: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const archive = useAction((input: { modelId: string }) => archiveModelAction(organizationSlug, input));
  const restore = useAction((input: { modelId: string }) => restoreModelAction(organizationSlug, input));
  if (archived) {
    return (
      <div>
        <Button type="button" variant="secondary" pending={restore.pending} onClick={() => restore.run({ modelId }, () => router.refresh())}>
          Restore
        </Button>
        <Problem message={restore.error} />
      </div>
    );
  }
  return (
    <div>
      {confirming ? (
        <div role="group" aria-label={`Confirm archiving ${title}`} className="flex flex-wrap items-center gap-2 text-sm">
          <span>Archive “{title}”? It becomes read-only and leaves the active lists; it can be restored.</span>
          <Button type="button" variant="danger" size="sm" pending={archive.pending} onClick={() => archive.run({ modelId }, () => router.refresh())}>
            Archive
          </Button>
          <Button type="button" variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" variant="ghost" onClick={() => setConfirming(true)}>
          Archive…
        </Button>
      )}
      <Problem message={archive.error} />
    </div>
  );
}
