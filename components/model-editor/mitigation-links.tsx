"use client";
import { useId, useRef, useState } from "react";
import { ImplementationBadge } from "@/components/threat-models/badges";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { MitigationRow } from "./state";

/** How many matches the picker lists at once; typing narrows the rest. */
const PICKER_LIMIT = 30;

/**
 * Links to mitigations: the linked ones as removable chips, a picker for the others, and "new".
 * The picker renders its options only while it is open: a model with hundreds of threats and
 * mitigations would otherwise ship one option per mitigation for every threat.
 */
export function MitigationLinks({
  linkedKeys,
  mitigations,
  onChange,
  onCreate,
  disabled,
  label,
}: {
  linkedKeys: string[];
  mitigations: MitigationRow[];
  onChange: (keys: string[]) => void;
  onCreate: (title: string) => string;
  disabled?: boolean;
  label: string;
}) {
  const newId = useId();
  const [draft, setDraft] = useState("");
  const [picking, setPicking] = useState(false);
  const byKey = new Map(mitigations.map((m) => [m.key, m]));
  const linked = linkedKeys.map((k) => byKey.get(k)).filter((m): m is MitigationRow => Boolean(m));
  const unlinkedCount = mitigations.length - linked.length;
  const create = () => {
    onChange([...linkedKeys, onCreate(draft.trim())]);
    setDraft("");
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-slate-700">{label}</legend>
      {linked.length === 0 ? (
        <p className="text-xs text-slate-500 italic">None linked yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5">
          {linked.map((m) => (
            <li key={m.key} className="flex items-center gap-1.5 rounded border border-slate-200 bg-slate-50 py-0.5 pr-1 pl-2 text-xs">
              <span>{m.title || "Untitled mitigation"}</span>
              <ImplementationBadge status={m.status} />
              {!disabled && (
                <button
                  type="button"
                  className="rounded px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                  aria-label={`Unlink ${m.title}`}
                  onClick={() => onChange(linkedKeys.filter((k) => k !== m.key))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <div className="flex flex-wrap items-center gap-2">
          {unlinkedCount > 0 && (
            <Button type="button" size="sm" variant="secondary" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
              {picking ? "Close" : "Link an existing mitigation…"}
            </Button>
          )}
          <label htmlFor={newId} className="sr-only">
            New mitigation
          </label>
          <Input
            id={newId}
            className="h-8 w-56 py-1 text-xs"
            placeholder="New mitigation…"
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && draft.trim()) {
                e.preventDefault();
                create();
              }
            }}
          />
          <Button type="button" size="sm" variant="secondary" disabled={!draft.trim()} onClick={create}>
            Add
          </Button>
        </div>
      )}
      {!disabled && picking && (
        <MitigationPicker
          candidates={mitigations.filter((m) => !linkedKeys.includes(m.key))}
          onPick={(key) => {
            onChange([...linkedKeys, key]);
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </fieldset>
  );
}

function MitigationPicker({ candidates, onPick, onClose }: { candidates: MitigationRow[]; onPick: (key: string) => void; onClose: () => void }) {
  const searchId = useId();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const q = query.trim().toLowerCase();
  const matches = (q ? candidates.filter((m) => m.title.toLowerCase().includes(q) || m.taskRef.toLowerCase().includes(q)) : candidates).slice(0, PICKER_LIMIT);
  const total = q ? candidates.filter((m) => m.title.toLowerCase().includes(q) || m.taskRef.toLowerCase().includes(q)).length : candidates.length;
  const current = Math.min(active, Math.max(0, matches.length - 1));

  return (
    <div className="rounded-md border border-slate-200 bg-white p-2 shadow-sm">
      <label htmlFor={searchId} className="mb-1 block text-xs font-medium text-slate-700">
        Find a mitigation to link
      </label>
      <Input
        id={searchId}
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches[current] ? `${listId}-${current}` : undefined}
        className="h-8 py-1 text-xs"
        placeholder="Type to filter by title or task"
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive(Math.min(current + 1, matches.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive(Math.max(current - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            if (matches[current]) onPick(matches[current].key);
          } else if (e.key === "Escape") {
            e.preventDefault();
            onClose();
          }
        }}
      />
      {matches.length === 0 ? (
        <p className="mt-2 text-xs text-slate-500 italic">No mitigation matches “{query}”.</p>
      ) : (
        <ul id={listId} ref={listRef} role="listbox" aria-label="Mitigations to link" className="mt-2 max-h-56 overflow-y-auto">
          {matches.map((m, i) => (
            <li
              key={m.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={`flex cursor-pointer items-center justify-between gap-2 rounded px-2 py-1 text-xs ${i === current ? "bg-brand-50 text-brand-900" : "hover:bg-slate-50"}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => onPick(m.key)}
            >
              <span>{m.title || "Untitled mitigation"}</span>
              <ImplementationBadge status={m.status} />
            </li>
          ))}
        </ul>
      )}
      {total > matches.length && (
        <p className="mt-1 text-xs text-slate-500">
          Showing {matches.length} of {total}: type to narrow the list.
        </p>
      )}
    </div>
  );
}
