import "server-only";
import type { OrgContext, RequestMeta } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import type { ImportFormat } from "@/lib/domain/exchange/detect";
import type { ExchangeModel } from "@/lib/domain/exchange/json";
import {
  countDocument,
  importedTitle,
  prepareImport,
  titleKey,
  titleTakenWarning,
  unknownOwnerWarnings,
  type ImportCounts,
  type ImportPreview,
  type ImportWarning,
} from "@/lib/domain/exchange/prepare";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { InvalidInputError, SafeError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { actedBy, recordAuditEvent } from "./audit";
import { insertThreatModelDocument } from "./threat-models/insert-threat-model-document";

/** A file (or pasted text) to import, and the titles the member gave its models in the preview. */
export type ImportSource = { fileName?: string | null; content: string | Uint8Array; titles?: string[] };

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

/** Titles of the organization's models, as titleKey()s. */
async function takenTitles(client: Tx, organizationId: string) {
  const rows = await client.threatModel.findMany({ where: { organizationId }, select: { title: true } });
  return new Set(rows.map((r) => titleKey(r.title)));
}

/**
 * The models under the titles they will be saved as: the member's rename when given, else the
 * file's, either marked as an imported copy when the organization already uses it.
 */
export function titledForImport(models: ExchangeModel[], taken: Set<string>, renames: string[] = [], today = new Date()): ExchangeModel[] {
  return models.map((model, i) => {
    const wanted = renames[i]?.trim() || model.document.title;
    return { ...model, document: { ...model.document, title: importedTitle(wanted, taken, today) } };
  });
}

/** Warnings only the organization can give: owners who are not its members, titles it already uses. */
async function organizationWarnings(client: Tx, organizationId: string, models: ExchangeModel[]) {
  const members = await membersByEmail(
    client,
    organizationId,
    models.flatMap((m) => m.mitigationOwnerEmails),
  );
  return unknownOwnerWarnings(models, (email) => members.has(email.toLowerCase()));
}

/**
 * What a file would import into the member's organization, without writing anything: the
 * file's own warnings, then owners who are not members, and each model's title as it would be saved.
 */
export async function previewImport(ctx: OrgContext, source: ImportSource): Promise<ImportPreview> {
  requirePermission(ctx, "model.create");
  return previewInto(db(), ctx.organizationId, readImport(source));
}

/** The preview of an already-read file for one organization (see previewImport). */
export async function previewInto(client: Tx, organizationId: string, prepared: ReturnType<typeof readImport>): Promise<ImportPreview> {
  const [taken, ownerWarnings] = await Promise.all([takenTitles(client, organizationId), organizationWarnings(client, organizationId, prepared.models)]);
  const titled = titledForImport(prepared.models, taken);
  const titleWarnings = prepared.models.flatMap((m, i) => {
    const importTitle = titled[i]!.document.title;
    return importTitle === m.document.title.trim() ? [] : [titleTakenWarning(i, m.document.title, importTitle)];
  });
  return {
    ...prepared.preview,
    documents: prepared.preview.documents.map((d, i) => ({ ...d, importTitle: titled[i]!.document.title })),
    // The title comes first: it is the one warning the preview asks the member to act on.
    warnings: [...titleWarnings, ...prepared.preview.warnings, ...ownerWarnings],
  };
}

/** Users of the organization by lower-cased email, for owners named in a file. */
async function membersByEmail(tx: Tx, organizationId: string, emails: (string | null | undefined)[]) {
  const wanted = [...new Set(emails.filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await tx.membership.findMany({
    where: { organizationId, user: { email: { in: wanted } } },
    select: { user: { select: { id: true, email: true } } },
  });
  return new Map(rows.map((r) => [r.user.email.toLowerCase(), r.user.id]));
}

/**
 * Writes imported models inside the caller's transaction, one audit event each. Owners named by
 * email become the organization's member with that email; any other owner is left unset. Every
 * model is written before the first event is appended: appending takes the organization's audit
 * lock until the transaction ends, and every other change in the organization waits for it, so
 * it is held for the events and the commit only, never while thousands of rows are inserted.
 * `earlierEvents` are the caller's own events of the same transaction, appended just before.
 */
export async function writeImportedModels(
  tx: Tx,
  writer: ImportWriter,
  format: ImportFormat,
  models: ExchangeModel[],
  summary: Record<string, unknown> = {},
  earlierEvents: (() => Promise<unknown>)[] = [],
) {
  const members = await membersByEmail(
    tx,
    writer.organizationId,
    models.flatMap((m) => [m.ownerEmail, ...m.mitigationOwnerEmails]),
  );
  const byEmail = (email: string | null | undefined) => (email ? members.get(email.toLowerCase()) : undefined);
  const written: (ImportedModel & { status: ThreatModelDocument["status"] })[] = [];
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
    written.push({ id, title: doc.title, status: doc.status, counts: countDocument(doc) });
  }
  for (const record of earlierEvents) await record();
  for (const model of written) {
    await recordAuditEvent(
      tx,
      { organizationId: writer.organizationId, ...writer.audit },
      "threat-model.imported",
      { type: "threat-model", id: model.id },
      { title: model.title, format, status: model.status, counts: model.counts, ...summary },
    );
  }
  return written.map(({ status: _status, ...model }) => model);
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

/**
 * Writes already-read models as the member's, all in one transaction. A title the organization
 * already uses is marked as an imported copy (see titledForImport); `titles` are the member's renames.
 */
export async function commitDocuments(
  ctx: OrgContext,
  input: { format: ImportFormat; models: ExchangeModel[]; warnings?: ImportWarning[]; fileName?: string | null; titles?: string[] },
): Promise<ImportOutcome> {
  requirePermission(ctx, "model.create");
  if (input.models.length === 0) throw new ImportRefusedError("The file holds no threat models.");
  const writer: ImportWriter = { organizationId: ctx.organizationId, createdById: ctx.userId, defaultOwnerId: ctx.userId, audit: actedBy(ctx) };
  const { models, ownerWarnings } = await db()
    .$transaction(async (tx) => {
      const titled = titledForImport(input.models, await takenTitles(tx, ctx.organizationId), input.titles);
      const ownerWarnings = await organizationWarnings(tx, ctx.organizationId, titled);
      const models = await writeImportedModels(tx, writer, input.format, titled, input.fileName ? { fileName: input.fileName.slice(0, 200) } : {});
      return { models, ownerWarnings };
    }, IMPORT_TRANSACTION)
    .catch((error: unknown) => {
      if (error instanceof SafeError) throw error;
      return refuseOnDatabaseError(error);
    });
  return { format: input.format, models, warnings: [...(input.warnings ?? []), ...ownerWarnings] };
}

/**
 * Reads the file again (the preview's result is never trusted from a browser) and writes every
 * model in it as a draft owned by the member, in one transaction: all of them or none.
 */
export async function commitImport(ctx: OrgContext, source: ImportSource): Promise<ImportOutcome> {
  requirePermission(ctx, "model.create");
  const prepared = readImport(source);
  return commitDocuments(ctx, {
    format: prepared.preview.format,
    models: prepared.models,
    warnings: prepared.preview.warnings,
    fileName: source.fileName,
    titles: source.titles,
  });
}
