"use server";
import { listTransferTargets, transferThreat } from "@/lib/data/threat-transfer";
import { ZModelRef, ZTransferThreat } from "@/lib/validation/model-editor";
import { orgAction } from "./action";

// No revalidatePath: model pages are rendered per request, and revalidating here would make the
// editor that called the action render again for nothing.
export const transferThreatAction = orgAction({ name: "threat.transfer", permission: "model.edit", schema: ZTransferThreat }, transferThreat);

/** The models a threat of `modelId` may go to, loaded when the dialog opens. */
export const listTransferTargetsAction = orgAction({ name: "threat.transfer-targets", permission: "model.edit", schema: ZModelRef }, (ctx, input) =>
  listTransferTargets(ctx, input.modelId),
);
