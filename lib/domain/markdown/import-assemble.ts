// The document built from one walk: mitigations resolved by title, threats and scenarios linked
// to them, and the warnings only the whole file can give.
import type { ThreatModelDocument } from "../model-document";
import { suggestPriority } from "../priority";
import { LEVEL_LABELS, STRIDE_CATEGORIES, type Impact, type ImplementationStatus, type Likelihood } from "../threat-model";
import { DEFAULT_TITLE, type Mention, type NamedOwner, type Reader } from "./import-reader";
import { blockFieldText, isTemplateDiagram } from "./syntax";
import { isPlaceholder, readMitigationMention } from "./vocabulary";
import { asciiSlug } from "../slug";

// ─── Assembling the document ────────────────────────────────────────────────────────────

function mitigationKey(title: string): string {
  return asciiSlug(title, { max: 48 }) || "mitigation";
}

function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, " ").toLowerCase();
}

function baseKey(title: string): string {
  return titleKey(title.replace(/\s*\([^()]*\)\s*$/, ""));
}

class Mitigations {
  readonly list: ThreatModelDocument["mitigations"] = [];
  private readonly byTitle = new Map<string, ThreatModelDocument["mitigations"][number]>();
  private readonly byBase = new Map<string, ThreatModelDocument["mitigations"][number][]>();
  private readonly keys = new Set<string>();

  constructor(private readonly r: Reader) {}

  find(title: string) {
    return this.byTitle.get(titleKey(title));
  }

  findByBase(title: string) {
    const found = this.byBase.get(baseKey(title));
    return found && found.length === 1 ? found[0] : undefined;
  }

  add(m: Omit<ThreatModelDocument["mitigations"][number], "key">) {
    let key = mitigationKey(m.title);
    for (let n = 2; this.keys.has(key); n++) key = `${mitigationKey(m.title)}-${n}`;
    this.keys.add(key);
    const mitigation = { key, ...m };
    this.list.push(mitigation);
    this.byTitle.set(titleKey(m.title), mitigation);
    const base = baseKey(m.title);
    this.byBase.set(base, [...(this.byBase.get(base) ?? []), mitigation]);
    return mitigation;
  }

  /**
   * The mitigation a threat or scenario names. The tracking table's title as written wins; a
   * scenario in a file without one may name a listed mitigation without its parenthetical
   * detail ("Rate limiting" for "Rate limiting (5 req/min per IP)").
   */
  resolve(mention: Mention, hasTracking: boolean): string | null {
    const parsed = readMitigationMention(mention.text);
    if (!parsed.fullTitle) return null;
    const existing =
      this.find(parsed.fullTitle) ?? this.find(parsed.title) ?? (!hasTracking && mention.context === "scenario" ? this.findByBase(parsed.title) : undefined);
    if (existing) {
      if (!hasTracking && parsed.status && parsed.status !== existing.status) {
        this.r.warn(null, `“${parsed.fullTitle}” gives the mitigation “${existing.title}” another status than before; the first was kept.`, mention.line);
      }
      return existing.key;
    }
    const status: ImplementationStatus = parsed.status ?? "NOT_STARTED";
    return this.add({ title: parsed.title, description: "", status, taskRef: "", implementedIn: "", dueDate: null }).key;
  }
}

export function assemble(r: Reader): ThreatModelDocument {
  const doc = r.doc;
  doc.title = r.frontMatterTitle?.trim() ? r.frontMatterTitle : titleFromHeading(r.headingTitle);
  if (!r.frontMatterTitle?.trim() && r.headingTitle && r.headingTitle !== doc.title) {
    r.warn(null, `The title “${r.headingTitle}” is still the template's placeholder; the model was named “${doc.title}”.`, r.headingLine);
  }

  for (const field of ["overview", "scopeIn", "scopeOut", "architecture", "dataFlow"] as const) {
    const nodes = r.blocks[field];
    let text = nodes.length ? blockFieldText(r.source, nodes, r.diagramRanges) : "";
    if (text && isTemplateDiagram(nodes)) {
      r.warn(nodes[0], "The template's example diagram was not imported.");
      text = "";
    }
    const inline = r.inlineFields[field];
    doc[field] = text || inline || "";
  }

  const mitigations = new Mitigations(r);
  const ownerOfKey = new Map<string, NamedOwner>();
  for (const tracked of r.tracked) {
    if (mitigations.find(tracked.title)) {
      r.warn(null, `The mitigation “${tracked.title}” is listed twice; the first row was kept.`, tracked.line);
      continue;
    }
    const { line, owner, ...fields } = tracked;
    const added = mitigations.add(fields);
    if (owner) ownerOfKey.set(added.key, { email: owner, line });
  }
  const hasTracking = r.tracked.length > 0;
  const keysOf = (mentions: Mention[]) => {
    const keys: string[] = [];
    for (const mention of mentions) {
      const key = mitigations.resolve(mention, hasTracking);
      if (key && !keys.includes(key)) keys.push(key);
    }
    return keys;
  };

  for (const threat of r.threats) {
    if (threat.likelihood === null || threat.impact === null) {
      r.warn(null, `The threat “${threat.title}” gives no ${missingLevels(threat)}; Medium was assumed.`, threat.line);
    }
    const likelihood = threat.likelihood ?? "MEDIUM";
    const impact = threat.impact ?? "MEDIUM";
    const computed = suggestPriority(likelihood, impact);
    const priority = threat.priority ?? computed;
    const priorityOverrideReason = priority !== computed ? threat.priorityOverrideReason || "Imported as written" : threat.priorityOverrideReason || null;
    doc.threats.push({
      category: threat.category,
      title: threat.title,
      description: threat.description,
      attackVectors: threat.attackVectors,
      likelihood,
      impact,
      priority,
      priorityOverrideReason,
      residualRisk: threat.residualRisk ?? null,
      residualRiskJustification: threat.residualRiskJustification ?? "",
      dueDate: threat.dueDate ?? null,
      mitigationKeys: keysOf(threat.mentions),
    });
  }

  for (const category of STRIDE_CATEGORIES) {
    const risk = r.categoryRisk.get(category);
    if (risk) doc.strideAssessments.push({ category, residualRisk: risk.rating, justification: risk.justification });
  }

  for (const scenario of r.scenarios) {
    if (scenario.likelihood === null || scenario.impact === null) {
      r.warn(null, `The attack scenario “${scenario.title}” gives no ${missingLevels(scenario)}; Medium was assumed.`, scenario.line);
    }
    doc.attackScenarios.push({
      title: scenario.title,
      description: scenario.description,
      likelihood: scenario.likelihood ?? "MEDIUM",
      impact: scenario.impact ?? "MEDIUM",
      mitigationKeys: keysOf(scenario.mentions),
    });
  }
  doc.mitigations = mitigations.list;
  r.mitigationOwners.push(...doc.mitigations.map((m) => ownerOfKey.get(m.key) ?? null));

  compareRiskSummary(r, doc);
  if (r.approvalRows > 0) {
    r.warn(
      null,
      `${r.approvalRows === 1 ? "One approval" : `${r.approvalRows} approvals`} in the file ${r.approvalRows === 1 ? "was" : "were"} not imported: approvals are given in ThreatDesk by the reviewers themselves.`,
      r.approvalLine,
    );
  }
  if (r.riskSignOffs > 0) {
    r.warn(
      null,
      `${r.riskSignOffs === 1 ? "One residual-risk sign-off" : `${r.riskSignOffs} residual-risk sign-offs`} in the file ${r.riskSignOffs === 1 ? "was" : "were"} not imported: the risks are proposed again, for a security lead here to accept.`,
      r.riskSignOffLine,
    );
  }
  return doc;
}

function missingLevels(item: { likelihood: Likelihood | null; impact: Impact | null }): string {
  if (item.likelihood === null && item.impact === null) return "likelihood or impact";
  return item.likelihood === null ? "likelihood" : "impact";
}

function titleFromHeading(heading: string | null): string {
  if (!heading?.trim()) return DEFAULT_TITLE;
  const named = /^threat model\s*[:—–-]\s*(.+)$/i.exec(heading.trim());
  if (named && !isPlaceholder(named[1]!)) return heading.trim();
  const cleaned = heading
    .replace(/(?<!\\)\[[^\]]*\]/g, "")
    .replace(/[:—–-]\s*$/, "")
    .trim();
  return cleaned || DEFAULT_TITLE;
}

function compareRiskSummary(r: Reader, doc: ThreatModelDocument) {
  for (const { priority, count, line } of r.riskCounts) {
    const actual = doc.threats.filter((t) => t.priority === priority).length;
    if (actual !== count) {
      r.warn(
        null,
        `The risk summary counts ${count} ${LEVEL_LABELS[priority].toLowerCase()}-priority threat${count === 1 ? "" : "s"}, but the file lists ${actual}; ThreatDesk counts the threats themselves.`,
        line,
      );
    }
  }
}
