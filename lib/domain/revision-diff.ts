// What changed between two revisions of a threat model, section by section in the template's
// order, so a reviewer of a new revision reads only what is new since the last sign-off.
// Rows have no stable ids across snapshots, so they are matched by what people would call them
// (a threat by its category and title, a mitigation by its title, …); the n-th of several rows
// with the same name matches the n-th on the other side. The model's status and next review date
// are workflow, not content, and are never compared. A change to a mitigation's tracking (status,
// ticket, owner, due date: lib/domain/tracking.ts), which goes on after approval, is marked as
// tracking so a reviewer tells it apart from a change to the analysis.
import { ELEMENT_KIND_LABEL, type DataFlow, type DiagramElement, type TrustBoundary } from "./diagram/diagram";
import type { ThreatModelDocument } from "./model-document";
import { CLASSIFICATION_LABELS, IMPLEMENTATION_STATUS_LABELS, LEVEL_LABELS, STRIDE_LABELS, type StrideCategory } from "./threat-model";
import { isTrackingField } from "./tracking";

/** `tracking`: the field records the work on a mitigation, not the analysis. */
export type FieldChange = { field: string; label: string; before: string; after: string; tracking?: true };
/** `tracking`: a changed row whose every change is a tracking change. */
export type RowDiff = {
  key: string;
  label: string;
  kind: "added" | "removed" | "changed";
  changes: FieldChange[];
  tracking?: true;
  /** For a diagram item: its id, to mark it on the drawn diagram. */
  itemId?: string;
};
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
const stride = (category: StrideCategory): string => STRIDE_LABELS[category]?.name ?? category;

/** Linked mitigations by title (their keys are local to each document), in a stable order. */
function mitigationTitles(keys: string[] | undefined, { doc }: Context): string {
  const titles = (keys ?? []).map((key) => (doc.mitigations ?? []).find((m) => m.key === key)?.title ?? key);
  return [...new Set(titles)].sort((a, b) => a.localeCompare(b)).join("; ");
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

/** A field compared as its text. */
function textField<T>(field: keyof T & string, label: string): FieldSpec<T> {
  return { field, label, value: (item) => text(item[field] as string | null | undefined) };
}

/** A field compared as what its value reads as: a level, a status, a classification. */
function labelField<T>(field: keyof T & string, label: string, labels: Record<string, string>): FieldSpec<T> {
  return {
    field,
    label,
    value: (item) => {
      const value = item[field] as string | null | undefined;
      return value ? (labels[value] ?? value) : "";
    },
  };
}

/** A field compared as the label of its level (likelihood, impact, priority, residual risk, effectiveness). */
function levelField<T>(field: keyof T & string, label: string): FieldSpec<T> {
  return labelField(field, label, LEVEL_LABELS);
}

/** A field of a row's linked mitigations, compared by their titles. */
function mitigationsField<T extends { mitigationKeys?: string[] }>(): FieldSpec<T> {
  return { field: "mitigations", label: "Mitigations", value: (item, ctx) => mitigationTitles(item.mitigationKeys, ctx) };
}

/** A mitigation field that records the work on it rather than the analysis (lib/domain/tracking.ts). */
function tracked<T>(spec: FieldSpec<T>, documentField: string = spec.field): FieldSpec<T> {
  return { ...spec, tracking: isTrackingField("mitigations", documentField) };
}

/** A diagram item of either revision, with the diagram it is drawn on. */
type DrawnItem = { diagram: string; item: DiagramElement | DataFlow | TrustBoundary };
const drawnItems = (doc: Doc): DrawnItem[] =>
  (doc.diagrams ?? []).flatMap((d) => [...d.elements, ...d.flows, ...d.boundaries].map((item) => ({ diagram: d.name, item })));
const itemName = (doc: Doc, id: string) => drawnItems(doc).find((d) => d.item.id === id)?.item.name || id;
const yesNo = (value: boolean | undefined) => (value ? "yes" : "no");
/** An attribute of one kind of item; other kinds read as empty, so a changed kind shows as changed attributes. */
const attribute = <K extends DrawnItem["item"]["kind"]>(
  kinds: K[],
  field: string,
  label: string,
  read: (item: Extract<DrawnItem["item"], { kind: K }>) => string,
) => ({
  field,
  label,
  value: ({ item }: DrawnItem) => ((kinds as string[]).includes(item.kind) ? read(item as Extract<DrawnItem["item"], { kind: K }>) : ""),
});

/** Diagram items matched by their ids, which every revision keeps; layout (positions) is not content. */
function diagramRows(beforeCtx: Context, afterCtx: Context): RowDiff[] {
  const idOf = new Map([...drawnItems(beforeCtx.doc), ...drawnItems(afterCtx.doc)].map(({ item }) => [normalizeKey(item.id), item.id]));
  const endName = (doc: Doc, id: string) => itemName(doc, id);
  const diff = rows<DrawnItem>({
    items: drawnItems,
    key: ({ item }) => item.id,
    label: ({ diagram, item }) => `${diagram}: ${ELEMENT_KIND_LABEL[item.kind]} “${item.name || (item.kind === "flow" ? item.label : "") || item.id}”`,
    fields: [
      { field: "kind", label: "Kind", value: ({ item }) => ELEMENT_KIND_LABEL[item.kind] },
      { field: "name", label: "Name", value: ({ item }) => item.name },
      { field: "description", label: "Description", value: ({ item }) => item.description },
      { field: "outOfScope", label: "Out of scope", value: ({ item }) => (item.outOfScope ? `yes: ${item.outOfScopeReason}` : "no") },
      attribute(["entity"], "actor", "Actor", (e) => e.actor),
      attribute(["process"], "privilege", "Privilege", (p) => p.privilege),
      attribute(["process"], "handlesUntrustedInput", "Handles untrusted input", (p) => yesNo(p.handlesUntrustedInput)),
      attribute(["store"], "holdsCredentials", "Holds credentials", (x) => yesNo(x.holdsCredentials)),
      attribute(["store"], "isLog", "Is a log", (x) => yesNo(x.isLog)),
      attribute(["store"], "encryptedAtRest", "Encrypted at rest", (x) => yesNo(x.encryptedAtRest)),
      {
        field: "ends",
        label: "From → to",
        value: ({ item }, { doc }) => (item.kind === "flow" ? `${endName(doc, item.from)} → ${endName(doc, item.to)}` : ""),
      },
      attribute(["flow"], "label", "Data", (f) => f.label),
      attribute(["flow"], "protocol", "Protocol", (f) => f.protocol),
      attribute(["flow"], "encrypted", "Encrypted", (f) => yesNo(f.encrypted)),
      attribute(["flow"], "crossesPublicNetwork", "Crosses a public network", (f) => yesNo(f.crossesPublicNetwork)),
      attribute(["flow"], "authenticated", "Authenticated", (f) => yesNo(f.authenticated)),
    ],
  })(beforeCtx, afterCtx);
  return diff.map((row) => ({ ...row, itemId: idOf.get(row.key.replace(/#\d+$/, "")) ?? row.key }));
}

/** The document's tables, and the type of a row of each. */
type Table = { [K in keyof Doc]-?: NonNullable<Doc[K]> extends unknown[] ? K : never }[keyof Doc];
type Row<K extends Table> = NonNullable<Doc[K]> extends (infer T)[] ? T : never;

/** A section that is one of the document's tables; a row reads as its key unless it has a label of its own. */
function tableSection<K extends Table>(
  section: string,
  title: string,
  table: K,
  spec: Omit<RowSpec<Row<K>>, "items" | "label"> & { label?: (item: Row<K>) => string },
): SectionSpec {
  return { section, title, fields: [], rows: rows({ ...spec, items: (doc) => doc[table] as Row<K>[] | undefined, label: spec.label ?? spec.key }) };
}

const SECTIONS: SectionSpec[] = [
  {
    section: "front-matter",
    title: "Front matter & overview",
    fields: [
      textField("title", "Title"),
      textField("featureName", "Feature"),
      textField("version", "Version"),
      textField("ownerTeam", "Owner team"),
      textField("category", "Category"),
      textField("systemDiagramRef", "System diagram"),
      textField("overview", "Overview"),
      textField("scopeIn", "Scope (in)"),
      textField("scopeOut", "Scope (out)"),
    ],
  },
  {
    section: "architecture",
    title: "Architecture",
    fields: [textField("architecture", "Architecture"), textField("dataFlow", "Data flow")],
  },
  { section: "diagrams", title: "Data-flow diagrams", fields: [], rows: diagramRows },
  {
    section: "suggestion-dismissals",
    title: "Dismissed suggestions",
    fields: [],
    rows: (beforeCtx, afterCtx) =>
      rows<NonNullable<Doc["suggestionDismissals"]>[number]>({
        items: (doc) => doc.suggestionDismissals,
        key: (x) => `${x.elementId} ${x.category}`,
        // Named as the newer revision names the item, or the older one when it was removed.
        label: (x) =>
          `${stride(x.category)} on “${drawnItems(afterCtx.doc).some((d) => d.item.id === x.elementId) ? itemName(afterCtx.doc, x.elementId) : itemName(beforeCtx.doc, x.elementId)}”`,
        fields: [textField("reason", "Why it does not apply")],
      })(beforeCtx, afterCtx),
  },
  tableSection("trust-boundaries", "Trust boundaries", "trustBoundaries", {
    key: (b) => b.name,
    fields: [textField("name", "Name"), textField("description", "Description"), textField("crossing", "Crossing")],
  }),
  tableSection("assets", "Assets", "assets", {
    key: (a) => a.name,
    fields: [
      textField("name", "Name"),
      labelField("classification", "Classification", CLASSIFICATION_LABELS),
      textField("compromiseImpact", "Impact if compromised"),
    ],
  }),
  tableSection("threats", "STRIDE threats", "threats", {
    key: (t) => `${t.category}: ${t.title}`,
    label: (t) => `${stride(t.category)}: ${t.title}`,
    fields: [
      textField("title", "Threat"),
      textField("description", "Description"),
      { field: "attackVectors", label: "Attack vectors", value: (t) => (t.attackVectors ?? []).join("; ") },
      levelField("likelihood", "Likelihood"),
      levelField("impact", "Impact"),
      levelField("priority", "Priority"),
      textField("priorityOverrideReason", "Priority override reason"),
      levelField("residualRisk", "Residual risk"),
      textField("residualRiskJustification", "Residual risk justification"),
      textField("dueDate", "Due date"),
      mitigationsField(),
      {
        field: "elementIds",
        label: "On diagram items",
        value: (t, { doc }) => [...new Set((t.elementIds ?? []).map((id) => itemName(doc, id)))].sort((a, b) => a.localeCompare(b)).join("; "),
      },
    ],
  }),
  tableSection("stride-assessments", "STRIDE residual risk", "strideAssessments", {
    key: (s) => s.category,
    label: (s) => stride(s.category),
    fields: [levelField("residualRisk", "Residual risk"), textField("justification", "Justification")],
  }),
  tableSection("mitigations", "Mitigations", "mitigations", {
    key: (m) => m.title,
    fields: [
      textField("title", "Mitigation"),
      textField("description", "Description"),
      tracked(labelField("status", "Status", IMPLEMENTATION_STATUS_LABELS)),
      tracked(textField("taskRef", "Task")),
      tracked(textField("implementedIn", "Implemented in")),
      tracked(textField("dueDate", "Due date")),
      tracked({ field: "owner", label: "Owner", value: (m, { options }) => (m.ownerId ? (options.displayUser?.(m.ownerId) ?? m.ownerId) : "") }, "ownerId"),
    ],
  }),
  tableSection("attack-scenarios", "Attack scenarios", "attackScenarios", {
    key: (s) => s.title,
    fields: [
      textField("title", "Scenario"),
      textField("description", "Description"),
      levelField("likelihood", "Likelihood"),
      levelField("impact", "Impact"),
      mitigationsField(),
    ],
  }),
  tableSection("security-controls", "Security controls", "securityControls", {
    key: (c) => c.name,
    fields: [textField("name", "Control"), labelField("status", "Status", IMPLEMENTATION_STATUS_LABELS), levelField("effectiveness", "Effectiveness")],
  }),
  tableSection("security-invariants", "Security invariants", "securityInvariants", {
    key: (i) => String(i.article),
    label: (i) => (i.topic ? `Article ${i.article}: ${i.topic}` : `Article ${i.article}`),
    fields: [textField("topic", "Topic"), textField("condition", "Condition"), textField("requirement", "Requirement")],
  }),
  tableSection("residual-risks", "Residual risks", "residualRisks", {
    key: (r) => r.threatTitle,
    fields: [textField("threatTitle", "Threat"), textField("reason", "Reason"), textField("riskOwner", "Risk owner"), textField("reviewDate", "Review date")],
  }),
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
