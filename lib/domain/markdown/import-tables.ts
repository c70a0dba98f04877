// The template's tables, read by their header cells: trust boundaries, assets, controls, the risk
// summary, mitigation tracking, residual risks and approvals.
import type { Table, TableCell } from "mdast";
import { LEVEL_LABELS, type ImplementationStatus } from "../threat-model";
import type { Reader } from "./import-reader";
import { cellItems, cellSource, inlineText } from "./syntax";
import { isDash, isPlaceholder, readClassification, readEffectiveness, readImplementationStatus, readIsoDate, readPriority } from "./vocabulary";

// ─── Tables ─────────────────────────────────────────────────────────────────────────────

type Column<K extends string> = { key: K; match: RegExp };

/** Maps each header cell to a column key; the first matching pattern wins. */
export function tableColumns<K extends string>(r: Reader, table: Table, columns: Column<K>[]): (K | null)[] {
  const header = table.children[0];
  if (!header) return [];
  return header.children.map((cell) => {
    const text = inlineText(cell.children).toLowerCase().trim();
    return columns.find((c) => c.match.test(text))?.key ?? null;
  });
}

type Row<K extends string> = { get: (key: K) => string; items: (key: K) => string[]; raw: (key: K) => string; line: number | undefined };

/** The data rows, skipping rows whose first cell is empty or a template placeholder. */
export function tableRows<K extends string>(r: Reader, table: Table, columns: (K | null)[]): Row<K>[] {
  const rows: Row<K>[] = [];
  for (const row of table.children.slice(1)) {
    const cells = new Map<K, TableCell>();
    row.children.forEach((cell, i) => {
      const key = columns[i];
      if (key && !cells.has(key)) cells.set(key, cell);
    });
    const first = row.children[0];
    if (!first) continue;
    const firstRaw = cellSource(r.source, first);
    if (!inlineText(first.children).trim() || isPlaceholder(firstRaw)) continue;
    const raw = (key: K) => {
      const cell = cells.get(key);
      return cell ? cellSource(r.source, cell) : "";
    };
    rows.push({
      line: row.position?.start.line,
      raw,
      get: (key) => {
        const cell = cells.get(key);
        if (!cell || isPlaceholder(raw(key)) || isDash(raw(key))) return "";
        return inlineText(cell.children);
      },
      items: (key) => {
        const cell = cells.get(key);
        if (!cell || isPlaceholder(raw(key))) return [];
        return cellItems(cell).filter((item) => !isDash(item));
      },
    });
  }
  return rows;
}

export function requireColumn<K extends string>(r: Reader, table: Table, columns: (K | null)[], key: K, label: string): boolean {
  if (columns.includes(key)) return true;
  r.warn(table, `This table has no “${label}” column; it was not imported.`);
  return false;
}

export function readBoundaries(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "name", match: /boundary|name/ },
    { key: "description", match: /description/ },
    { key: "crossing", match: /cross|flows?|data/ },
  ]);
  if (!requireColumn(r, table, columns, "name", "Boundary")) return;
  for (const row of tableRows(r, table, columns)) {
    r.doc.trustBoundaries.push({ name: row.get("name"), description: row.get("description"), crossing: row.get("crossing") });
  }
}

export function readAssets(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "name", match: /asset|name/ },
    { key: "classification", match: /classification|sensitivity|class/ },
    { key: "impact", match: /compromis|impact|happens/ },
  ]);
  if (!requireColumn(r, table, columns, "name", "Asset")) return;
  for (const row of tableRows(r, table, columns)) {
    const written = row.get("classification");
    let classification = readClassification(written);
    if (!classification) {
      classification = "INTERNAL";
      r.warn(
        null,
        `The classification “${written}” of the asset “${row.get("name")}” is not Public, Internal, Confidential or Restricted; it was imported as Internal.`,
        row.line,
      );
    }
    r.doc.assets.push({ name: row.get("name"), classification, compromiseImpact: row.get("impact") });
  }
}

/** An implementation status as written; an unreadable one is imported as Not started, with a warning. */
function statusOfRow(r: Reader, text: string, what: string, line: number | undefined): ImplementationStatus {
  const status = readImplementationStatus(text);
  if (status) return status;
  if (text.trim())
    r.warn(null, `The status “${text}” of ${what} is not Implemented, In progress, Planned or Not started; it was imported as Not started.`, line);
  return "NOT_STARTED";
}

export function readControls(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "name", match: /control|name/ },
    { key: "status", match: /status|state/ },
    { key: "effectiveness", match: /effective/ },
  ]);
  if (!requireColumn(r, table, columns, "name", "Control")) return;
  for (const row of tableRows(r, table, columns)) {
    const status = statusOfRow(r, row.get("status"), `the control “${row.get("name")}”`, row.line);
    const effectivenessText = row.get("effectiveness");
    let effectiveness = readEffectiveness(effectivenessText);
    if (!effectiveness) {
      effectiveness = "MEDIUM";
      r.warn(
        null,
        `The effectiveness “${effectivenessText}” of the control “${row.get("name")}” is not Low, Medium or High; it was imported as Medium.`,
        row.line,
      );
    }
    r.doc.securityControls.push({ name: row.get("name"), status, effectiveness });
  }
}

export function readRiskSummary(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "priority", match: /priority|severity|level/ },
    { key: "count", match: /count|number|#|threats/ },
  ]);
  for (const row of tableRows(r, table, columns)) {
    const priority = readPriority(row.get("priority"));
    const countText = row.get("count").trim();
    if (!priority || !countText) continue;
    const count = /^\d+$/.test(countText) ? Number(countText) : null;
    if (count === null) {
      r.warn(null, `The risk summary's count “${countText}” for ${LEVEL_LABELS[priority]} is not a number.`, row.line);
      continue;
    }
    r.riskCounts.push({ priority, count, line: row.line });
  }
}

export function readTracking(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "title", match: /^mitigations?\b|^control|^name/ },
    { key: "status", match: /status|state/ },
    { key: "task", match: /task|ticket|issue/ },
    { key: "implementedIn", match: /implemented in|where|release|commit|pr\b/ },
    { key: "due", match: /due|fix by|deadline/ },
    { key: "description", match: /description|notes?|details/ },
    { key: "owner", match: /owner|assignee|responsible/ },
  ]);
  if (!requireColumn(r, table, columns, "title", "Mitigation")) return;
  for (const row of tableRows(r, table, columns)) {
    const status = statusOfRow(r, row.get("status"), `the mitigation “${row.get("title")}”`, row.line);
    const dueText = row.get("due");
    const dueDate = dueText ? readIsoDate(dueText) : null;
    if (dueText && !dueDate) r.warn(null, `The due date “${dueText}” is not a YYYY-MM-DD date; it was not imported.`, row.line);
    r.tracked.push({
      title: row.get("title").trim(),
      description: row.get("description"),
      status,
      taskRef: row.get("task"),
      implementedIn: row.get("implementedIn"),
      dueDate,
      line: row.line,
      owner: row.get("owner").trim(),
    });
  }
}

export function readResidualRisks(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "threat", match: /threat|risk$|^risk\b(?! owner)/ },
    { key: "reason", match: /why|reason|accepted|justification/ },
    { key: "owner", match: /owner/ },
    { key: "review", match: /review|date/ },
    { key: "signOff", match: /sign.?off|decision|decided/ },
  ]);
  if (!requireColumn(r, table, columns, "threat", "Threat")) return;
  for (const row of tableRows(r, table, columns)) {
    // A written sign-off is a record of someone else's decision, never one made here.
    if (/^(accepted|rejected|expired)\b/i.test(row.get("signOff").trim())) {
      r.riskSignOffs++;
      r.riskSignOffLine ??= row.line;
    }
    r.doc.residualRisks.push({ threatTitle: row.get("threat"), reason: row.get("reason"), riskOwner: row.get("owner"), reviewDate: row.get("review") });
  }
}

export function readApprovals(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "role", match: /role/ },
    { key: "name", match: /name|who/ },
  ]);
  for (const row of table.children.slice(1)) {
    // A row is an approval when someone's name is written in it, not the template's "[name]".
    const nameIndex = columns.indexOf("name");
    const cell = nameIndex >= 0 ? row.children[nameIndex] : row.children[1];
    if (cell && inlineText(cell.children).trim() && !isPlaceholder(cellSource(r.source, cell)) && !isDash(inlineText(cell.children))) {
      r.approvalRows++;
      r.approvalLine ??= row.position?.start.line;
    }
  }
}
