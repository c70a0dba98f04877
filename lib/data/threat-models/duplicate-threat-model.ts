import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { TITLE_MAX, type TDuplicateThreatModel } from "@/lib/validation/threat-model";
import { findThreatModel } from "./find-threat-model";
import { insertOwnDraft } from "./insert-own-draft";
import { toDocument } from "./to-document";

/** "Copy of …", cut to fit the title limit. */
function copyTitle(title: string) {
  const copy = `Copy of ${title}`;
  return copy.length <= TITLE_MAX ? copy : `${copy.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/**
 * A full copy of one of the organization's models as a new draft owned by the caller: every
 * section, with mitigation links and residual-risk links pointing at the copy's own rows.
 * Residual risks start over as proposals; approvals, revisions and comments are not copied,
 * since they were given to the original.
 */
export async function duplicateThreatModel(ctx: OrgContext, input: TDuplicateThreatModel) {
  requirePermission(ctx, "model.create");
  // Read before the transaction: Prisma loads the sections with several queries, which at READ
  // COMMITTED are not one snapshot inside a transaction either (and REPEATABLE READ would make
  // appendAuditEvent read a stale chain head). Every edit bumps lockVersion, so an unchanged
  // lockVersion afterwards proves no edit landed while the sections were read.
  const source = await findThreatModel(db(), ctx.organizationId, input.id);
  if (!source) throw new NotFoundError("That threat model");
  const doc: ThreatModelDocument = { ...toDocument(source), title: copyTitle(source.title), status: "DRAFT", version: "0.1.0" };
  return db().$transaction(async (tx) => {
    const unchanged = await tx.threatModel.count({ where: { id: source.id, organizationId: ctx.organizationId, lockVersion: source.lockVersion } });
    if (!unchanged) throw new ConflictError("The model changed or was deleted while it was being copied. Try again.");
    const model = await insertOwnDraft(tx, ctx, doc, "threat-model.duplicated", {
      title: doc.title,
      sourceId: source.id,
      sourceTitle: source.title,
      sourceVersion: source.version,
    });
    return { id: model.id, title: doc.title };
  });
}
