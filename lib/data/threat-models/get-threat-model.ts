import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { findThreatModel } from "./find-threat-model";

/** The whole model for reading, or NotFoundError when it is not this organization's. */
export async function getThreatModel(ctx: OrgContext, id: string) {
  requirePermission(ctx, "model.read");
  const model = await findThreatModel(db(), ctx.organizationId, id);
  if (!model) throw new NotFoundError("That threat model");
  return model;
}
