import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { DELETE_TITLE_MISMATCH, type TDeleteThreatModel } from "@/lib/validation/threat-model";
import { actedBy, recordAuditEvent } from "../audit";

/**
 * Deletes one of the organization's models and every row under it (the foreign keys cascade),
 * once the caller has typed its title. The audit event is written first, in the same
 * transaction: audit events have no foreign key to the model, so the record outlives it.
 */
export async function deleteThreatModel(ctx: OrgContext, input: TDeleteThreatModel) {
  requirePermission(ctx, "model.delete");
  return db().$transaction(async (tx) => {
    const where = { id: input.id, organizationId: ctx.organizationId };
    const model = await tx.threatModel.findFirst({
      where,
      select: { id: true, title: true, version: true, status: true, _count: { select: { threats: true, mitigations: true, acceptances: true } } },
    });
    if (!model) throw new NotFoundError("That threat model");
    if (input.title.trim() !== model.title) throw new InvalidInputError(DELETE_TITLE_MISMATCH, { title: [DELETE_TITLE_MISMATCH] });
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "threat-model.deleted",
      { type: "threat-model", id: model.id },
      { title: model.title, version: model.version, status: model.status, ...model._count },
    );
    // deleteMany keeps the organization in the statement; a concurrent delete leaves 0 rows here.
    const { count } = await tx.threatModel.deleteMany({ where });
    if (count === 0) throw new NotFoundError("That threat model");
    return { id: model.id, title: model.title };
  });
}
