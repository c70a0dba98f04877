import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { db, type Tx } from "@/lib/db/client";
import { checkTransition, revisionAuthors, type ReviewAction } from "@/lib/domain/review";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { recordAccessDenied } from "../audit";

// What every review transition shares: the model's row lock, the state machine's verdict, and
// the transaction that records an author's refusal once it has rolled back.

export type LockedModel = {
  id: string;
  title: string;
  version: string;
  status: ThreatModelStatus;
  lockVersion: number;
  createdById: string;
  /** Who wrote the revision (lib/domain/review.ts revisionAuthors): they do not review it. */
  authors: string[];
  ownerId: string | null;
  statusBeforeArchive: ThreatModelStatus | null;
};

export const reviewLink = (ctx: OrgContext, modelId: string) => `/${ctx.organizationSlug}/models/${modelId}/review`;

/**
 * Reads a model of the caller's organization and holds its row until the transaction ends. Every
 * transition and every edit of the model goes through this row (edits by their conditional
 * version bump), so two leads deciding at once, or an edit racing an approval, run one after the
 * other and each sees what the other did.
 */
export async function lockModel(tx: Tx, ctx: OrgContext, modelId: string): Promise<LockedModel> {
  const rows = await tx.$queryRaw<(Omit<LockedModel, "authors"> & { revisionEditorIds: string[]; editorsCountAsAuthors: boolean })[]>`
    SELECT m.id, m.title, m.version, m.status::text AS status, m."lockVersion", m."createdById", m."ownerId",
           m."statusBeforeArchive"::text AS "statusBeforeArchive", m."revisionEditorIds", o."editorsCountAsAuthors"
    FROM "ThreatModel" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE m.id = ${modelId} AND m."organizationId" = ${ctx.organizationId}
    FOR UPDATE OF m`;
  const row = rows[0];
  if (!row) throw new NotFoundError("That threat model");
  const { revisionEditorIds, editorsCountAsAuthors, ...model } = row;
  return { ...model, authors: revisionAuthors({ createdById: model.createdById, revisionEditorIds: revisionEditorIds ?? [] }, editorsCountAsAuthors) };
}

/** A refusal because of who the actor is (their own model): recorded once its transaction has ended. */
class AuthorRefused extends ForbiddenError {
  constructor(
    message: string,
    readonly action: ReviewAction,
  ) {
    super(message);
  }
}

/** Refuses a transition the state machine does not allow, with its reason. */
export function ensureAllowed(ctx: OrgContext, action: ReviewAction, model: LockedModel) {
  const verdict = checkTransition(
    action,
    model.status,
    { role: ctx.role, isAuthor: model.authors.includes(ctx.userId) },
    { restoreTo: model.statusBeforeArchive ?? undefined },
  );
  if (verdict.allowed) return verdict.next;
  // Wrong state is a conflict with what someone else did; wrong person is an authorization failure.
  const stateOk = checkTransition(action, model.status, { role: ctx.role, isAuthor: false }).allowed;
  if (stateOk) throw new AuthorRefused(verdict.reason, action);
  throw new ConflictError(verdict.reason);
}

/**
 * Runs a transition's transaction. An authorization refusal is written to the audit trail after
 * the transaction has rolled back (and released the model's row), in a transaction of its own.
 */
export async function transition<T>(ctx: OrgContext, body: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(body);
  } catch (error) {
    if (error instanceof AuthorRefused) await recordAccessDenied(ctx, { action: `review.${error.action}`, permission: "own-model" });
    throw error;
  }
}

/** Withdraws every live decision on a model; returns who had given one. */
export async function withdrawDecisions(tx: Tx, modelId: string, reason: string): Promise<string[]> {
  const live = await tx.approval.findMany({ where: { threatModelId: modelId, withdrawnAt: null }, select: { reviewerId: true } });
  if (live.length === 0) return [];
  await tx.approval.updateMany({ where: { threatModelId: modelId, withdrawnAt: null }, data: { withdrawnAt: new Date(), withdrawnReason: reason } });
  return [...new Set(live.map((a) => a.reviewerId))];
}
