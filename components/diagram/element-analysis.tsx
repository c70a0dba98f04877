"use client";
import { useId, useMemo, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { LevelBadge } from "@/components/threat-models/badges";
import { acceptedThreat, answerOf, dismissalReasonProblem, findTarget, libraryMatches, MAX_DISMISSAL_REASON, targetName } from "@/lib/domain/diagram/analysis";
import type { Diagram, DiagramTarget } from "@/lib/domain/diagram/diagram";
import { suggestionsFor, type Suggestion } from "@/lib/domain/diagram/stride-per-element";
import { compareLibraryEntries, type LibraryEntry } from "@/lib/domain/threat-library";
import { STRIDE_CATEGORIES, STRIDE_LABELS, type StrideCategory } from "@/lib/domain/threat-model";
import { LIMITS } from "@/lib/validation/model-editor";
import type { DiagramDismissal, DiagramThreat } from "./types";

export type NewDiagramThreat = { category: StrideCategory; title: string; description: string; elementIds: string[] };
export type NewDismissal = { elementId: string; category: StrideCategory; reason: string };

export type ElementAnalysisProps = {
  diagram: Diagram;
  /** The element or flow selected on the diagram. */
  targetId: string;
  threats: DiagramThreat[];
  dismissals: DiagramDismissal[];
  library: LibraryEntry[];
  readOnly: boolean;
  /** The model's trust-boundary names by row id, so that reasons call a linked boundary by its row's name. */
  boundaryNames?: Readonly<Record<string, string>>;
  attachThreat: (threatKey: string, elementId: string) => void;
  detachThreat: (threatKey: string, elementId: string) => void;
  addThreat: (input: NewDiagramThreat) => void;
  dismiss: (input: NewDismissal) => void;
  undismiss: (dismissalKey: string) => void;
};

// How many library threats a suggestion offers; the whole library is one select further up.
const MATCHES_PER_SUGGESTION = 3;
// The editor's own limit for a threat's title, so that what is added here also saves.
const MAX_TITLE = LIMITS.title;

const categoryName = (category: StrideCategory) => STRIDE_LABELS[category].name;

/**
 * The threats on one element or flow of a diagram and what the STRIDE-per-element table suggests
 * for it: each suggested category with its reasons and whether a threat covers it, a dismissal
 * answers it, or it is still open.
 */
export function ElementAnalysis(props: ElementAnalysisProps) {
  const target = findTarget([props.diagram], props.targetId);
  if (!target)
    return (
      <p className="text-sm text-slate-600" data-testid="element-analysis">
        Select an element or a data flow to see its threats. A trust boundary has none of its own: threats are on what crosses it.
      </p>
    );
  // Keyed by the item, so that a half-typed form does not follow the selection to another one.
  return <TargetAnalysis key={target.id} {...props} target={target} />;
}

function TargetAnalysis(props: ElementAnalysisProps & { target: DiagramTarget }) {
  const { diagram, target, threats, readOnly, boundaryNames } = props;
  const headingId = useId();
  const name = targetName([diagram], target);
  const suggestions = useMemo(() => suggestionsFor(diagram, { boundaryNames }).filter((s) => s.elementId === target.id), [diagram, boundaryNames, target.id]);
  const here = threats.filter((t) => t.elementIds.includes(target.id));
  const others = threats.filter((t) => !t.elementIds.includes(target.id));

  return (
    <section aria-labelledby={headingId} className="space-y-5" data-testid="element-analysis">
      {/* Under the properties panel's heading (h4), which names the item already. */}
      <h5 id={headingId} className="border-t border-slate-200 pt-3 text-sm font-semibold text-slate-900">
        Threats and STRIDE suggestions
      </h5>

      <div className="space-y-2">
        <h6 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Threats here</h6>
        {here.length === 0 ? (
          <p className="text-sm text-slate-600">No threat is attached to {name} yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label={`Threats on ${name}`}>
            {here.map((threat) => (
              <li key={threat.key} className="space-y-1 px-3 py-2 text-sm" data-testid="attached-threat">
                <p className="font-medium break-words text-slate-900">{threat.title || "Untitled threat"}</p>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge>{categoryName(threat.category)}</Badge>
                  <LevelBadge level={threat.priority} prefix="Priority" />
                  <Badge tone={threat.open ? "amber" : "green"}>{threat.open ? "Open" : "Closed"}</Badge>
                  {!readOnly && (
                    <Button type="button" size="sm" variant="ghost" onClick={() => props.detachThreat(threat.key, target.id)}>
                      Detach
                      <span className="sr-only">
                        {" "}
                        “{threat.title}” from {name}
                      </span>
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>

      {!readOnly && (
        <>
          <AddThreatForm target={target} name={name} suggested={suggestions.map((s) => s.category)} addThreat={props.addThreat} />
          <AttachForm target={target} others={others} attachThreat={props.attachThreat} />
          <LibraryForm target={target} library={props.library} suggested={suggestions.map((s) => s.category)} addThreat={props.addThreat} />
        </>
      )}

      <div className="space-y-2">
        <h6 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">STRIDE suggestions</h6>
        {target.outOfScope ? (
          <p className="text-sm text-slate-600">
            {name} is out of scope, so nothing is suggested for it{target.outOfScopeReason.trim() ? `: ${target.outOfScopeReason.trim()}` : "."}
          </p>
        ) : suggestions.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing is suggested for {name}.</p>
        ) : (
          <ul className="space-y-3" aria-label={`STRIDE suggestions for ${name}`}>
            {suggestions.map((suggestion) => (
              <SuggestionItem key={suggestion.category} {...props} suggestion={suggestion} name={name} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function SuggestionItem(props: ElementAnalysisProps & { target: DiagramTarget; suggestion: Suggestion; name: string }) {
  const { suggestion, target, name, readOnly } = props;
  const [dismissing, setDismissing] = useState(false);
  const answer = answerOf(suggestion, props.threats, props.dismissals);
  const matches = libraryMatches(suggestion, target, props.library).slice(0, MATCHES_PER_SUGGESTION);
  const category = categoryName(suggestion.category);
  const add = (title: string, description: string) => props.addThreat({ category: suggestion.category, title, description, elementIds: [target.id] });

  return (
    <li className="rounded-md border border-slate-200 p-3 text-sm" data-testid="suggestion" data-category={suggestion.category} data-state={answer.state}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-slate-900">{category}</span>
        {answer.state === "covered" && <Badge tone="green">Covered</Badge>}
        {answer.state === "dismissed" && <Badge tone="neutral">Dismissed</Badge>}
        {answer.state === "gap" && <Badge tone="amber">Open gap</Badge>}
      </div>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
        {suggestion.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>

      {answer.state === "covered" && (
        <p className="mt-2 text-slate-700">Covered by {answer.threats.map((t) => `“${t.title || "Untitled threat"}”`).join(", ")}.</p>
      )}
      {answer.state === "gap" && <p className="mt-2 text-slate-700">No threat of this category is attached here, and nobody has said why none applies.</p>}
      {answer.state !== "gap" && answer.dismissal && (
        <p className="mt-2 text-slate-700">
          {answer.state === "covered" ? "Also dismissed" : "Dismissed"}: <q>{answer.dismissal.reason}</q>{" "}
          {!readOnly && (
            <Button type="button" size="sm" variant="ghost" onClick={() => props.undismiss(answer.dismissal!.key)}>
              Undo dismissal<span className="sr-only"> of {category}</span>
            </Button>
          )}
        </p>
      )}

      {matches.length > 0 && answer.state === "gap" && (
        <div className="mt-2">
          <p className="text-xs font-medium text-slate-600">From the library</p>
          <ul className="mt-1 space-y-1">
            {matches.map(({ entry }) => (
              <li key={entry.id} className="flex flex-wrap items-center gap-2">
                <span className="text-slate-800">{entry.title}</span>
                {!readOnly && (
                  <Button type="button" size="sm" variant="secondary" onClick={() => add(entry.title, entry.description)}>
                    Add here<span className="sr-only">: “{entry.title}”</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      {!readOnly && answer.state === "gap" && !dismissing && (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button
            type="button"
            size="sm"
            onClick={() => {
              const threat = acceptedThreat(suggestion, target, name, props.library);
              add(threat.title, threat.description);
            }}
          >
            Accept<span className="sr-only"> {category}</span>
          </Button>
          <Button type="button" size="sm" variant="secondary" onClick={() => setDismissing(true)}>
            Dismiss…<span className="sr-only"> {category}</span>
          </Button>
        </div>
      )}
      {!readOnly && answer.state === "gap" && dismissing && (
        <DismissForm
          category={suggestion.category}
          name={name}
          onCancel={() => setDismissing(false)}
          onDismiss={(reason) => {
            props.dismiss({ elementId: target.id, category: suggestion.category, reason });
            setDismissing(false);
          }}
        />
      )}
    </li>
  );
}

function DismissForm({
  category,
  name,
  onCancel,
  onDismiss,
}: {
  category: StrideCategory;
  name: string;
  onCancel: () => void;
  onDismiss: (reason: string) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = dismissalReasonProblem(reason, category, name);
    if (problem) return setError(problem);
    onDismiss(reason.trim());
  };
  return (
    <form className="mt-3 space-y-2" onSubmit={submit} noValidate aria-label={`Dismiss ${categoryName(category)}`}>
      <Field id={id} label={`Why does ${categoryName(category)} not apply to ${name}?`} error={error ?? undefined} hint="Reviewers read this reason.">
        {(control) => (
          <Textarea
            id={control.id}
            invalid={control.invalid}
            aria-describedby={control["aria-describedby"]}
            rows={2}
            maxLength={MAX_DISMISSAL_REASON}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Record dismissal
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The categories in STRIDE order, those the table suggests for the item first. */
function categoryOptions(suggested: readonly StrideCategory[]) {
  const order = [...suggested, ...STRIDE_CATEGORIES.filter((c) => !suggested.includes(c))];
  return order.map((c) => ({ value: c, label: suggested.includes(c) ? `${categoryName(c)} (suggested here)` : categoryName(c) }));
}

function AddThreatForm({
  target,
  name,
  suggested,
  addThreat,
}: {
  target: DiagramTarget;
  name: string;
  suggested: readonly StrideCategory[];
  addThreat: ElementAnalysisProps["addThreat"];
}) {
  const ids = useId();
  const options = categoryOptions(suggested);
  const [category, setCategory] = useState<StrideCategory>(suggested[0] ?? "SPOOFING");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = title.trim();
    if (!text) return setError(`Give the threat a title: what could go wrong at ${name}?`);
    if (text.length > MAX_TITLE) return setError(`A threat's title has at most ${MAX_TITLE} characters.`);
    addThreat({ category, title: text, description: "", elementIds: [target.id] });
    setTitle("");
    setError(null);
  };
  return (
    <form className="space-y-2" onSubmit={submit} noValidate aria-label="Add a threat here">
      <h6 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Add a threat here</h6>
      <div className="space-y-2">
        <Field id={`${ids}-category`} label="Category">
          <Select id={`${ids}-category`} value={category} onChange={(e) => setCategory(e.currentTarget.value as StrideCategory)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${ids}-title`} label="Title" error={error ?? undefined}>
          {(control) => (
            <Input
              id={control.id}
              invalid={control.invalid}
              aria-describedby={control["aria-describedby"]}
              maxLength={MAX_TITLE}
              value={title}
              onChange={(e) => {
                setTitle(e.currentTarget.value);
                setError(null);
              }}
            />
          )}
        </Field>
      </div>
      <Button type="submit" size="sm" variant="secondary">
        Add threat
      </Button>
    </form>
  );
}

function AttachForm({ target, others, attachThreat }: { target: DiagramTarget; others: DiagramThreat[]; attachThreat: ElementAnalysisProps["attachThreat"] }) {
  const id = useId();
  const [chosen, setChosen] = useState("");
  const selected = others.some((t) => t.key === chosen) ? chosen : (others[0]?.key ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected) attachThreat(selected, target.id);
  };
  return (
    <form className="space-y-2" onSubmit={submit} aria-label="Attach an existing threat">
      <h6 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Attach an existing threat</h6>
      {others.length === 0 ? (
        <p className="text-sm text-slate-600">Every threat of the model is already here.</p>
      ) : (
        <>
          <Field id={id} label="Threat">
            <Select id={id} value={selected} onChange={(e) => setChosen(e.currentTarget.value)}>
              {STRIDE_CATEGORIES.map((category) => {
                const inCategory = others.filter((t) => t.category === category);
                return inCategory.length === 0 ? null : (
                  <optgroup key={category} label={categoryName(category)}>
                    {inCategory.map((t) => (
                      <option key={t.key} value={t.key}>
                        {t.title || "Untitled threat"}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </Select>
          </Field>
          <Button type="submit" size="sm" variant="secondary">
            Attach
          </Button>
        </>
      )}
    </form>
  );
}

function LibraryForm({
  target,
  library,
  suggested,
  addThreat,
}: {
  target: DiagramTarget;
  library: LibraryEntry[];
  suggested: readonly StrideCategory[];
  addThreat: ElementAnalysisProps["addThreat"];
}) {
  const id = useId();
  const sorted = useMemo(() => [...library].sort(compareLibraryEntries), [library]);
  const [chosen, setChosen] = useState("");
  const selected = sorted.find((e) => e.id === chosen) ?? sorted.find((e) => suggested.includes(e.category)) ?? sorted[0];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected) addThreat({ category: selected.category, title: selected.title, description: selected.description, elementIds: [target.id] });
  };
  if (sorted.length === 0) return null;
  return (
    <form className="space-y-2" onSubmit={submit} aria-label="Add a threat from the library">
      <h6 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">From the library</h6>
      <Field id={id} label="Library threat">
        <Select id={id} value={selected?.id ?? ""} onChange={(e) => setChosen(e.currentTarget.value)}>
          {categoryOptions(suggested).map(({ value, label }) => {
            const entries = sorted.filter((e) => e.category === value);
            return entries.length === 0 ? null : (
              <optgroup key={value} label={label}>
                {entries.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.title}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </Select>
      </Field>
      <Button type="submit" size="sm" variant="secondary">
        Add from the library
      </Button>
    </form>
  );
}
