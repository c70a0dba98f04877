import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import { CONTENT_TYPES, exportFileName, type ExportFormat } from "@/lib/domain/exchange/filename";
import { exportModelsJson, type ExchangeModel, type OrganizationBackup } from "@/lib/domain/exchange/json";
import type { ReviewRecord, RiskSignOff } from "@/lib/domain/exchange/sign-offs";
import { exportThreatDragonJson } from "@/lib/domain/exchange/threat-dragon";
import { exportMarkdown } from "@/lib/domain/markdown/export";
import { toDay } from "@/lib/domain/calendar";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import type { FixBySettings } from "@/lib/domain/sla";
import { NotFoundError } from "@/lib/errors";
import { getFixBySettings } from "./fix-by-settings";
import { getRevisionDocument } from "./revisions/get-revision-document";
import { findThreatModel, type ThreatModelDetail } from "./threat-models/find-threat-model";
import { toDocument } from "./threat-models/to-document";

export type ExportFile = { fileName: string; contentType: string; body: string };

/** Emails of the given users, by id (owners are exchanged by email, not by id). */
async function emailsOf(client: Tx, userIds: (string | null | undefined)[]) {
  const ids = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map<string, string>();
  const users = await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

/** A stored model as exchanged: the document plus owners by email. */
export async function toExchangeModel(client: Tx, model: ThreatModelDetail): Promise<ExchangeModel> {
  const document = toDocument(model);
  const emails = await emailsOf(client, [model.ownerId, ...document.mitigations.map((m) => m.ownerId)]);
  return {
    document,
    ownerEmail: model.ownerId ? (emails.get(model.ownerId) ?? null) : null,
    mitigationOwnerEmails: document.mitigations.map((m) => (m.ownerId ? (emails.get(m.ownerId) ?? null) : null)),
  };
}

/**
 * The model's record beyond its document, as the document view shows it: the live review
 * decisions, and each residual risk's sign-off (who accepted it, when; until its review date).
 */
async function reviewRecordOf(client: Tx, model: ThreatModelDetail): Promise<ReviewRecord> {
  const emails = await emailsOf(client, [...model.approvals.map((a) => a.reviewerId), ...model.acceptances.map((a) => a.decidedById)]);
  return {
    signOffs: model.approvals.map((a) => ({
      capacity: a.capacity,
      name: a.reviewer.name,
      email: emails.get(a.reviewerId) ?? null,
      decision: a.decision,
      at: a.createdAt.toISOString(),
    })),
    riskSignOffs: model.acceptances.map((a) => ({
      status: a.status,
      decidedBy: a.decidedBy?.name ?? null,
      decidedByEmail: a.decidedById ? (emails.get(a.decidedById) ?? null) : null,
      decidedAt: a.decidedAt?.toISOString() ?? null,
    })),
  };
}

/** A stored model as a single-model export: the exchanged model plus its review record. */
export async function toExportedModel(client: Tx, model: ThreatModelDetail): Promise<ExchangeModel> {
  const [exchanged, review] = await Promise.all([toExchangeModel(client, model), reviewRecordOf(client, model)]);
  return { ...exchanged, review };
}

/**
 * An approved revision as exported: its snapshot, approvals as stored with it, owners by email.
 * A snapshot does not hold the residual risks' sign-offs (they live on after approval), so each
 * risk gets the sign-off of the model's risk with the same threat, reason and owner, if any.
 */
async function revisionExport(client: Tx, ctx: OrgContext, modelId: string, revisionId: string): Promise<ExchangeModel> {
  const revision = await getRevisionDocument(ctx, modelId, revisionId);
  // The snapshot names the version it was approved as.
  const document: ThreatModelDocument = { ...revision.document, version: revision.version };
  const acceptances = await client.residualRiskAcceptance.findMany({
    where: { threatModelId: modelId, organizationId: ctx.organizationId },
    orderBy: { createdAt: "asc" },
    select: { threatTitle: true, reason: true, riskOwner: true, status: true, decidedById: true, decidedAt: true, decidedBy: { select: { name: true } } },
  });
  const emails = await emailsOf(client, [
    ...revision.approvals.map((a) => a.reviewerId),
    ...document.mitigations.map((m) => m.ownerId),
    ...acceptances.map((a) => a.decidedById),
  ]);
  const unused = [...acceptances];
  const riskSignOffs = document.residualRisks.map((risk): RiskSignOff | null => {
    const i = unused.findIndex((a) => a.threatTitle === risk.threatTitle && a.reason === risk.reason && a.riskOwner === risk.riskOwner);
    if (i < 0) return null;
    const [a] = unused.splice(i, 1);
    return {
      status: a!.status,
      decidedBy: a!.decidedBy?.name ?? null,
      decidedByEmail: a!.decidedById ? (emails.get(a!.decidedById) ?? null) : null,
      decidedAt: a!.decidedAt?.toISOString() ?? null,
    };
  });
  return {
    document,
    ownerEmail: null,
    mitigationOwnerEmails: document.mitigations.map((m) => (m.ownerId ? (emails.get(m.ownerId) ?? null) : null)),
    review: {
      signOffs: revision.approvals.map((a) => ({
        capacity: a.capacity,
        name: a.reviewerName,
        email: emails.get(a.reviewerId) ?? null,
        decision: "APPROVED" as const,
        at: a.at,
      })),
      riskSignOffs,
    },
  };
}

export function renderExport(model: ExchangeModel | ThreatModelDocument, format: ExportFormat, fixBy: FixBySettings, exportedAt = new Date()): ExportFile {
  const exchanged = "document" in model ? model : null;
  const document = exchanged ? exchanged.document : (model as ThreatModelDocument);
  const body =
    format === "md"
      ? exportMarkdown(document, { review: exchanged?.review, mitigationOwnerEmails: exchanged?.mitigationOwnerEmails, today: toDay(exportedAt), fixBy })
      : format === "json"
        ? exportModelsJson([model], exportedAt)
        : exportThreatDragonJson(document);
  return { fileName: exportFileName(document.title, document.version, format), contentType: CONTENT_TYPES[format], body };
}

/**
 * One of the organization's models as a file: the current state, or an approved revision's
 * snapshot. Another organization's model or revision is NotFoundError.
 */
export async function exportThreatModel(ctx: OrgContext, input: { id: string; format: ExportFormat; revisionId?: string | null }): Promise<ExportFile> {
  requirePermission(ctx, "model.read");
  const fixBy = await getFixBySettings(db(), ctx.organizationId);
  if (input.revisionId) return renderExport(await revisionExport(db(), ctx, input.id, input.revisionId), input.format, fixBy);
  const model = await findThreatModel(db(), ctx.organizationId, input.id);
  if (!model) throw new NotFoundError("That threat model");
  return renderExport(await toExportedModel(db(), model), input.format, fixBy);
}

/** Every model of an organization, its members and settings (the operator's backup). */
export async function buildOrganizationBackup(organizationId: string): Promise<OrganizationBackup> {
  const organization = await db().organization.findUnique({
    where: { id: organizationId },
    select: { name: true, slug: true, fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true, reviewCadenceMonths: true },
  });
  if (!organization) throw new NotFoundError("That organization");
  const [memberships, modelIds] = await Promise.all([
    db().membership.findMany({
      where: { organizationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { role: true, user: { select: { email: true, name: true } } },
    }),
    db().threatModel.findMany({ where: { organizationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } }),
  ]);
  const models: ExchangeModel[] = [];
  for (const { id } of modelIds) {
    const model = await findThreatModel(db(), organizationId, id);
    if (model) models.push(await toExchangeModel(db(), model));
  }
  const { name, slug, ...settings } = organization;
  return { organization: { name, slug, settings }, members: memberships.map((m) => ({ email: m.user.email, name: m.user.name, role: m.role })), models };
}
