// What changed between two revisions of a threat model, section by section in the template's
// order, so a reviewer of a new revision reads only what is new since the last sign-off.
// Rows have no stable ids across snapshots, so they are matched by what people would call them
// (a threat by its category and title, a mitigation by its title, …); the n-th of several rows
// with the same name matches the n-th on the other side. The model's status and next review date
// are workflow, not content, and are never compared. A change to a mitigation's tracking (status,
// ticket, owner, due date: lib/domain/tracking.ts), which goes on after approval, is marked as
// tracking so a reviewer tells it apart from a change to the analysis.
import type { ThreatModelDocument } from "./model-document";
import {
  CLASSIFICATION_LABELS,
  IMPLEMENTATION_STATUS_LABELS,
  LEVEL_LABELS,
  STRIDE_LABELS,
  type AssetClassification,
  type ImplementationStatus,
  type StrideCategory,
} from "./threat-model";
import { isTrackingField } from "./tracking";

/** `tracking`: the field records the work on a mitigation, not the analysis. */
export type FieldChange = { field: string; label: string; before: string; after: string; tracking?: true };
/** `tracking`: a changed row whose every change is a tracking change. */
export type RowDiff = { key: string; label: string; kind: "added" | "removed" | "changed"; changes: FieldChange[]; tracking?: true };
export type SectionDiff = { section: string; title: string; fields: FieldChange[]; rows: RowDiff[] };
/** `counts`: rows added and removed; rows and top-level fields changed. */
export type RevisionDiff = { sections: SectionDiff[]; changed: boolean; counts: { added: number; removed: number; changed: number } };

export type DiffOptions = {
  /** How a mitigation owner's user id reads (a member's name); the id itself otherwise. */
  displayUser?: (userId: string) => string;
};

type Doc = ThreatModelDocument;
type Context = { doc: Doc; options: DiffOptions };
type FieldSpec<T> = { field: string; label: string; value: (item: T, context: Context) => string; tracking?: boolean };
type RowSpec<T> = {
  items: (doc: Doc) => T[] | undefined;
  /** The natural key; compared case- and space-insensitively. */
  key: (item: T) => string;
  label: (item: T) => string;
  fields: FieldSpec<T>[];
};
type SectionSpec = { section: string; title: string; fields: FieldSpec<Doc>[]; rows?: (before: Context, after: Context) => RowDiff[] };

const text = (value: string | null | undefined): string => value ?? "";
const level = (value: keyof typeof LEVEL_LABELS | null | undefined): string => (value ? LEVEL_LABELS[value] : "");
const implementation = (value: ImplementationStatus): string => IMPLEMENTATION_STATUS_LABELS[value] ?? value;
const classification = (value: AssetClassification): string => CLASSIFICATION_LABELS[value] ?? value;
const stride = (category: StrideCategory): string => STRIDE_LABELS[category]?.name ?? category;

/** Linked mitigations by title (their keys are local to each document), in a stable order. */
function mitigationTitles(keys: string[] | undefined, { doc }: Context): string {
  const titles = (keys ?? []).map((key) => (doc.mitigations ?? []).find((m) => m.key === key)?.title ?? key);
  return [...new Set(titles)].sort((a, b) => a.localeCompare(b)).join("; ");
}

function docField(field: keyof Doc & string, label: string): FieldSpec<Doc> {
  return { field, label, value: (doc) => text(doc[field] as string | null | undefined) };
}

function normalizeKey(key: string): string {
  return key.trim().replace(/\s+/g, " ").toLowerCase();
}

function compareFields<T>(fields: FieldSpec<T>[], before: T | null, beforeCtx: Context, after: T | null, afterCtx: Context): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const { field, label, value, tracking } of fields) {
    const was = before === null ? "" : value(before, beforeCtx);
    const is = after === null ? "" : value(after, afterCtx);
    if (was !== is) changes.push({ field, label, before: was, after: is, ...(tracking ? { tracking: true as const } : {}) });
  }
  return changes;
}

/** Keys each row by its natural key, numbering repeats ("…#2") so duplicates pair by position. */
function keyed<T>(items: T[], key: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = normalizeKey(key(item));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: n === 1 ? base : `${base}#${n}`, item };
  });
}

function rows<T>(spec: RowSpec<T>) {
  return (beforeCtx: Context, afterCtx: Context): RowDiff[] => {
    const before = keyed(spec.items(beforeCtx.doc) ?? [], spec.key);
    const after = keyed(spec.items(afterCtx.doc) ?? [], spec.key);
    const beforeByKey = new Map(before.map((row) => [row.key, row.item]));
    const afterKeys = new Set(after.map((row) => row.key));
    const diffs: RowDiff[] = [];
    // The new revision's order, then what it dropped in the old one's order.
    for (const { key, item } of after) {
      const old = beforeByKey.get(key);
      if (old === undefined) {
        diffs.push({ key, label: spec.label(item), kind: "added", changes: compareFields(spec.fields, null, beforeCtx, item, afterCtx) });
        continue;
      }
      const changes = compareFields(spec.fields, old, beforeCtx, item, afterCtx);
      if (changes.length > 0)
        diffs.push({ key, label: spec.label(item), kind: "changed", changes, ...(changes.every((c) => c.tracking) ? { tracking: true as const } : {}) });
    }
    for (const { key, item } of before) {
      if (!afterKeys.has(key)) {
        diffs.push({ key, label: spec.label(item), kind: "removed", changes: compareFields(spec.fields, item, beforeCtx, null, afterCtx) });
      }
    }
    return diffs;
  };
}

type Threat = Doc["threats"][number];
type Mitigation = Doc["mitigations"][number];

const SECTIONS: SectionSpec[] = [
  {
    section: "front-matter",
    title: "Front matter & overview",
    fields: [
      docField("title", "Title"),
      docField("featureName", "Feature"),
      docField("version", "Version"),
      docField("ownerTeam", "Owner team"),
      docField("category", "Category"),
      docField("systemDiagramRef", "System diagram"),
      docField("overview", "Overview"),
      docField("scopeIn", "Scope (in)"),
      docField("scopeOut", "Scope (out)"),
    ],
  },
  {
    section: "architecture",
    title: "Architecture",
    fields: [docField("architecture", "Architecture"), docField("dataFlow", "Data flow")],
  },
  {
    section: "trust-boundaries",
    title: "Trust boundaries",
    fields: [],
    rows: rows<Doc["trustBoundaries"][number]>({
      items: (doc) => doc.trustBoundaries,
      key: (b) => b.name,
      label: (b) => b.name,
      fields: [
        { field: "name", label: "Name", value: (b) => text(b.name) },
        { field: "description", label: "Description", value: (b) => text(b.description) },
        { field: "crossing", label: "Crossing", value: (b) => text(b.crossing) },
      ],
    }),
  },
  {
    section: "assets",
    title: "Assets",
    fields: [],
    rows: rows<Doc["assets"][number]>({
      items: (doc) => doc.assets,
      key: (a) => a.name,
      label: (a) => a.name,
      fields: [
        { field: "name", label: "Name", value: (a) => text(a.name) },
        { field: "classification", label: "Classification", value: (a) => classification(a.classification) },
        { field: "compromiseImpact", label: "Impact if compromised", value: (a) => text(a.compromiseImpact) },
      ],
    }),
  },
  {
    section: "threats",
    title: "STRIDE threats",
    fields: [],
    rows: rows<Threat>({
      items: (doc) => doc.threats,
      key: (t) => `${t.category}: ${t.title}`,
      label: (t) => `${stride(t.category)}: ${t.title}`,
      fields: [
        { field: "title", label: "Threat", value: (t) => text(t.title) },
        { field: "description", label: "Description", value: (t) => text(t.description) },
        { field: "attackVectors", label: "Attack vectors", value: (t) => (t.attackVectors ?? []).join("; ") },
        { field: "likelihood", label: "Likelihood", value: (t) => level(t.likelihood) },
        { field: "impact", label: "Impact", value: (t) => level(t.impact) },
        { field: "priority", label: "Priority", value: (t) => level(t.priority) },
        { field: "priorityOverrideReason", label: "Priority override reason", value: (t) => text(t.priorityOverrideReason) },
        { field: "residualRisk", label: "Residual risk", value: (t) => level(t.residualRisk) },
        { field: "residualRiskJustification", label: "Residual risk justification", value: (t) => text(t.residualRiskJustification) },
        { field: "dueDate", label: "Due date", value: (t) => text(t.dueDate) },
        { field: "mitigations", label: "Mitigations", value: (t, ctx) => mitigationTitles(t.mitigationKeys, ctx) },
      ],
    }),
  },
  {
    section: "stride-assessments",
    title: "STRIDE residual risk",
    fields: [],
    rows: rows<Doc["strideAssessments"][number]>({
      items: (doc) => doc.strideAssessments,
      key: (s) => s.category,
      label: (s) => stride(s.category),
      fields: [
        { field: "residualRisk", label: "Residual risk", value: (s) => level(s.residualRisk) },
        { field: "justification", label: "Justification", value: (s) => text(s.justification) },
      ],
    }),
  },
  {
    section: "mitigations",
    title: "Mitigations",
    fields: [],
    rows: rows<Mitigation>({
      items: (doc) => doc.mitigations,
      key: (m) => m.title,
      label: (m) => m.title,
      fields: [
        { field: "title", label: "Mitigation", value: (m) => text(m.title) },
        { field: "description", label: "Description", value: (m) => text(m.description) },
        { field: "status", label: "Status", value: (m) => implementation(m.status), tracking: isTrackingField("mitigations", "status") },
        { field: "taskRef", label: "Task", value: (m) => text(m.taskRef), tracking: isTrackingField("mitigations", "taskRef") },
        { field: "implementedIn", label: "Implemented in", value: (m) => text(m.implementedIn), tracking: isTrackingField("mitigations", "implementedIn") },
        { field: "dueDate", label: "Due date", value: (m) => text(m.dueDate), tracking: isTrackingField("mitigations", "dueDate") },
        {
          field: "owner",
          label: "Owner",
          value: (m, { options }) => (m.ownerId ? (options.displayUser?.(m.ownerId) ?? m.ownerId) : ""),
          tracking: isTrackingField("mitigations", "ownerId"),
        },
      ],
    }),
  },
  {
    section: "attack-scenarios",
    title: "Attack scenarios",
    fields: [],
    rows: rows<Doc["attackScenarios"][number]>({
      items: (doc) => doc.attackScenarios,
      key: (s) => s.title,
      label: (s) => s.title,
      fields: [
        { field: "title", label: "Scenario", value: (s) => text(s.title) },
        { field: "description", label: "Description", value: (s) => text(s.description) },
        { field: "likelihood", label: "Likelihood", value: (s) => level(s.likelihood) },
        { field: "impact", label: "Impact", value: (s) => level(s.impact) },
        { field: "mitigations", label: "Mitigations", value: (s, ctx) => mitigationTitles(s.mitigationKeys, ctx) },
      ],
    }),
  },
  {
    section: "security-controls",
    title: "Security controls",
    fields: [],
    rows: rows<Doc["securityControls"][number]>({
      items: (doc) => doc.securityControls,
      key: (c) => c.name,
      label: (c) => c.name,
      fields: [
        { field: "name", label: "Control", value: (c) => text(c.name) },
        { field: "status", label: "Status", value: (c) => implementation(c.status) },
        { field: "effectiveness", label: "Effectiveness", value: (c) => level(c.effectiveness) },
      ],
    }),
  },
  {
    section: "security-invariants",
    title: "Security invariants",
    fields: [],
    rows: rows<Doc["securityInvariants"][number]>({
      items: (doc) => doc.securityInvariants,
      key: (i) => String(i.article),
      label: (i) => (i.topic ? `Article ${i.article}: ${i.topic}` : `Article ${i.article}`),
      fields: [
        { field: "topic", label: "Topic", value: (i) => text(i.topic) },
        { field: "condition", label: "Condition", value: (i) => text(i.condition) },
        { field: "requirement", label: "Requirement", value: (i) => text(i.requirement) },
      ],
    }),
  },
  {
    section: "residual-risks",
    title: "Residual risks",
    fields: [],
    rows: rows<Doc["residualRisks"][number]>({
      items: (doc) => doc.residualRisks,
      key: (r) => r.threatTitle,
      label: (r) => r.threatTitle,
      fields: [
        { field: "threatTitle", label: "Threat", value: (r) => text(r.threatTitle) },
        { field: "reason", label: "Reason", value: (r) => text(r.reason) },
        { field: "riskOwner", label: "Risk owner", value: (r) => text(r.riskOwner) },
        { field: "reviewDate", label: "Review date", value: (r) => text(r.reviewDate) },
      ],
    }),
  },
];

/** The sections compared, in the template's order: what a page can list as a table of contents. */
export const DIFF_SECTIONS: readonly { section: string; title: string }[] = SECTIONS.map(({ section, title }) => ({ section, title }));

/** Compares two snapshots of a model; only sections with changes are listed. */
export function diffDocuments(before: ThreatModelDocument, after: ThreatModelDocument, options: DiffOptions = {}): RevisionDiff {
  const beforeCtx: Context = { doc: before, options };
  const afterCtx: Context = { doc: after, options };
  const sections: SectionDiff[] = [];
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const spec of SECTIONS) {
    const fields = compareFields(spec.fields, before, beforeCtx, after, afterCtx);
    const rowDiffs = spec.rows ? spec.rows(beforeCtx, afterCtx) : [];
    if (fields.length === 0 && rowDiffs.length === 0) continue;
    sections.push({ section: spec.section, title: spec.title, fields, rows: rowDiffs });
    counts.changed += fields.length;
    for (const row of rowDiffs) counts[row.kind] += 1;
  }
  return { sections, changed: sections.length > 0, counts };
}

// ─── Word-level changes ───────────────────────────────────────────────────────────────────

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
