import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcceptanceActions } from "@/components/review/acceptance-actions";
import { CommentThread } from "@/components/review/comment-thread";
import { DiffView } from "@/components/review/diff-view";
import { ArchiveToggle, DecideReview, StartNewRevision, SubmitForReview } from "@/components/review/review-actions";
import { ModelTabs } from "@/components/threat-models/model-tabs";
import { ModelStatusBadge } from "@/components/threat-models/badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";
import { loadCommentThread } from "@/lib/data/comments";
import { listMembers } from "@/lib/data/members";
import { getReview } from "@/lib/data/review";
import { CAPACITY_LABELS, REVIEW_CAPACITIES, checkTransition, nextVersion, parseVersion, reviewCapacityOf, signOffStillNeeded } from "@/lib/domain/review";
import { isReviewOverdue } from "@/lib/domain/review-overdue";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { STRIDE_LABELS } from "@/lib/domain/threat-model";
import { NotFoundError } from "@/lib/errors";
import { formatDate, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Review" };

const ACCEPTANCE_BADGES = {
  proposed: { tone: "blue", label: "Awaiting sign-off" },
  accepted: { tone: "green", label: "Accepted" },
  expired: { tone: "red", label: "Expired: open again" },
  rejected: { tone: "neutral", label: "Rejected" },
} as const;

export default async function ReviewPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org);
  const review = await getReview(ctx, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [thread, members] = await Promise.all([loadCommentThread(ctx, id), listMembers(ctx)]);
  const { model, approval, signOff, blockers, acceptances, revisions, diff, lastApproved, decisions, today } = review;
  const base = `/${ctx.organizationSlug}/models/${model.id}`;
  const actor = { role: ctx.role, isAuthor: model.createdById === ctx.userId };
  const allowed = (action: Parameters<typeof checkTransition>[0]) => checkTransition(action, model.status, actor).allowed;
  const stillNeeded = model.status === "IN_REVIEW" ? signOffStillNeeded(signOff) : null;
  // Why a member looking at a model in review is offered no decision: the workflow's own reason.
  const approveVerdict = checkTransition("approve", model.status, actor);
  const noDecisionReason = model.status === "IN_REVIEW" && !approveVerdict.allowed ? approveVerdict.reason : null;
  const meanwhile = can(ctx.role, "model.edit")
    ? "You can comment, or edit the model: an edit withdraws the approvals given so far."
    : can(ctx.role, "comment.create")
      ? "You can follow the review and comment."
      : "You can follow the review.";
  const capacity = reviewCapacityOf(ctx.role);
  const reviewers = members
    .filter((m) => (m.role === "SECURITY_LEAD" || m.role === "TECH_LEAD") && m.userId !== model.createdById)
    .map((m) => ({ id: m.userId, name: m.name, roleLabel: ROLE_LABELS[m.role] }));
  const overdue = isReviewOverdue(model, today);
  const versionKnown = parseVersion(model.version) !== null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href={`/${ctx.organizationSlug}/models`} className="hover:text-slate-800">
          Threat models
        </Link>{" "}
        /{" "}
        <Link href={base} className="hover:text-slate-800">
          {model.title}
        </Link>{" "}
        / <span className="text-slate-700">Review</span>
      </nav>
      <PageHeader
        title={model.title}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <ModelStatusBadge status={model.status} />
            <span>Version {model.version}</span>
            {model.submittedAt && model.status === "IN_REVIEW" && <span>Submitted {formatDateTime(model.submittedAt)}</span>}
            {model.approvedAt && <span>Last approved {formatDate(model.approvedAt)}</span>}
            {model.nextReviewDate && (
              <span className={overdue ? "font-medium text-red-700" : undefined}>
                Next review {formatDate(model.nextReviewDate)}
                {overdue && " (overdue)"}
              </span>
            )}
          </span>
        }
      />
      <ModelTabs base={base} current="review" />

      {overdue && (
        <Alert tone="warning" className="mb-4" title="This model is past its review date">
          Start a new revision to review it again, or archive it if the feature is gone.
        </Alert>
      )}

      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-5">
          <Card>
            <CardHeader title="Sign-off" description="A model is approved when a security lead and a tech lead have both approved the same revision." />
            <div className="space-y-4 px-5 py-4">
              <ul className="grid gap-3 sm:grid-cols-2" aria-label="Approvals needed">
                {REVIEW_CAPACITIES.map((c) => {
                  const given = decisions.find((d) => !d.withdrawnAt && d.lockVersion === model.lockVersion && d.capacity === c && d.decision === "APPROVED" && (model.status === "IN_REVIEW" || model.status === "APPROVED"));
                  return (
                    <li key={c} className="rounded-md border border-slate-200 p-3" data-testid={`approval-${c}`}>
                      <p className="text-xs font-medium text-slate-500">{CAPACITY_LABELS[c]}</p>
                      {given ? (
                        <p className="mt-1 text-sm text-slate-900">
                          <Badge tone="green">✓ Approved</Badge> by {given.reviewer.name} on {formatDate(given.createdAt)}
                        </p>
                      ) : (
                        <p className="mt-1 text-sm text-slate-600">
                          <Badge tone="neutral">Waiting</Badge> {model.status === "IN_REVIEW" ? "No approval yet" : "Not in review"}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
              {stillNeeded && (
                <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="sign-off-missing">
                  {stillNeeded}
                </p>
              )}
              {model.status === "IN_REVIEW" && review.requestedReviewers.length > 0 && (
                <p className="text-sm text-slate-600">Review requested of {review.requestedReviewers.map((r) => r.name).join(", ")}.</p>
              )}
              {model.status === "CHANGES_REQUESTED" && (
                <Alert tone="warning" title="Changes requested">
                  {decisions.find((d) => d.decision === "CHANGES_REQUESTED" && !d.withdrawnAt)?.comment ?? "See the decision history."} Editing the model takes it back to Draft.
                </Alert>
              )}
              {model.status === "APPROVED" && approval.complete && <Alert tone="success">Approved: this revision is locked. Start a new revision to change it.</Alert>}

              {allowed("submit") && (
                <SubmitForReview organizationSlug={ctx.organizationSlug} modelId={model.id} reviewers={reviewers} resubmit={model.status === "CHANGES_REQUESTED"} />
              )}
              {capacity && model.status === "IN_REVIEW" && approveVerdict.allowed &&
                (review.myDecision ? (
                  <p className="text-sm text-slate-700">You have already decided on this revision. An edit to the model would ask you again.</p>
                ) : (
                  <DecideReview organizationSlug={ctx.organizationSlug} modelId={model.id} lockVersion={model.lockVersion} capacityLabel={CAPACITY_LABELS[capacity]} blocked={blockers.length > 0} />
                ))}
              {noDecisionReason && (
                <p className="text-sm text-slate-700" data-testid="no-decision-reason">
                  {noDecisionReason} {meanwhile}
                </p>
              )}
              {allowed("start-revision") && versionKnown && (
                <StartNewRevision organizationSlug={ctx.organizationSlug} modelId={model.id} minor={nextVersion(model.version, "minor")} major={nextVersion(model.version, "major")} />
              )}
              {model.status !== "IN_REVIEW" && !can(ctx.role, "model.edit") && !capacity && <p className="text-sm text-slate-600">You can follow the review; your role does not take part in it.</p>}
            </div>
          </Card>

          <Card>
            <CardHeader
              title={`Blockers (${blockers.length})`}
              description="Critical: must be fixed before the feature ships. Each Critical threat needs an implemented mitigation or an accepted residual risk."
            />
            <div className="px-5 py-4">
              {blockers.length === 0 ? (
                <p className="text-sm text-emerald-800">No blockers: every Critical threat is mitigated or its risk accepted.</p>
              ) : (
                <ul className="space-y-2" data-testid="blockers">
                  {blockers.map((b) => (
                    <li key={b.threatId} className="rounded-md border border-l-4 border-slate-200 border-l-red-500 p-3 text-sm">
                      <p className="font-medium text-slate-900">
                        <Link href={`${base}#threat-${b.threatId}`} className="text-brand-700 underline-offset-2 hover:underline">
                          {b.title}
                        </Link>{" "}
                        <span className="text-xs font-normal text-slate-600">({STRIDE_LABELS[b.category].name})</span>
                      </p>
                      <p className="text-slate-700">{b.reason}</p>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </Card>

          <Card>
            <CardHeader
              title={lastApproved ? `Changes since approved revision ${lastApproved.version}` : "Changes"}
              description={lastApproved ? "Section by section, what differs from the last approved revision." : undefined}
            />
            <div className="px-5 py-4">
              {diff ? (
                <DiffView diff={diff} emptyText={`Nothing has changed since revision ${lastApproved!.version} was approved.`} />
              ) : (
                <p className="text-sm text-slate-600">
                  {model.status === "APPROVED" ? "This is the model’s first approved revision." : "This model has no approved revision yet, so everything in it is new."}
                </p>
              )}
            </div>
          </Card>

          <Card>
            <CardHeader title={`Residual risks (${acceptances.length})`} description="Accepted only with a security lead’s sign-off; an accepted risk past its review date counts as open again until renewed." />
            {acceptances.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-600">No residual risks are proposed for acceptance. Propose them in the model’s “Residual risks” section.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {acceptances.map((a) => (
                  <li key={a.id} className="space-y-2 px-5 py-3" data-testid="acceptance">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="min-w-0">
                        <p className="font-medium text-slate-900">{a.threatTitle}</p>
                        <p className="text-sm text-slate-700">{a.reason}</p>
                        <p className="text-xs text-slate-500">
                          Risk owner {a.riskOwner || "—"} · review by {formatDate(new Date(`${a.reviewDate}T00:00:00Z`))} · proposed by {a.proposedBy}
                          {a.decidedBy && ` · ${a.state === "rejected" ? "rejected" : "signed off"} by ${a.decidedBy}${a.decidedAt ? ` on ${formatDate(a.decidedAt)}` : ""}`}
                          {a.decisionComment && ` · “${a.decisionComment}”`}
                        </p>
                      </div>
                      <Badge tone={ACCEPTANCE_BADGES[a.state].tone}>{ACCEPTANCE_BADGES[a.state].label}</Badge>
                    </div>
                    {can(ctx.role, "risk.accept") && model.status !== "ARCHIVED" && (
                      <AcceptanceActions organizationSlug={ctx.organizationSlug} acceptanceId={a.id} threatTitle={a.threatTitle} state={a.state} reviewDate={a.reviewDate} today={today} seenUpdatedAt={a.updatedAt} />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <CommentThread
            organizationSlug={ctx.organizationSlug}
            modelId={model.id}
            comments={thread.comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }))}
            threats={thread.threats}
            members={thread.members}
            canComment={can(ctx.role, "comment.create")}
          />
        </div>

        <aside className="space-y-5" aria-label="Revisions and sign-off history">
          <Card>
            <CardHeader title="Approved revisions" />
            {revisions.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-600">None yet. Each approval stores an immutable copy of the whole model.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {revisions.map((r, i) => (
                  <li key={r.id} className="px-5 py-3 text-sm">
                    <Link href={`${base}/revisions/${r.id}`} className="font-medium text-brand-700 hover:underline">
                      Revision {r.version}
                    </Link>
                    <p className="text-xs text-slate-600" data-testid="revision-approvers">
                      Approved {formatDate(r.approvedAt)}
                      {r.approvers.length > 0 && ` by ${r.approvers.map((a) => `${a.name} (${CAPACITY_LABELS[a.capacity]})`).join(" and ")}`}
                    </p>
                    <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
                      {revisions[i + 1] && (
                        <Link href={`${base}/revisions/${r.id}?compare=${revisions[i + 1]!.id}`} className="text-brand-700 hover:underline">
                          Compare with {revisions[i + 1]!.version}
                        </Link>
                      )}
                      {i === 0 && model.status !== "APPROVED" && (
                        <Link href={`${base}/revisions/${r.id}?compare=current`} className="text-brand-700 hover:underline">
                          Compare with the current draft
                        </Link>
                      )}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card>
            <CardHeader title="Decision history" />
            {decisions.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-600">No decisions yet.</p>
            ) : (
              <ol className="divide-y divide-slate-100" data-testid="decision-history">
                {decisions.map((d) => (
                  <li key={d.id} className="px-5 py-3 text-sm">
                    <p className="text-slate-900">
                      <span className="font-medium">{d.reviewer.name}</span> ({CAPACITY_LABELS[d.capacity]}) {d.decision === "APPROVED" ? "approved" : "requested changes"}
                    </p>
                    <p className="text-xs text-slate-500">{formatDateTime(d.createdAt)}</p>
                    {d.comment && <p className="mt-1 text-xs whitespace-pre-wrap text-slate-700">“{d.comment}”</p>}
                    {d.withdrawnAt && (
                      <p className="mt-1 text-xs text-amber-800">
                        Withdrawn {formatDate(d.withdrawnAt)}: {d.withdrawnReason}
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </Card>

          {(allowed("archive") || allowed("restore")) && (
            <Card>
              <CardHeader title={model.status === "ARCHIVED" ? "Archived" : "Archive"} />
              <div className="px-5 py-4">
                <ArchiveToggle organizationSlug={ctx.organizationSlug} modelId={model.id} archived={model.status === "ARCHIVED"} title={model.title} />
              </div>
            </Card>
          )}
        </aside>
      </div>
    </>
  );
}
