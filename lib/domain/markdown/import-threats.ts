// The STRIDE section in both of its forms (the template's tables, the example's "**Threat**: …"
// lists) and the attack scenarios' labelled lines and lists.
import type { Heading, List, ListItem, Table } from "mdast";
import type { RiskRating, StrideCategory } from "../threat-model";
import { requireColumn, tableColumns, tableRows } from "./import-tables";
import type { DraftScenario, DraftThreat, Mention, Reader } from "./import-reader";
import { nodeText, type LabelledLine } from "./syntax";
import { isDash, isPlaceholder, readImpact, readIsoDate, readLikelihood, readPriority, readRiskRating } from "./vocabulary";

// ─── STRIDE: the list form ("**Threat**: …") ────────────────────────────────────────────

export function openCategory(r: Reader, category: StrideCategory, node: Heading) {
  closeCategory(r);
  r.category = category;
  r.categoryLine = node.position?.start.line;
  r.currentThreat = null;
}

/** A category's residual risk also rates its list-form threats, as the example means it. */
export function closeCategory(r: Reader) {
  const category = r.category;
  if (!category) return;
  const risk = r.categoryRisk.get(category);
  if (risk) {
    for (const threat of r.threats) {
      if (threat.category === category && threat.listForm && threat.residualRisk == null) {
        threat.residualRisk = risk.rating;
        threat.residualRiskJustification = risk.justification;
      }
    }
  }
  r.category = null;
  r.currentThreat = null;
}

export function startListThreat(r: Reader, title: string, line: number | undefined): DraftThreat | null {
  if (!r.category) return null;
  const threat: DraftThreat = {
    category: r.category,
    title,
    description: "",
    attackVectors: [],
    likelihood: null,
    impact: null,
    priority: null,
    priorityOverrideReason: null,
    residualRisk: null,
    residualRiskJustification: "",
    dueDate: null,
    mentions: [],
    line,
    listForm: true,
  };
  r.threats.push(threat);
  r.currentThreat = threat;
  return threat;
}

export function readThreatLabel(r: Reader, label: string, value: string, l: LabelledLine) {
  if (!r.category) {
    r.warn(null, `“${l.label}” appears outside a STRIDE category; it was not imported.`, l.line);
    return;
  }
  if (label === "threat" || label === "threats") {
    if (value.trim()) startListThreat(r, value.trim(), l.line);
    return;
  }
  if (label === "residual risk") {
    const risk = readRiskWithJustification(value);
    if (risk?.rating) {
      r.categoryRisk.set(r.category, { rating: risk.rating, justification: risk.justification });
    } else if (value.trim()) r.warn(null, `The residual risk “${value}” is not a rating (Very low … Critical); it was not imported.`, l.line);
    return;
  }
  const threat = r.currentThreat;
  if (!threat) {
    r.warn(null, `“${l.label}” appears before any threat of its category; it was not imported.`, l.line);
    return;
  }
  if (readRatedLabel(r, threat, "threat", label, value, l)) return;
  switch (label) {
    case "description":
      threat.description = value;
      return;
    case "attack vectors":
    case "attack vector":
      r.pendingList = { kind: "vectors", line: l.line };
      if (value.trim()) threat.attackVectors.push(value.trim());
      return;
    case "priority":
      threat.priority = readPriority(value) ?? warnLevel(r, "priority", value, l.line);
      return;
    case "fix by":
    case "due":
    case "due date":
      threat.dueDate = readIsoDate(value);
      return;
    default:
      r.warn(null, `The field “${l.label}” is not part of a threat; it was not imported.`, l.line);
  }
}

/** The labels a threat and a scenario share: likelihood, impact and the mitigations that stop it. Returns whether the label was one of them. */
function readRatedLabel(r: Reader, item: DraftThreat | DraftScenario, context: Mention["context"], label: string, value: string, l: LabelledLine): boolean {
  switch (label) {
    case "likelihood":
      item.likelihood = readLikelihood(value) ?? warnLevel(r, "likelihood", value, l.line);
      return true;
    case "impact":
      item.impact = readImpact(value) ?? warnLevel(r, "impact", value, l.line);
      return true;
    case "mitigations":
    case "mitigation":
      r.pendingList = { kind: "mitigations", line: l.line };
      if (value.trim()) item.mentions.push({ text: value, line: l.line, context });
      return true;
    default:
      return false;
  }
}

function warnLevel(r: Reader, what: string, value: string, line: number | undefined): null {
  if (value.trim() && !isDash(value))
    r.warn(null, `The ${what} “${value}” is not one of Low, Medium, High${what === "likelihood" ? "" : ", Critical"}; it was not imported.`, line);
  return null;
}

export function readScenarioLabel(r: Reader, label: string, value: string, l: LabelledLine) {
  const scenario = r.currentScenario;
  if (!scenario) {
    r.warn(null, `“${l.label}” appears before any attack scenario's heading; it was not imported.`, l.line);
    return;
  }
  if (readRatedLabel(r, scenario, "scenario", label, value, l)) return;
  switch (label) {
    case "scenario":
    case "description":
      scenario.description = value;
      return;
    default:
      r.warn(null, `The field “${l.label}” is not part of an attack scenario; it was not imported.`, l.line);
  }
}

const MAX_LIST_ITEMS = 2_000;

/** The bullet list after "**Attack Vectors**:" or "**Mitigations**:"; nested lists are read flat. */
export function readLabelledList(r: Reader, list: List) {
  const pending = r.pendingList;
  r.pendingList = null;
  if (!pending) {
    r.warn(list, "A list that no “**Attack Vectors**:” or “**Mitigations**:” label introduces was not imported.");
    return;
  }
  const items = listItemTexts(r.source, list);
  if (items.length > MAX_LIST_ITEMS) r.warn(list, `Only the first ${MAX_LIST_ITEMS} items of this list were read.`);
  for (const item of items.slice(0, MAX_LIST_ITEMS)) {
    if (!item.text.trim() || isPlaceholder(item.raw)) continue;
    if (r.section === "attack-scenarios") {
      r.currentScenario?.mentions.push({ text: item.text, line: item.line, context: "scenario" });
    } else if (r.currentThreat) {
      if (pending.kind === "vectors") r.currentThreat.attackVectors.push(item.text.trim());
      else r.currentThreat.mentions.push({ text: item.text, line: item.line, context: "threat" });
    }
  }
}

function listItemTexts(source: string, list: List): { text: string; raw: string; line: number | undefined }[] {
  const out: { text: string; raw: string; line: number | undefined }[] = [];
  const stack: ListItem[] = [...list.children].reverse();
  while (stack.length && out.length <= MAX_LIST_ITEMS) {
    const item = stack.pop()!;
    const nested: ListItem[] = [];
    const own: string[] = [];
    for (const child of item.children) {
      if (child.type === "list") nested.push(...child.children);
      else own.push(nodeText(child));
    }
    const text = own
      .join(" ")
      .replace(/\s*\n\s*/g, " ")
      .trim();
    const start = item.position?.start.offset;
    const end = item.children.find((child) => child.type !== "list")?.position?.end.offset;
    const raw = start !== undefined && end !== undefined ? source.slice(start, end) : text;
    out.push({ text, raw, line: item.position?.start.line });
    for (const child of nested.reverse()) stack.push(child);
  }
  return out;
}

type ThreatColumn = "title" | "likelihood" | "impact" | "reason" | "priority" | "mitigations" | "vectors" | "residual" | "due" | "description";

export function readThreatTable(r: Reader, table: Table) {
  if (!r.category) {
    r.warn(table, "A threat table outside a STRIDE category was not imported.");
    return;
  }
  const columns = tableColumns<ThreatColumn>(r, table, [
    { key: "title", match: /^threats?\b/ },
    { key: "likelihood", match: /likelihood|probability/ },
    { key: "impact", match: /impact|severity/ },
    { key: "reason", match: /reason|override|rationale/ },
    { key: "priority", match: /priority/ },
    { key: "mitigations", match: /mitigation|control|countermeasure/ },
    { key: "vectors", match: /attack vector|vectors?/ },
    { key: "residual", match: /residual/ },
    { key: "due", match: /fix by|due/ },
    { key: "description", match: /description|details/ },
  ]);
  if (!requireColumn(r, table, columns, "title", "Threat")) return;
  for (const row of tableRows(r, table, columns)) {
    const residual = row.get("residual") ? readRiskWithJustification(row.get("residual")) : null;
    if (row.get("residual") && !residual) r.warn(null, `The residual risk “${row.get("residual")}” is not a rating; it was not imported.`, row.line);
    const dueText = row.get("due");
    const dueDate = dueText ? readIsoDate(dueText) : null;
    if (dueText && !dueDate) r.warn(null, `The fix-by date “${dueText}” is not a YYYY-MM-DD date; it was not imported.`, row.line);
    const threat: DraftThreat = {
      category: r.category,
      title: row.get("title"),
      description: row.get("description"),
      attackVectors: row.items("vectors"),
      likelihood: readLikelihood(row.get("likelihood")) ?? warnLevel(r, "likelihood", row.get("likelihood"), row.line),
      impact: readImpact(row.get("impact")) ?? warnLevel(r, "impact", row.get("impact"), row.line),
      priority: readPriority(row.get("priority")) ?? warnLevel(r, "priority", row.get("priority"), row.line),
      priorityOverrideReason: row.get("reason") || null,
      residualRisk: residual?.rating ?? null,
      residualRiskJustification: residual?.justification ?? "",
      dueDate,
      mentions: row.items("mitigations").map((text) => ({ text, line: row.line, context: "threat" as const })),
      line: row.line,
      listForm: false,
    };
    r.threats.push(threat);
  }
}

/** "**LOW** - Multiple layers", "Very low — Complete audit trail", "Medium". */
function readRiskWithJustification(text: string): { rating: RiskRating | null; justification: string } | null {
  const exact = /^([^—]*?) — ([\s\S]*)$/.exec(text);
  const loose = exact ?? /^\s*([A-Za-z_ ]+?)\s*(?:[—–:]|\s-\s|-\s)\s*([\s\S]*)$/.exec(text);
  if (loose) {
    const rating = loose[1]!.trim() ? readRiskRating(loose[1]!) : null;
    if (rating || !loose[1]!.trim()) return { rating, justification: exact ? loose[2]! : loose[2]!.trim() };
  }
  const rating = readRiskRating(text);
  return rating ? { rating, justification: "" } : null;
}
