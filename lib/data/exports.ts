import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import { CONTENT_TYPES, exportFileName, type ExportFormat } from "@/lib/domain/exchange/filename";
import { exportModelsJson, type ExchangeModel, type OrganizationBackup } from "@/lib/domain/exchange/json";
import { exportThreatDragonJson } from "@/lib/domain/exchange/threat-dragon";
import { exportMarkdown } from "@/lib/domain/markdown/export";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { NotFoundError } from "@/lib/errors";
import { getRevisionDocument } from "./review";
import { findThreatModel, toDocument, type ThreatModelDetail } from "./threat-models";

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

export function renderExport(model: ExchangeModel | ThreatModelDocument, format: ExportFormat, exportedAt = new Date()): ExportFile {
  const document = "document" in model ? model.document : model;
  const body =
    format === "md" ? exportMarkdown(document) : format === "json" ? exportModelsJson([model], exportedAt) : exportThreatDragonJson(document);
  return { fileName: exportFileName(document.title, document.version, format), contentType: CONTENT_TYPES[format], body };
}

/**
 * One of the organization's models as a file: the current state, or an approved revision's
 * snapshot. Another organization's model or revision is NotFoundError.
 */
export async function exportThreatModel(ctx: OrgContext, input: { id: string; format: ExportFormat; revisionId?: string | null }): Promise<ExportFile> {
  requirePermission(ctx, "model.read");
  if (input.revisionId) {
    const revision = await getRevisionDocument(ctx, input.id, input.revisionId);
    // The snapshot names the version it was approved as.
    return renderExport({ ...revision.document, version: revision.version }, input.format);
  }
  const model = await findThreatModel(db(), ctx.organizationId, input.id);
  if (!model) throw new NotFoundError("That threat model");
  return renderExport(await toExchangeModel(db(), model), input.format);
}

/** Every model of an organization, its members and settings (the operator's backup). */
export async function buildOrganizationBackup(organizationId: string): Promise<OrganizationBackup> {
  const organization = await db().organization.findUnique({
    where: { id: organizationId },
    select: { name: true, slug: true, fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true, reviewCadenceMonths: true },
  });
  if (!organization) throw new NotFoundError("That organization");
  const [memberships, modelIds] = await Promise.all([
    db().membership.findMany({ where: { organizationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { role: true, user: { select: { email: true, name: true } } } }),
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
