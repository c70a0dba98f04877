"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { fieldErrorsOf } from "@/lib/validation/errors";
import type { TSectionSave } from "@/lib/validation/model-editor";
import type { SaveOutcome } from "./saver";
import { loadSectionValidation } from "./section-validation";
import { canonicalJson } from "./state";

export type SectionStatus =
  | { state: "saved" }
  | { state: "pending" }
  | { state: "saving" }
  | { state: "failed"; message: string; retryInMs: number }
  | { state: "invalid"; message: string; fieldErrors?: Record<string, string[] | undefined>; forJson?: string }
  /** With `forJson`: set aside by the user, it saves (and so asks again) once its content changes. */
  | { state: "conflict"; message: string; forJson?: string }
  | { state: "locked"; message: string };

const DEBOUNCE_MS = 700;
const RETRY_MS = [2_000, 5_000, 10_000, 30_000];

/** Puts the database ids that a save created into the payload it sent. */
export function withIds(payload: TSectionSave, idsByKey: Record<string, string>): TSectionSave {
  if (!Array.isArray(payload.data)) return payload;
  return {
    ...payload,
    data: payload.data.map((row: { key: string; id?: string }) => (row.id || !idsByKey[row.key] ? row : { ...row, id: idsByKey[row.key] })),
  } as TSectionSave;
}

const jsonOf = (payloads: Record<string, TSectionSave>) => Object.fromEntries(Object.entries(payloads).map(([id, p]) => [id, canonicalJson(p)]));

/**
 * Saves each section of the editor shortly after its content stops changing. Each section keeps
 * its base: the version it was last saved or loaded as, which every save carries so the server
 * can merge it with what others saved since. A section is dirty while what it would save differs
 * from its base. Invalid input is reported without a request and waits for the next edit; a
 * failed request keeps the text and retries with back-off; a conflict or a lock stops the
 * section until the user decides.
 */
export function useAutosave(
  payloads: Record<string, TSectionSave>,
  save: (sectionId: string, payload: TSectionSave, base: TSectionSave["data"] | undefined) => Promise<SaveOutcome>,
  onSaved: (sectionId: string, outcome: Extract<SaveOutcome, { ok: true }>, sent: TSectionSave) => void,
  enabled: boolean,
) {
  const jsons = useMemo(() => jsonOf(payloads), [payloads]);
  const bases = useRef<Record<string, TSectionSave>>(payloads);
  const [savedJson, setSavedJson] = useState<Record<string, string>>(jsons);
  const setBases = useCallback((next: Record<string, TSectionSave>) => {
    bases.current = { ...bases.current, ...next };
    setSavedJson((all) => ({ ...all, ...jsonOf(next) }));
  }, []);
  const [status, setStatus] = useState<Record<string, SectionStatus>>({});
  const attempts = useRef<Record<string, number>>({});
  const inFlight = useRef(new Set<string>());
  const latest = useRef({ payloads, jsons, onSaved });
  useEffect(() => {
    latest.current = { payloads, jsons, onSaved };
  });

  const setOne = (id: string, s: SectionStatus) => setStatus((all) => ({ ...all, [id]: s }));

  const flush = useCallback(
    async (id: string) => {
      if (inFlight.current.has(id)) return;
      const { ZSectionSave } = await loadSectionValidation();
      if (inFlight.current.has(id)) return;
      const sent = latest.current.payloads[id];
      const sentJson = latest.current.jsons[id];
      if (!sent || sentJson === undefined) return;
      // The server's own schema, checked here first: field messages at once, and no request
      // that could only be refused.
      const checked = ZSectionSave.safeParse(sent);
      if (!checked.success) {
        setOne(id, { state: "invalid", message: "Not saved yet: some fields need attention.", fieldErrors: fieldErrorsOf(checked.error), forJson: sentJson });
        return;
      }
      inFlight.current.add(id);
      setOne(id, { state: "saving" });
      const outcome = await save(id, sent, bases.current[id]?.data);
      inFlight.current.delete(id);
      if (outcome.ok) {
        const savedWithIds = withIds(sent, outcome.idsByKey);
        setBases({ [id]: savedWithIds });
        latest.current.onSaved(id, outcome, savedWithIds);
        attempts.current[id] = 0;
        setOne(id, { state: "saved" });
      } else if (outcome.kind === "failed") {
        const n = attempts.current[id] ?? 0;
        attempts.current[id] = n + 1;
        setOne(id, { state: "failed", message: outcome.message, retryInMs: RETRY_MS[Math.min(n, RETRY_MS.length - 1)]! });
      } else if (outcome.kind === "invalid") {
        setOne(id, { state: "invalid", message: outcome.message, fieldErrors: outcome.fieldErrors, forJson: sentJson });
      } else {
        setOne(id, { state: outcome.kind, message: outcome.message });
      }
    },
    [save, setBases],
  );

  useEffect(() => {
    if (!enabled) return;
    const timers: ReturnType<typeof setTimeout>[] = [];
    for (const [id, json] of Object.entries(jsons)) {
      if (json === savedJson[id]) continue;
      const s = status[id];
      if (s && (s.state === "saving" || s.state === "locked")) continue;
      if (s?.state === "conflict" && (s.forJson === undefined || s.forJson === json)) continue;
      if (s?.state === "invalid" && s.forJson === json) continue;
      timers.push(setTimeout(() => void flush(id), s?.state === "failed" ? s.retryInMs : DEBOUNCE_MS));
    }
    return () => timers.forEach(clearTimeout);
  }, [enabled, jsons, savedJson, status, flush]);

  /** Treat what the sections now hold as saved (after a write outside the section saves). */
  const markSaved = useCallback(
    (payloadsNow: Record<string, TSectionSave>, ids: string[]) => {
      setBases(Object.fromEntries(ids.map((id) => [id, payloadsNow[id]!])));
      setStatus((all) => ({ ...all, ...Object.fromEntries(ids.map((id) => [id, { state: "saved" } as SectionStatus])) }));
    },
    [setBases],
  );

  /** New bases after taking in what others saved; each section then saves whatever still differs. */
  const rebase = useCallback((next: Record<string, TSectionSave>) => setBases(next), [setBases]);
  const baseOf = useCallback((id: string) => bases.current[id], []);
  const isInFlight = useCallback((id: string) => inFlight.current.has(id), []);

  /** Lets a stopped section save again (after "keep mine" or "retry now"). */
  const release = useCallback((id: string) => {
    attempts.current[id] = 0;
    setOne(id, { state: "pending" });
  }, []);

  /** Sets a conflict aside as the section now stands: it waits for the section's next change. */
  const setAside = useCallback((id: string) => {
    setStatus((all) => {
      const s = all[id];
      return s?.state === "conflict" ? { ...all, [id]: { ...s, forJson: latest.current.jsons[id] } } : all;
    });
  }, []);

  const statusOf = (id: string): SectionStatus => {
    const s = status[id] ?? { state: "saved" };
    if (s.state === "saved" || s.state === "pending") return jsons[id] !== savedJson[id] ? { state: "pending" } : { state: "saved" };
    return s;
  };
  const dirtyIds = Object.keys(jsons).filter((id) => jsons[id] !== savedJson[id] || status[id]?.state === "saving");
  return { statusOf, dirtyIds, markSaved, release, setAside, rebase, baseOf, isInFlight };
}
