import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { emptyDocument } from "@/lib/domain/model-document";
import { templateStartDocument } from "@/lib/domain/template-start-document";
import type { TCreateThreatModel } from "@/lib/validation/threat-model";
import { insertOwnDraft } from "./insert-own-draft";

/** Creates a draft owned by its creator, blank or with the team template's example rows. */
export async function createThreatModel(ctx: OrgContext, input: Omit<TCreateThreatModel, "start"> & { start?: TCreateThreatModel["start"] }) {
  requirePermission(ctx, "model.create");
  const start = input.start ?? "blank";
  return db().$transaction(async (tx) => {
    const doc =
      start === "template"
        ? templateStartDocument(input.title, input.featureName, input.category)
        : { ...emptyDocument(input.title), featureName: input.featureName, category: input.category };
    return insertOwnDraft(tx, ctx, doc, "threat-model.created", { title: input.title, start });
  });
}
