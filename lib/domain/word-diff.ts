// What changed between two versions of a text, word by word: what the review page's diffs mark
// (struck through and underlined) inside a changed field, condensed around the changes when the
// text is long.

/** A stretch of a changed text: in both versions, only in the old one, or only in the new one. */
export type WordSegment = { kind: "same" | "removed" | "added"; text: string };
/** A condensed text also has gaps, where unchanged words were left out. */
export type CondensedSegment = WordSegment | { kind: "gap" };

/** Words, runs of white space, and each punctuation mark on its own, so "daily." → "hourly." changes one word. */
const TOKEN = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
/** Beyond this many token edits two texts are treated as rewritten: the diff stays quick on anything pasted. */
const MAX_EDITS = 1000;

const tokensOf = (text: string): string[] => text.match(TOKEN) ?? [];
const isSpace = (token: string) => /^\s+$/.test(token);

type Op = { kind: WordSegment["kind"]; token: string };

/**
 * The shortest edit script from `a` to `b` (Myers' O(ND) algorithm), or null when it needs more
 * than `limit` edits. Each step's frontier is kept (only its reachable part) to walk back.
 */
function shortestEdit(a: string[], b: string[], limit: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, limit);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(trace, a, b);
    }
  }
  return null;
}

function walkBack(trace: Int32Array[], a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const at = (k: number) => frontier[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: "same", token: a[x]! });
    }
    if (d > 0) ops.push(x === prevX ? { kind: "added", token: b[--y]! } : { kind: "removed", token: a[--x]! });
  }
  return ops.reverse();
}

/**
 * What changed between two versions of a text, word by word: unchanged stretches, and for each
 * change what was removed and what was added, in reading order. Joining the "same" and "removed"
 * segments gives the old text back, "same" and "added" the new one. A single space between two
 * changes joins them into one, so a rewritten phrase reads as one change; line breaks never do.
 */
export function wordDiff(before: string, after: string): WordSegment[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const a = tokensOf(before);
  const b = tokensOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = shortestEdit(middleA, middleB, MAX_EDITS) ?? [
    ...middleA.map((token): Op => ({ kind: "removed", token })),
    ...middleB.map((token): Op => ({ kind: "added", token })),
  ];
  const ops: Op[] = [
    ...a.slice(0, start).map((token): Op => ({ kind: "same", token })),
    ...middle,
    ...a.slice(endA).map((token): Op => ({ kind: "same", token })),
  ];
  return toSegments(ops);
}

/** Groups the edit script into unchanged stretches and changes (removed, then added). */
function toSegments(ops: Op[]): WordSegment[] {
  type Block = { kind: "same"; text: string } | { kind: "change"; removed: string; added: string };
  const blocks: Block[] = [];
  for (const op of ops) {
    const last = blocks.at(-1);
    if (op.kind === "same") {
      if (last?.kind === "same") last.text += op.token;
      else blocks.push({ kind: "same", text: op.token });
    } else {
      const change =
        last?.kind === "change" ? last : (blocks[blocks.push({ kind: "change", removed: "", added: "" }) - 1] as Extract<Block, { kind: "change" }>);
      if (op.kind === "removed") change.removed += op.token;
      else change.added += op.token;
    }
  }
  // A lone space (not a line break) between two changes belongs to both versions of one change.
  const joined: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const prev = joined.at(-1);
    const next = blocks[i + 1];
    if (block.kind === "same" && prev?.kind === "change" && next?.kind === "change" && isSpace(block.text) && !block.text.includes("\n")) {
      prev.removed += block.text + next.removed;
      prev.added += block.text + next.added;
      i++;
      continue;
    }
    joined.push(block);
  }
  return joined.flatMap((block): WordSegment[] =>
    block.kind === "same"
      ? [{ kind: "same", text: block.text }]
      : [
          ...(block.removed ? [{ kind: "removed" as const, text: block.removed }] : []),
          ...(block.added ? [{ kind: "added" as const, text: block.added }] : []),
        ],
  );
}

/** Leading `words` words of a text, with the white space before them. */
function headWords(text: string, words: number): string {
  const tokens = tokensOf(text);
  let seen = 0;
  let i = 0;
  for (; i < tokens.length && seen < words; i++) if (!isSpace(tokens[i]!)) seen++;
  return tokens.slice(0, i).join("");
}

/** Trailing `words` words of a text, with the white space after them. */
function tailWords(text: string, words: number): string {
  const tokens = tokensOf(text);
  let seen = 0;
  let i = tokens.length;
  for (; i > 0 && seen < words; i--) if (!isSpace(tokens[i - 1]!)) seen++;
  return tokens.slice(i).join("");
}

const wordCount = (text: string) => tokensOf(text).filter((t) => !isSpace(t)).length;

/**
 * A long text's changes with `context` words around each one: longer unchanged stretches become
 * gaps, so a reviewer sees the changed words of a long paragraph without reading all of it.
 * A stretch is only shortened when that leaves out at least a few words.
 */
export function condenseWordDiff(segments: WordSegment[], context = 12): CondensedSegment[] {
  const slack = 3;
  const out: CondensedSegment[] = [];
  segments.forEach((segment, i) => {
    const first = i === 0;
    const last = i === segments.length - 1;
    const words = segment.kind === "same" ? wordCount(segment.text) : 0;
    if (segment.kind !== "same" || (first && last)) {
      out.push(segment);
    } else if (first) {
      out.push(...(words >= context + slack ? [{ kind: "gap" } as const, { kind: "same", text: tailWords(segment.text, context) } as const] : [segment]));
    } else if (last) {
      out.push(...(words >= context + slack ? [{ kind: "same", text: headWords(segment.text, context) } as const, { kind: "gap" } as const] : [segment]));
    } else if (words >= 2 * context + slack) {
      out.push({ kind: "same", text: headWords(segment.text, context) }, { kind: "gap" }, { kind: "same", text: tailWords(segment.text, context) });
    } else {
      out.push(segment);
    }
  });
  return out;
}
