import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { emptyDocument } from "@/lib/domain/model-document";
import { templateStartDocument } from "@/lib/domain/team-template";
import type { TCreateThreatModel } from "@/lib/validation/threat-model";
import { actedBy, appendAuditEvent } from "../audit";
import { insertThreatModelDocument } from "./insert-threat-model-document";

/** Creates a draft owned by its creator, blank or with the team template's example rows. */
export async function createThreatModel(ctx: OrgContext, input: Omit<TCreateThreatModel, "start"> & { start?: TCreateThreatModel["start"] }) {
  requirePermission(ctx, "model.create");
  const start = input.start ?? "blank";
  return db().$transaction(async (tx) => {
    const doc =
      start === "template"
        ? templateStartDocument(input.title, input.featureName, input.category)
        : { ...emptyDocument(input.title), featureName: input.featureName, category: input.category };
    const model = await insertThreatModelDocument(tx, { organizationId: ctx.organizationId, createdById: ctx.userId, ownerId: ctx.userId }, doc);
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "threat-model.created",
      targetType: "threat-model",
      targetId: model.id,
      summary: { title: input.title, start },
    });
    return model;
  });
}
