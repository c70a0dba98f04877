import "server-only";
import type { OrgContext, RequestMeta } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import type { ImportFormat } from "@/lib/domain/exchange/detect";
import type { ExchangeModel } from "@/lib/domain/exchange/json";
import { countDocument, prepareImport, type ImportCounts, type ImportPreview, type ImportWarning } from "@/lib/domain/exchange/prepare";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { InvalidInputError, SafeError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { appendAuditEvent, actedBy } from "./audit";
import { insertThreatModelDocument } from "./threat-models";

/** A file (or pasted text) to import. */
export type ImportSource = { fileName?: string | null; content: string | Uint8Array };

export type ImportedModel = { id: string; title: string; counts: ImportCounts };
export type ImportOutcome = { format: ImportFormat; models: ImportedModel[]; warnings: ImportWarning[] };

/** Who writes imported rows and how the audit trail names them: a member, or the operator. */
export type ImportWriter = {
  organizationId: string;
  createdById: string;
  /** Owner of each model when the file names none that is a member. */
  defaultOwnerId: string | null;
  audit: { actorId: string | null; actorLabel: string; meta: RequestMeta };
};

/** Big imports insert thousands of rows; the default 5 s would cut them off halfway. */
export const IMPORT_TRANSACTION = { timeout: 120_000, maxWait: 15_000 } as const;

/** The file's problems, as an error the user may see ("path: message" lines in `details`). */
export class ImportRefusedError extends InvalidInputError {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message, details.length ? { file: details } : undefined);
  }
}

export function readImport(source: ImportSource) {
  const prepared = prepareImport(source.fileName ?? null, source.content);
  if (!prepared.ok) throw new ImportRefusedError(prepared.error, prepared.details);
  return prepared;
}

/** What a file would import, without writing anything. */
export async function previewImport(ctx: OrgContext, source: ImportSource): Promise<ImportPreview> {
  requirePermission(ctx, "model.create");
  return readImport(source).preview;
}

/** Users of the organization by lower-cased email, for owners named in a file. */
async function membersByEmail(tx: Tx, organizationId: string, emails: (string | null | undefined)[]) {
  const wanted = [...new Set(emails.filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await tx.membership.findMany({ where: { organizationId, user: { email: { in: wanted } } }, select: { user: { select: { id: true, email: true } } } });
  return new Map(rows.map((r) => [r.user.email.toLowerCase(), r.user.id]));
}

/**
 * Writes imported models inside the caller's transaction, one audit event each. Owners named by
 * email become the organization's member with that email; any other owner is left unset.
 */
export async function writeImportedModels(tx: Tx, writer: ImportWriter, format: ImportFormat, models: ExchangeModel[], summary: Record<string, unknown> = {}) {
  const members = await membersByEmail(tx, writer.organizationId, models.flatMap((m) => [m.ownerEmail, ...m.mitigationOwnerEmails]));
  const byEmail = (email: string | null | undefined) => (email ? members.get(email.toLowerCase()) : undefined);
  const written: ImportedModel[] = [];
  for (const model of models) {
    const doc: ThreatModelDocument = {
      ...model.document,
      mitigations: model.document.mitigations.map((m, i) => ({ ...m, ownerId: byEmail(model.mitigationOwnerEmails[i]) ?? m.ownerId ?? null })),
    };
    const { id } = await insertThreatModelDocument(
      tx,
      { organizationId: writer.organizationId, createdById: writer.createdById, ownerId: byEmail(model.ownerEmail) ?? writer.defaultOwnerId },
      doc,
    );
    const counts = countDocument(doc);
    await appendAuditEvent(tx, {
      organizationId: writer.organizationId,
      ...writer.audit,
      action: "threat-model.imported",
      targetType: "threat-model",
      targetId: id,
      summary: { title: doc.title, format, status: doc.status, counts, ...summary },
    });
    written.push({ id, title: doc.title, counts });
  }
  return written;
}

/** A constraint the checks did not foresee is still the file's fault, and nothing is kept. */
export function refuseOnDatabaseError(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError || error instanceof Prisma.PrismaClientValidationError) {
    throw new ImportRefusedError("The file could not be saved as it is (it breaks a rule of the database), so nothing was imported.", [
      error instanceof Prisma.PrismaClientKnownRequestError ? `${error.code}: ${JSON.stringify(error.meta ?? {})}` : "invalid data",
    ]);
  }
  throw error;
}

/** Writes already-read models as the member's, all in one transaction. */
export async function commitDocuments(ctx: OrgContext, input: { format: ImportFormat; models: ExchangeModel[]; warnings?: ImportWarning[]; fileName?: string | null }): Promise<ImportOutcome> {
  requirePermission(ctx, "model.create");
  if (input.models.length === 0) throw new ImportRefusedError("The file holds no threat models.");
  const writer: ImportWriter = { organizationId: ctx.organizationId, createdById: ctx.userId, defaultOwnerId: ctx.userId, audit: actedBy(ctx) };
  const models = await db()
    .$transaction((tx) => writeImportedModels(tx, writer, input.format, input.models, input.fileName ? { fileName: input.fileName.slice(0, 200) } : {}), IMPORT_TRANSACTION)
    .catch((error: unknown) => {
      if (error instanceof SafeError) throw error;
      return refuseOnDatabaseError(error);
    });
  return { format: input.format, models, warnings: input.warnings ?? [] };
}

/**
 * Reads the file again (the preview's result is never trusted from a browser) and writes every
 * model in it as a draft owned by the member, in one transaction: all of them or none.
 */
export async function commitImport(ctx: OrgContext, source: ImportSource): Promise<ImportOutcome> {
  requirePermission(ctx, "model.create");
  const prepared = readImport(source);
  return commitDocuments(ctx, { format: prepared.preview.format, models: prepared.models, warnings: prepared.preview.warnings, fileName: source.fileName });
}
