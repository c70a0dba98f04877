"use client";
import { useCallback, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { loadEditorStateAction, saveModelSectionAction } from "@/lib/actions/model-editor";
import type { EditorState } from "@/lib/data/model-editor/editor-state";
import type { TSectionBase, TSectionSave } from "@/lib/validation/model-editor";

export type SaveOutcome =
  | {
      ok: true;
      idsByKey: Record<string, string>;
      /** The section as now stored: what was sent, with whatever others saved merged in. */
      section?: TSectionSave["data"];
      /** The whole model as stored now, when others saved since this editor's last save. */
      theirs?: EditorState | null;
    }
  | { ok: false; kind: "conflict" | "invalid" | "failed" | "locked"; message: string; fieldErrors?: Record<string, string[] | undefined> };

/** A save refused because someone else changed a field the user changed too. */
export type Conflict = { sectionId: string; mine: TSectionSave; base: TSectionSave["data"] | undefined; theirs: EditorState | null };

/**
 * Serializes the editor's saves (one at a time) so the editor never conflicts with itself. Each
 * save carries the section's base, so the server merges it with what others saved; only a field
 * both changed is a conflict, which stops that section until the user chooses, field by field.
 */
export function useSaver(organizationSlug: string, modelId: string, initialLockVersion: number, initialStatus?: string) {
  const lockVersion = useRef(initialLockVersion);
  const statusRef = useRef(initialStatus);
  // What a save did to the review: approvals withdrawn, or back to Draft after requested changes.
  const [reviewNotice, setReviewNotice] = useState<string | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [locked, setLocked] = useState<string | null>(null);

  const send = useCallback(
    async (sectionId: string, save: TSectionSave, base: TSectionSave["data"] | undefined): Promise<SaveOutcome> => {
      let result: ActionResult<{
        lockVersion: number;
        idsByKey: Record<string, string>;
        status: string;
        withdrawnApprovals: number;
        section?: unknown;
        othersWrote: boolean;
      }>;
      try {
        result = await saveModelSectionAction(organizationSlug, { modelId, lockVersion: lockVersion.current, save, base: base as TSectionBase | undefined });
      } catch {
        return { ok: false, kind: "failed", message: "Could not reach ThreatDesk. Your text is kept here and saving will be retried." };
      }
      if (result.ok) {
        lockVersion.current = result.data.lockVersion;
        const { withdrawnApprovals, status } = result.data;
        if (withdrawnApprovals > 0) {
          setReviewNotice(
            `This change withdrew ${withdrawnApprovals === 1 ? "an approval" : `${withdrawnApprovals} approvals`} given in review: the reviewers were asked to look again.`,
          );
        } else if (status !== statusRef.current && status === "DRAFT") {
          setReviewNotice("The model is back in Draft. Submit it for review again when the requested changes are made.");
        }
        statusRef.current = status;
        // Others saved in between: the editor takes their changes in (see the model editor).
        const theirs = result.data.othersWrote ? await loadEditorStateAction(organizationSlug, { modelId }).catch(() => null) : null;
        if (theirs?.ok && theirs.data.lockVersion > lockVersion.current) lockVersion.current = theirs.data.lockVersion;
        return {
          ok: true,
          idsByKey: result.data.idsByKey,
          section: result.data.section as TSectionSave["data"] | undefined,
          theirs: theirs?.ok ? theirs.data : null,
        };
      }
      if (result.code === "conflict") {
        setConflict({ sectionId, mine: save, base, theirs: null });
        const theirs = await loadEditorStateAction(organizationSlug, { modelId }).catch(() => null);
        setConflict({ sectionId, mine: save, base, theirs: theirs?.ok ? theirs.data : null });
        return { ok: false, kind: "conflict", message: result.message };
      }
      if (result.code === "locked") {
        setLocked(result.message);
        return { ok: false, kind: "locked", message: result.message };
      }
      if (result.code === "invalid") return { ok: false, kind: "invalid", message: result.message, fieldErrors: result.fieldErrors };
      return { ok: false, kind: "failed", message: result.message };
    },
    [organizationSlug, modelId],
  );

  const save = useCallback(
    (sectionId: string, payload: TSectionSave, base: TSectionSave["data"] | undefined) => {
      const next = queue.current.then(() => send(sectionId, payload, base));
      queue.current = next.catch(() => undefined);
      return next;
    },
    [send],
  );

  /** After a conflict, or a write outside the section saves: continue from the version it produced. */
  const adoptVersion = useCallback((version: number) => {
    lockVersion.current = version;
    setConflict(null);
  }, []);

  /** Closes the conflict without a choice: nothing is taken in, and the section's next save asks again. */
  const dismissConflict = useCallback(() => setConflict(null), []);

  /** The version the next write will name, for a write outside the section saves (moving a threat out). */
  const currentVersion = useCallback(() => lockVersion.current, []);

  return {
    save,
    conflict,
    adoptVersion,
    dismissConflict,
    currentVersion,
    locked,
    reviewNotice,
    dismissReviewNotice: useCallback(() => setReviewNotice(null), []),
  };
}
