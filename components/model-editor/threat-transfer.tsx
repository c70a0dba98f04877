"use client";
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { listTransferTargetsAction, transferThreatAction } from "@/lib/actions/threat-transfer";
import type { TransferTarget } from "@/lib/data/threat-transfer";
import type { TransferMode, TTransferThreat } from "@/lib/validation/model-editor";

/** What the editor lends each threat's "Copy or move…" control. */
export type ThreatTransferHost = {
  organizationSlug: string;
  modelId: string;
  /** Anything not saved yet (or being saved, or in conflict): a move has to wait for it. */
  hasUnsavedChanges: boolean;
  /** The model version the editor's next write is based on; a move names it. */
  currentVersion: () => number;
  /** After a move: the editor drops the threat and continues from the source's new version. */
  onMoved: (moved: { threatId: string; threatTitle: string; sourceLockVersion: number; target: TransferTarget }) => void;
};

const MODES: { value: TransferMode; label: string; hint: string }[] = [
  { value: "copy", label: "Copy", hint: "Keep it here and add the same threat, as last saved, to the other model." },
  { value: "move", label: "Move", hint: "Add it to the other model and remove it from this one." },
];

const modelHref = (slug: string, id: string) => `/${slug}/models/${id}`;

/** The "Copy or move…" control of one saved threat: a button, the dialog it opens, and the notice after a copy. */
export function ThreatTransfer({ host, threatId, threatTitle }: { host: ThreatTransferHost; threatId: string; threatTitle: string }) {
  const [open, setOpen] = useState(false);
  const [copiedTo, setCopiedTo] = useState<TransferTarget | null>(null);
  return (
    <div className="space-y-1">
      <Button
        type="button"
        size="sm"
        variant="ghost"
        aria-haspopup="dialog"
        onClick={() => {
          setCopiedTo(null);
          setOpen(true);
        }}
      >
        Copy or move…
      </Button>
      {copiedTo && (
        <p role="status" className="text-xs text-emerald-800" data-testid="threat-copied">
          Copied to{" "}
          <Link className="font-medium underline" href={modelHref(host.organizationSlug, copiedTo.id)}>
            {copiedTo.title}
          </Link>
          .{" "}
          <button type="button" className="text-slate-600 underline" onClick={() => setCopiedTo(null)}>
            Dismiss
          </button>
        </p>
      )}
      {open && <TransferDialog host={host} threatId={threatId} threatTitle={threatTitle} onClose={() => setOpen(false)} onCopied={setCopiedTo} />}
    </div>
  );
}

type Targets = { state: "loading" } | { state: "failed"; message: string } | { state: "ready"; items: TransferTarget[] };

function TransferDialog({
  host,
  threatId,
  threatTitle,
  onClose,
  onCopied,
}: {
  host: ThreatTransferHost;
  threatId: string;
  threatTitle: string;
  onClose: () => void;
  onCopied: (target: TransferTarget) => void;
}) {
  const ids = useId();
  const [targets, setTargets] = useState<Targets>({ state: "loading" });
  const [targetId, setTargetId] = useState("");
  const [mode, setMode] = useState<TransferMode>("copy");
  // The move's callback must see the editor as it is when the answer arrives, not as it was
  // when the button was pressed.
  const latestHost = useRef(host);
  useEffect(() => {
    latestHost.current = host;
  });

  const { organizationSlug, modelId } = host;
  const loadRun = useRef(0);
  const fetchTargets = useCallback(() => {
    const run = ++loadRun.current;
    listTransferTargetsAction(organizationSlug, { modelId })
      .then((result) => {
        if (run !== loadRun.current) return;
        if (!result.ok) return setTargets({ state: "failed", message: result.message });
        setTargets({ state: "ready", items: result.data });
        setTargetId((current) => (result.data.some((t) => t.id === current) ? current : (result.data[0]?.id ?? "")));
      })
      .catch(
        () =>
          run === loadRun.current &&
          setTargets({ state: "failed", message: "Could not reach ThreatDesk to list the threat models. Check your connection and try again." }),
      );
  }, [organizationSlug, modelId]);
  const retry = () => {
    setTargets({ state: "loading" });
    fetchTargets();
  };

  // The targets are loaded when the dialog opens, not with the editor: most threats are never moved.
  useEffect(() => {
    fetchTargets();
    return () => {
      loadRun.current += 1;
    };
  }, [fetchTargets]);

  const transfer = useAction(useCallback((input: TTransferThreat) => transferThreatAction(organizationSlug, input), [organizationSlug]));
  const moveBlocked = host.hasUnsavedChanges;
  const items = targets.state === "ready" ? targets.items : [];
  const target = items.find((t) => t.id === targetId);
  const canSubmit = Boolean(target) && !(mode === "move" && moveBlocked) && !transfer.pending;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!target || !canSubmit) return;
    transfer.run({ threatId, sourceLockVersion: host.currentVersion(), targetModelId: target.id, mode }, (data) => {
      if (mode === "move") latestHost.current.onMoved({ threatId, threatTitle, sourceLockVersion: data.sourceLockVersion, target });
      else {
        onCopied(target);
        // Closing hands the focus back to the button that opened it.
        onClose();
      }
    });
  };

  const error =
    transfer.result && !transfer.result.ok
      ? transfer.result.code === "conflict"
        ? "Someone else changed this threat model since you opened it, so nothing was moved. Reload the page to see their changes, then try again."
        : transfer.result.message
      : null;
  const moveHintId = `${ids}-move-blocked`;

  return (
    <Dialog
      title={`Copy or move “${threatTitle || "Untitled threat"}”`}
      description="Its linked mitigations come along; a mitigation the other model already has under the same title is linked instead of copied."
      busy={targets.state === "loading" || transfer.pending}
      dismissible={!transfer.pending}
      onOpenChange={(open) => !open && onClose()}
      testId="threat-transfer-dialog"
    >
      <form className="space-y-4" onSubmit={submit}>
        {targets.state === "loading" && (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> Loading…
          </p>
        )}
        {targets.state === "failed" && (
          <Alert tone="error">
            {targets.message}{" "}
            <button type="button" className="underline" onClick={retry}>
              Try again
            </button>
          </Alert>
        )}
        {targets.state === "ready" && items.length === 0 && (
          <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="no-transfer-targets">
            No other editable threat model. Create one, or reopen one for editing, to copy or move this threat there.
          </p>
        )}
        {targets.state === "ready" && items.length > 0 && (
          <>
            <Field id={`${ids}-target`} label="Target threat model">
              <Select id={`${ids}-target`} value={targetId} onChange={(e) => setTargetId(e.currentTarget.value)} disabled={transfer.pending}>
                {items.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title} (v{t.version})
                  </option>
                ))}
              </Select>
            </Field>
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Copy or move</legend>
              <div className="mt-2 space-y-2">
                {MODES.map((m) => {
                  const blocked = m.value === "move" && moveBlocked;
                  return (
                    <label
                      key={m.value}
                      className={`flex items-start gap-3 rounded-md border border-slate-200 p-3 has-checked:border-brand-600 has-checked:bg-brand-50/40 ${blocked ? "cursor-not-allowed opacity-60" : "cursor-pointer"}`}
                    >
                      <input
                        type="radio"
                        name={`${ids}-mode`}
                        value={m.value}
                        checked={mode === m.value}
                        disabled={blocked || transfer.pending}
                        onChange={() => setMode(m.value)}
                        aria-describedby={`${ids}-${m.value}-hint${blocked ? ` ${moveHintId}` : ""}`}
                        className="mt-0.5 h-4 w-4 accent-brand-600"
                      />
                      <span>
                        <span className="block text-sm font-medium text-slate-900">{m.label}</span>
                        <span id={`${ids}-${m.value}-hint`} className="block text-xs text-slate-500">
                          {m.hint}
                        </span>
                      </span>
                    </label>
                  );
                })}
              </div>
              {moveBlocked && (
                <p id={moveHintId} className="mt-2 text-xs text-amber-800" data-testid="move-blocked">
                  Moving is possible once every change is saved: a move changes this model too, and must not race your unsaved edits. Wait for “All changes
                  saved”.
                </p>
              )}
            </fieldset>
          </>
        )}

        {error && <Alert tone="error">{error}</Alert>}

        <DialogActions cancelDisabled={transfer.pending}>
          {items.length > 0 && (
            <Button type="submit" pending={transfer.pending} disabled={!canSubmit}>
              {mode === "move" ? "Move threat" : "Copy threat"}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
