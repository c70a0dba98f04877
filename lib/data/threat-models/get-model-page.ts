import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { today as todayOf } from "@/lib/domain/calendar";
import { isReviewOverdue } from "@/lib/domain/review-overdue";
import { editScope, type EditScope } from "@/lib/domain/tracking";
import { getThreatModel } from "./get-threat-model";

/**
 * One model as its page shows it: the model, whether its review is overdue, and what the viewer
 * may change: everything (the editor), only the mitigation tracking, or nothing, with why.
 */
export async function getModelPage(ctx: OrgContext, id: string) {
  const model = await getThreatModel(ctx, id);
  const mayEdit = can(ctx.role, "model.edit");
  // An approved model's analysis is locked; its mitigation tracking is not.
  const editing: EditScope = mayEdit ? editScope(model.status) : "nothing";
  const readOnlyReason = !mayEdit
    ? "You can read this threat model; your role does not edit."
    : model.status === "APPROVED"
      ? "This revision is approved: its analysis is locked, and changing it takes a new revision (Review & sign-off). Mitigation tracking (status, ticket, implemented in, owner, due date) stays editable below."
      : model.status === "ARCHIVED"
        ? "This threat model is archived and read-only. It can be restored from Review & sign-off."
        : null;
  // The server's calendar day, handed to the editor so that no rule runs on the browser's clock.
  const today = todayOf();
  const overdue = isReviewOverdue(model, today);
  return { model, today, overdue, editing, readOnlyReason, mayManageLibrary: can(ctx.role, "library.manage") };
}
