import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { getThreatModel } from "../threat-models/get-threat-model";
import { toEditorState } from "./editor-state";

/** The whole model as the editor holds it (see toEditorState). */
export async function getEditorState(ctx: OrgContext, modelId: string) {
  return toEditorState(await getThreatModel(ctx, modelId));
}
