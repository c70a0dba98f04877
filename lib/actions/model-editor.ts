"use server";
import { getEditorState, saveModelSection } from "@/lib/data/model-editor";
import { ZModelRef, ZSaveSection } from "@/lib/validation/model-editor";
import { orgAction } from "./action";

// The editor saves one section at a time, automatically; every save names the model version it
// was based on (see saveModelSection).
export const saveModelSectionAction = orgAction({ name: "threat-model.save-section", permission: "model.edit", schema: ZSaveSection }, (ctx, input) =>
  saveModelSection(ctx, input),
);

export const loadEditorStateAction = orgAction({ name: "threat-model.load", permission: "model.read", schema: ZModelRef }, (ctx, input) =>
  getEditorState(ctx, input.modelId),
);
