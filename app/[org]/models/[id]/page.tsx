import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ModelEditor } from "@/components/model-editor/model-editor";
import { ModelStatusBadge } from "@/components/threat-models/badges";
import { ModelTabs } from "@/components/threat-models/model-tabs";
import { DownloadMenu } from "@/components/threat-models/download-menu";
import { ModelView } from "@/components/threat-models/model-view";
import { PrintButton } from "@/components/threat-models/print-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/session";
import { MitigationTracking } from "@/components/model-editor/mitigation-tracking";
import { diagramContentOf, toEditorState } from "@/lib/data/model-editor/editor-state";
import { listMembers } from "@/lib/data/members/list-members";
import { getOrganizationSettings } from "@/lib/data/organizations/get-organization-settings";
import { listLibrary } from "@/lib/data/threat-library/list-library";
import { getModelPage } from "@/lib/data/threat-models/get-model-page";
import { NotFoundError } from "@/lib/errors";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Threat model" };

function notFoundIfMissing(error: unknown): never {
  if (error instanceof NotFoundError) notFound();
  throw error;
}

export default async function ModelPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<{ view?: string }> }) {
  const { org, id } = await params;
  const { view } = await searchParams;
  const ctx = await requireOrgPage(org);
  const base = `/${ctx.organizationSlug}/models`;
  const { model, today, overdue, editing, readOnlyReason, mayManageLibrary } = await getModelPage(ctx, id).catch(notFoundIfMissing);
  const editable = editing === "everything";

  const header = (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm text-slate-500">
        <Link href={base} className="hover:text-slate-800">
          Threat models
        </Link>{" "}
        / <span className="text-slate-700">{model.title}</span>
      </nav>
      <PageHeader
        title={model.title}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <ModelStatusBadge status={model.status} version={model.version} approvedVersion={model.approvedVersion} />
            <span>Version {model.version}</span>
            {model.category && <span>{model.category}</span>}
            <span>Owner: {model.owner?.name ?? (model.ownerTeam || "—")}</span>
            <span className={overdue ? "font-medium text-red-700" : undefined}>
              Next review {formatDate(model.nextReviewDate)}
              {overdue && " (overdue)"}
            </span>
            <span>Updated {formatDate(model.updatedAt)}</span>
          </span>
        }
        actions={
          <span className="no-print flex gap-2">
            {editable && view !== "read" && (
              <Link href={`${base}/${model.id}?view=read`} className={buttonClass("secondary", "sm")}>
                Document view
              </Link>
            )}
            {editable && view === "read" && (
              <Link href={`${base}/${model.id}`} className={buttonClass("secondary", "sm")}>
                Edit
              </Link>
            )}
            {(!editable || view === "read") && <PrintButton />}
            <DownloadMenu href={`${base}/${model.id}/export`} />
          </span>
        }
      />
      <ModelTabs base={`${base}/${model.id}`} current="model" />
    </>
  );

  if (!editable || view === "read") {
    const tracking =
      editing === "tracking" && view !== "read" ? (
        <MitigationTracking
          organizationSlug={ctx.organizationSlug}
          initial={toEditorState(model)}
          members={(await listMembers(ctx)).map((m) => ({ id: m.userId, name: m.name }))}
          today={today}
        />
      ) : undefined;
    return (
      <>
        {header}
        {readOnlyReason && view !== "read" && (
          <Alert tone="info" className="no-print mb-4">
            {readOnlyReason}
          </Alert>
        )}
        <ModelView
          model={{
            ...model,
            drawn: model.diagrams.map((d) => ({ id: d.id, name: d.name, ...diagramContentOf(d.content) })),
            svgBase: `${base}/${model.id}/diagrams`,
          }}
          fixBy={await getOrganizationSettings(ctx)}
          mitigations={tracking}
        />
      </>
    );
  }

  const state = toEditorState(model);
  const [members, settings, library] = await Promise.all([listMembers(ctx), getOrganizationSettings(ctx), listLibrary(ctx)]);
  return (
    <>
      {header}
      {model.status === "IN_REVIEW" && (
        <Alert tone="info" className="no-print mb-4">
          This model is in review. You can still edit it, but any change withdraws the approvals given so far and asks the reviewers to look again.
        </Alert>
      )}
      {model.status === "CHANGES_REQUESTED" && (
        <Alert tone="warning" className="no-print mb-4">
          Changes were requested (see{" "}
          <Link href={`${base}/${model.id}/review`} className="underline">
            Review & sign-off
          </Link>
          ). Your first edit takes the model back to Draft.
        </Alert>
      )}
      <ModelEditor
        organizationSlug={ctx.organizationSlug}
        initial={state}
        members={members.map((m) => ({ id: m.userId, name: m.name }))}
        settings={settings}
        library={library}
        canManageLibrary={mayManageLibrary}
        today={today}
      />
    </>
  );
}
