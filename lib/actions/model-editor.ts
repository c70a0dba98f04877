"use server";
import { getEditorState } from "@/lib/data/model-editor/get-editor-state";
import { saveMitigationTracking } from "@/lib/data/model-editor/save-mitigation-tracking";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { ZModelRef, ZSaveSection } from "@/lib/validation/model-editor";
import { ZTrackingEdit } from "@/lib/validation/tracking";
import { orgAction } from "./action";

// The editor saves one section at a time, automatically; every save names the model version it
// was based on (see saveModelSection).
export const saveModelSectionAction = orgAction({ name: "threat-model.save-section", permission: "model.edit", schema: ZSaveSection }, saveModelSection);

export const loadEditorStateAction = orgAction({ name: "threat-model.load", permission: "model.read", schema: ZModelRef }, (ctx, input) =>
  getEditorState(ctx, input.modelId),
);

// A mitigation's tracking (status, ticket, owner, due date), which stays editable once the model
// is approved; each field names the value it was changed from (see saveMitigationTracking).
export const saveMitigationTrackingAction = orgAction(
  { name: "threat-model.save-tracking", permission: "model.edit", schema: ZTrackingEdit },
  saveMitigationTracking,
);
