import type { ReactNode } from "react";
import { LevelBadge } from "@/components/threat-models/badges";
import { Badge } from "@/components/ui/badge";
import type { LibraryListEntry } from "@/lib/data/threat-library/library-entry";
import { suggestPriority } from "@/lib/domain/priority";
import { LEVEL_LABELS } from "@/lib/domain/threat-model";

/** One library entry, read-only. Used by the server page and, inside the edit toggle, by the client. */
export function LibraryEntryView({ entry, actions }: { entry: LibraryListEntry; actions?: ReactNode }) {
  // Never stored: the library shows what the priority matrix makes of likelihood × impact, as
  // the model editor does when a threat is started from the entry.
  const priority = suggestPriority(entry.likelihood, entry.impact);
  const headingId = `library-entry-${entry.id}`;
  return (
    <article aria-labelledby={headingId} className="space-y-3" data-testid={`library-entry-${entry.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1.5">
          <h3 id={headingId} className="font-medium break-words text-slate-900">
            {entry.title}
          </h3>
          <div className="flex flex-wrap gap-1.5">
            {entry.builtIn ? <Badge tone="purple">Built-in</Badge> : <Badge tone="blue">Your organization</Badge>}
            {entry.retiredAt && <Badge tone="amber">Retired</Badge>}
          </div>
        </div>
        {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
      </div>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_auto_auto_1fr]">
        <div>
          <dt className="text-xs text-slate-500">Likelihood</dt>
          <dd className="text-slate-800">{LEVEL_LABELS[entry.likelihood]}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Impact</dt>
          <dd className="text-slate-800">{LEVEL_LABELS[entry.impact]}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Priority (computed)</dt>
          <dd>
            <LevelBadge level={priority} />
          </dd>
        </div>
        {entry.description && (
          <div className="sm:col-span-4">
            <dt className="text-xs text-slate-500">Description</dt>
            <dd className="whitespace-pre-line break-words text-slate-800">{entry.description}</dd>
          </div>
        )}
        <div className="sm:col-span-4">
          <dt className="text-xs text-slate-500">Mitigation</dt>
          <dd className="whitespace-pre-line break-words text-slate-800">
            {entry.mitigation || <span className="text-slate-500 italic">None written yet</span>}
          </dd>
        </div>
      </dl>
    </article>
  );
}
