import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { fromDay, toDay } from "@/lib/domain/calendar";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";
import { MITIGATION_TRACKING_FIELDS, analysisLockedReason, mayEditField, trackingEditKeepsApproval, type MitigationTrackingField } from "@/lib/domain/tracking";
import { NotFoundError, SafeError } from "@/lib/errors";
import type { TTrackingEdit, TTrackingValues } from "@/lib/validation/tracking";
import { actedBy, recordAuditEvent } from "../audit";
import { onModelEdited } from "../review/on-model-edited";
import { assertMembers } from "./reconcile";
import { AUDIT_TEXT_MAX } from "./section-writers";

/** A mitigation's tracking fields as the editor holds them (dates as YYYY-MM-DD). */
function trackingValuesOf(m: {
  status: TTrackingValues["status"] & string;
  taskRef: string;
  implementedIn: string;
  ownerId: string | null;
  dueDate: Date | null;
}): Required<TTrackingValues> {
  return { status: m.status, taskRef: m.taskRef, implementedIn: m.implementedIn, ownerId: m.ownerId, dueDate: toDay(m.dueDate) };
}

export type TrackingSaveResult =
  | { saved: true; changed: MitigationTrackingField[]; values: Required<TTrackingValues>; lockVersion: number; status: ThreatModelStatus }
  /** Someone else changed these fields since the user's base: nothing was written. */
  | { saved: false; conflicts: MitigationTrackingField[]; values: Required<TTrackingValues>; lockVersion: number; status: ThreatModelStatus };

/**
 * Saves one mitigation's tracking fields (lib/domain/tracking.ts says which), the path that
 * stays open once a model is approved. Each field names the value it had when the user started
 * editing it: a field someone else changed since is a conflict, reported with the current
 * values, and nothing is written; fields nobody else touched are saved.
 *
 * On an approved model the edit leaves the approval and the model's version alone: the version
 * is what reviewers decide on and what the approved revision records, and a tracking edit does
 * not change the analysis they approved. In the statuses where everything is editable it is an
 * edit like any other (version bump, approvals in review withdrawn).
 */
export async function saveMitigationTracking(ctx: OrgContext, input: TTrackingEdit): Promise<TrackingSaveResult> {
  requirePermission(ctx, "model.edit");
  return db().$transaction(async (tx) => {
    // Held like every review transition holds it, so this edit and an approval, a new revision
    // or an archive run one after the other.
    const [model] = await tx.$queryRaw<{ id: string; status: ThreatModelStatus; lockVersion: number }[]>`
      SELECT id, status::text AS status, "lockVersion" FROM "ThreatModel"
      WHERE id = ${input.modelId} AND "organizationId" = ${ctx.organizationId}
      FOR UPDATE`;
    if (!model) throw new NotFoundError("That threat model");
    const fields = MITIGATION_TRACKING_FIELDS.filter((f) => f in input.value);
    if (fields.some((f) => !mayEditField(model.status, "mitigations", f)))
      throw new SafeError(analysisLockedReason(model.status) ?? "This threat model cannot be changed now.", "locked");
    const mitigation = await tx.mitigation.findFirst({ where: { id: input.mitigationId, threatModelId: model.id, organizationId: ctx.organizationId } });
    if (!mitigation) throw new NotFoundError("That mitigation");
    const current = trackingValuesOf(mitigation);
    const outcome = { values: current, lockVersion: model.lockVersion, status: model.status };

    const conflicts = fields.filter((f) => input.base[f] !== current[f] && input.value[f] !== current[f]);
    if (conflicts.length) return { saved: false as const, conflicts, ...outcome };
    const changed = fields.filter((f) => input.value[f] !== current[f]);
    if (!changed.length) return { saved: true as const, changed, ...outcome };
    if (changed.includes("ownerId")) await assertMembers(tx, ctx.organizationId, [input.value.ownerId]);

    const next = { ...current, ...Object.fromEntries(changed.map((f) => [f, input.value[f]])) } as Required<TTrackingValues>;
    await tx.mitigation.update({
      where: { id: mitigation.id },
      data: { status: next.status, taskRef: next.taskRef, implementedIn: next.implementedIn, ownerId: next.ownerId, dueDate: fromDay(next.dueDate) },
    });
    const keepsApproval = trackingEditKeepsApproval(model.status);
    const lockVersion = keepsApproval ? model.lockVersion : model.lockVersion + 1;
    if (!keepsApproval) await tx.threatModel.update({ where: { id: model.id }, data: { lockVersion } });
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "threat-model.edited",
      { type: "threat-model", id: model.id },
      {
        section: "mitigations",
        tracking: true,
        mitigation: mitigation.title.slice(0, AUDIT_TEXT_MAX),
        changes: Object.fromEntries(changed.map((f) => [f, { before: current[f] ?? "", after: next[f] ?? "" }])),
        lockVersion,
      },
    );
    const status = keepsApproval ? model.status : (await onModelEdited(tx, ctx, model.id)).status;
    return { saved: true as const, changed, values: next, lockVersion, status };
  });
}
