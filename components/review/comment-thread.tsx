"use client";
import { useRouter } from "next/navigation";
import { Fragment, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { Field, Select, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { addCommentAction } from "@/lib/actions/comments";
import type { CommentView } from "@/lib/data/comments/comment-view";
import { cx } from "@/lib/cx";
import { insertMention, matchMembers, mentionQueryAt, mentionedIn, splitMentions, type MentionMember, type MentionQuery } from "@/lib/domain/mentions";
import { formatUtcDateTime } from "@/lib/format-time";
import { COMMENT_MAX, ZCommentBody, type TAddCommentInput } from "@/lib/validation/comments";

/** A comment as the server hands it to the browser: a CommentView with the date as an ISO string. */
export type ThreadComment = Omit<CommentView, "createdAt"> & { createdAt: string };

type Threat = { id: string; title: string };

const ALL = "all";
const ON_MODEL = "model";
const ON_ANY_THREAT = "threats";
const threatFilter = (id: string) => `threat:${id}`;

function visible(comment: ThreadComment, filter: string) {
  if (filter === ALL) return true;
  if (filter === ON_MODEL) return comment.threat === null;
  if (filter === ON_ANY_THREAT) return comment.threat !== null;
  return comment.threat !== null && filter === threatFilter(comment.threat.id);
}

/**
 * The discussion of one threat model: comments on the model or one of its threats, with
 * @mentions. Bodies are shown as text (mentions emphasised), never as markup.
 */
export function CommentThread({
  organizationSlug,
  modelId,
  comments,
  threats,
  members,
  canComment,
}: {
  organizationSlug: string;
  modelId: string;
  comments: ThreadComment[];
  threats: Threat[];
  members: MentionMember[];
  canComment: boolean;
}) {
  const id = useId();
  const headingId = `${id}-heading`;
  const [filter, setFilter] = useState(ALL);
  // A threat removed since the filter was chosen would leave the list empty for no visible reason.
  const effectiveFilter = filter.startsWith("threat:") && !threats.some((t) => threatFilter(t.id) === filter) ? ALL : filter;
  const shown = comments.filter((c) => visible(c, effectiveFilter));
  const count = comments.length;

  return (
    <Card>
      <CardHeader
        id={headingId}
        title={`Comments (${count})`}
        description={
          canComment
            ? "Questions and answers about this threat model. Type @ and a name to mention a member; they are notified."
            : "Questions and answers about this threat model."
        }
        actions={
          count > 0 && (
            <div className="flex items-center gap-2">
              <label htmlFor={`${id}-filter`} className="text-sm text-slate-700">
                Show
              </label>
              <div className="w-56">
                <Select id={`${id}-filter`} value={effectiveFilter} onChange={(e) => setFilter(e.currentTarget.value)} className="h-9 py-1">
                  <option value={ALL}>All comments</option>
                  <option value={ON_MODEL}>On the model</option>
                  <option value={ON_ANY_THREAT}>On any threat</option>
                  {threats.length > 0 && (
                    <optgroup label="On a threat…">
                      {threats.map((t) => (
                        <option key={t.id} value={threatFilter(t.id)}>
                          {t.title}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </Select>
              </div>
            </div>
          )
        }
      />
      {count === 0 ? (
        <EmptyState title="No comments yet" description={canComment ? "Start the discussion below." : "Nobody has commented on this threat model."} />
      ) : shown.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-600" role="status">
          No comments match this filter.{" "}
          <button type="button" className="font-medium text-brand-700 underline" onClick={() => setFilter(ALL)}>
            Show all comments
          </button>
        </p>
      ) : (
        <ol aria-labelledby={headingId} className="divide-y divide-slate-100">
          {shown.map((c) => (
            <CommentItem key={c.id} comment={c} />
          ))}
        </ol>
      )}
      {canComment ? (
        <div className="border-t border-slate-200 p-5">
          <CommentForm organizationSlug={organizationSlug} modelId={modelId} threats={threats} members={members} idPrefix={id} />
        </div>
      ) : (
        <p className="border-t border-slate-200 px-5 py-3 text-sm text-slate-600">Your role can read the discussion but not add to it.</p>
      )}
    </Card>
  );
}

function CommentItem({ comment }: { comment: ThreadComment }) {
  const segments = useMemo(() => splitMentions(comment.body, comment.mentions), [comment.body, comment.mentions]);
  return (
    <li className="px-5 py-4" data-testid="comment">
      <article aria-label={`Comment by ${comment.author.name}`}>
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-semibold text-slate-900">{comment.author.name}</span>
          <time dateTime={comment.createdAt} className="text-xs text-slate-500">
            {formatUtcDateTime(comment.createdAt)}
          </time>
        </p>
        {comment.threat && (
          <p className="mt-0.5 text-xs text-slate-600">
            on threat: <span className="font-medium text-slate-800">{comment.threat.title}</span>
          </p>
        )}
        <p className="mt-2 text-sm break-words whitespace-pre-wrap text-slate-800">
          {segments.map((s, i) =>
            s.mention ? (
              <mark key={i} className="rounded bg-brand-50 px-0.5 font-medium text-brand-800" title={`Mentions ${s.mention.name}`}>
                {s.text}
              </mark>
            ) : (
              <Fragment key={i}>{s.text}</Fragment>
            ),
          )}
        </p>
      </article>
    </li>
  );
}

const sameQuery = (a: MentionQuery | null, b: MentionQuery | null) => a?.start === b?.start && a?.query === b?.query;

function CommentForm({
  organizationSlug,
  modelId,
  threats,
  members,
  idPrefix,
}: {
  organizationSlug: string;
  modelId: string;
  threats: Threat[];
  members: MentionMember[];
  idPrefix: string;
}) {
  const router = useRouter();
  const action = useAction((input: TAddCommentInput) => addCommentAction(organizationSlug, input));
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState("");
  const [about, setAbout] = useState("");
  const [picked, setPicked] = useState<MentionMember[]>([]);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  // Escape closes the list for this "@…" only; a new "@" opens it again.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [localError, setLocalError] = useState<string | null>(null);
  const [posted, setPosted] = useState(false);

  const bodyId = `${idPrefix}-body`;
  const aboutId = `${idPrefix}-about`;
  const listboxId = `${idPrefix}-mentions`;
  const matches = query && query.start !== dismissedAt ? matchMembers(members, query.query) : [];
  const open = matches.length > 0;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));
  const mentioned = mentionedIn(body, picked);
  const bodyError = localError ?? action.fieldError("body");

  function trackCaret(text: string, caret: number) {
    const next = mentionQueryAt(text, caret);
    if (sameQuery(next, query)) return;
    setQuery(next);
    setActive(0);
  }

  function pick(member: MentionMember) {
    const el = textareaRef.current;
    if (!el || !query) return;
    const { text, caret } = insertMention(body, query.start, el.selectionStart, member.name);
    setBody(text);
    setPicked((p) => (p.some((m) => m.id === member.id) ? p : [...p, member]));
    setQuery(null);
    // After React has written the new value, or the caret would land at its end.
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  }

  function submit() {
    if (action.pending) return;
    const checked = ZCommentBody.safeParse(body);
    if (!checked.success) {
      setLocalError(checked.error.issues[0]?.message ?? "Write a comment first.");
      textareaRef.current?.focus();
      return;
    }
    setLocalError(null);
    setPosted(false);
    action.run({ modelId, threatId: about || null, body, mentionedUserIds: mentioned.map((m) => m.id) }, () => {
      // Only a saved comment clears the form; a failed post keeps every word.
      setBody("");
      setPicked([]);
      setQuery(null);
      setPosted(true);
      router.refresh();
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
      return;
    }
    if (!open) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((activeIndex + 1) % matches.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((activeIndex - 1 + matches.length) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      pick(matches[activeIndex]!);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setDismissedAt(query?.start ?? null);
    }
  }

  return (
    <form
      aria-label="Add a comment"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submit();
      }}
      className="space-y-4"
    >
      {action.error && !action.fieldError("body") && <Alert tone="error">{action.error}</Alert>}
      {posted && action.result?.ok && <Alert tone="success">Comment posted.</Alert>}
      <Field id={aboutId} label="About" error={action.fieldError("threatId")}>
        <div className="sm:max-w-md">
          <Select id={aboutId} value={about} onChange={(e) => setAbout(e.currentTarget.value)}>
            <option value="">The whole threat model</option>
            {threats.length > 0 && (
              <optgroup label="A threat">
                {threats.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title}
                  </option>
                ))}
              </optgroup>
            )}
          </Select>
        </div>
      </Field>
      <Field id={bodyId} label="Comment" error={bodyError}>
        <div className="relative">
          <Textarea
            ref={textareaRef}
            id={bodyId}
            name="body"
            rows={4}
            value={body}
            invalid={Boolean(bodyError)}
            aria-describedby={bodyError ? `${bodyId}-error` : `${bodyId}-help`}
            aria-autocomplete="list"
            aria-controls={open ? listboxId : undefined}
            aria-activedescendant={open ? `${listboxId}-${matches[activeIndex]!.id}` : undefined}
            onChange={(e) => {
              setBody(e.currentTarget.value);
              setPosted(false);
              if (localError) setLocalError(null);
              trackCaret(e.currentTarget.value, e.currentTarget.selectionStart);
            }}
            onSelect={(e) => trackCaret(e.currentTarget.value, e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onBlur={() => setQuery(null)}
          />
          {open && (
            <ul
              id={listboxId}
              role="listbox"
              aria-label="Members to mention"
              className="absolute left-0 z-20 mt-1 max-h-60 w-72 max-w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
            >
              {matches.map((m, i) => (
                <li
                  key={m.id}
                  id={`${listboxId}-${m.id}`}
                  role="option"
                  aria-selected={i === activeIndex}
                  // Keeps the focus (and the caret) in the textarea while clicking.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(m)}
                  className={cx(
                    "cursor-pointer px-3 py-1.5 text-sm",
                    i === activeIndex ? "bg-brand-50 font-medium text-brand-800" : "text-slate-800 hover:bg-slate-50",
                  )}
                >
                  {m.name}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Field>
      <p id={`${bodyId}-help`} className="-mt-2 flex flex-wrap justify-between gap-2 text-xs text-slate-500">
        <span>Type @ and a name to mention someone. Ctrl+Enter (⌘+Enter on a Mac) posts.</span>
        <span className={body.length > COMMENT_MAX ? "font-medium text-red-700" : undefined}>
          {body.length.toLocaleString("en")} / {COMMENT_MAX.toLocaleString("en")}
        </span>
      </p>
      <p className="sr-only" role="status" aria-live="polite">
        {open ? `${matches.length} ${matches.length === 1 ? "member matches" : "members match"}. Use the arrow keys and Enter to choose.` : ""}
      </p>
      {mentioned.length > 0 && (
        <p className="text-sm text-slate-700">
          Mentioning: <span className="font-medium">{mentioned.map((m) => m.name).join(", ")}</span>
        </p>
      )}
      <div className="flex justify-end">
        <Button type="submit" pending={action.pending}>
          Post comment
        </Button>
      </div>
    </form>
  );
}
