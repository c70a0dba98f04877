// Mentions in comments: "@Name" in the text, with the member's id recorded beside it when it is
// picked from the list. The text is only ever shown as text; these helpers find the parts to
// emphasise and never produce markup.

export type MentionMember = { id: string; name: string };

export type MentionQuery = { start: number; query: string };

export type MentionSegment = { text: string; mention: MentionMember | null };

// "@" at the start or after a space or an opening bracket (so "ada@example.com" is not one),
// then a word, optionally a second word: names like "Sam Security" can be typed out in full.
const WORD = "[\\p{L}\\p{M}][\\p{L}\\p{M}'’.-]*";
const QUERY_BEFORE_CARET = new RegExp(`(?:^|[\\s(\\[{])@(${WORD}(?: ${WORD})?)$`, "u");
const NAME_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/** The "@…" being typed just before the caret, or null when the caret is not in one. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, Math.max(0, Math.min(caret, text.length)));
  const match = QUERY_BEFORE_CARET.exec(before);
  if (!match) return null;
  const query = match[1]!;
  return { start: before.length - query.length - 1, query };
}

/**
 * Members whose name starts with the query, then those with a later word starting with it,
 * each group alphabetical. Case- and accent-insensitive.
 */
export function matchMembers<M extends MentionMember>(members: readonly M[], query: string, limit = 8): M[] {
  const q = fold(query.trim());
  if (!q) return [];
  const scored: { member: M; rank: number }[] = [];
  for (const member of members) {
    const name = fold(member.name);
    if (name.startsWith(q)) scored.push({ member, rank: 0 });
    else if (name.split(/\s+/).some((word, i) => i > 0 && word.startsWith(q))) scored.push({ member, rank: 1 });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.member.name.localeCompare(b.member.name))
    .slice(0, limit)
    .map((s) => s.member);
}

/** Replaces the "@query" at `start`…`caret` with "@Name " and says where the caret goes next. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  // A space already after the caret is reused rather than doubled.
  const rest = text.slice(caret);
  const next = text.slice(0, start) + inserted + (rest.startsWith(" ") ? rest.slice(1) : rest);
  return { text: next, caret: start + inserted.length };
}

/** The picked members whose "@Name" is still in the text (the writer may have deleted some), once each. */
export function mentionedIn(text: string, picked: readonly MentionMember[]): MentionMember[] {
  const seen = new Set<string>();
  const out: MentionMember[] = [];
  for (const member of picked) {
    if (seen.has(member.id)) continue;
    if (findMention(text, member.name, 0) === -1) continue;
    seen.add(member.id);
    out.push(member);
  }
  return out;
}

/**
 * The body cut into plain text and "@Name" parts for the mentioned members. Longer names are
 * matched first, so "@Sam Security" is not cut short by a member called "Sam".
 */
export function splitMentions(body: string, mentions: readonly MentionMember[]): MentionSegment[] {
  const byLength = [...mentions].filter((m) => m.name.length > 0).sort((a, b) => b.name.length - a.name.length);
  const segments: MentionSegment[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < body.length) {
    const found = body[i] === "@" && isMentionStart(body, i) ? byLength.find((m) => matchesAt(body, i, m.name)) : undefined;
    if (!found) {
      i++;
      continue;
    }
    if (i > plainStart) segments.push({ text: body.slice(plainStart, i), mention: null });
    const end = i + 1 + found.name.length;
    segments.push({ text: body.slice(i, end), mention: found });
    i = plainStart = end;
  }
  if (plainStart < body.length) segments.push({ text: body.slice(plainStart), mention: null });
  return segments;
}

function findMention(text: string, name: string, from: number): number {
  for (let i = text.indexOf("@", from); i !== -1; i = text.indexOf("@", i + 1)) {
    if (isMentionStart(text, i) && matchesAt(text, i, name)) return i;
  }
  return -1;
}

function isMentionStart(text: string, at: number) {
  return at === 0 || /[\s(\[{]/u.test(text[at - 1]!);
}

/** "@Name" at `at`, not followed by more of a name ("@Samuel" is not "@Sam"). */
function matchesAt(text: string, at: number, name: string) {
  if (!text.startsWith(name, at + 1)) return false;
  const after = text[at + 1 + name.length];
  return after === undefined || !NAME_CHAR.test(after);
}

function fold(s: string) {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
}
