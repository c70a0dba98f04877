// How the template and real files write the model's vocabulary, read back into enum values.
// Each reader works on one short string (a cell, a label's value), never on the whole file.
import { isCalendarDay } from "../calendar";
import {
  STRIDE_CATEGORIES,
  STRIDE_LABELS,
  type AssetClassification,
  type Effectiveness,
  type Impact,
  type ImplementationStatus,
  type Likelihood,
  type Priority,
  type RiskRating,
  type StrideCategory,
  type ThreatModelStatus,
} from "../threat-model";

export const STATUS_MARKERS: Record<ImplementationStatus, string> = {
  IMPLEMENTED: "✅",
  IN_PROGRESS: "🔄",
  PLANNED: "📋",
  NOT_STARTED: "⬜",
};

const MARKER_STATUS: Record<string, ImplementationStatus> = {
  "✅": "IMPLEMENTED",
  "✔": "IMPLEMENTED",
  "✔️": "IMPLEMENTED",
  "☑️": "IMPLEMENTED",
  "🔄": "IN_PROGRESS",
  "🚧": "IN_PROGRESS",
  "⏳": "IN_PROGRESS",
  "📋": "PLANNED",
  "🗓️": "PLANNED",
  "⬜": "NOT_STARTED",
  "❌": "NOT_STARTED",
};

/** Words, lower-cased with spaces for underscores and dashes. */
function words(text: string): string {
  return text.replace(/[*_`]/g, " ").replace(/[-–—]/g, " ").replace(/\s+/g, " ").trim().toLowerCase();
}

const STATUS_WORDS: [RegExp, ImplementationStatus][] = [
  [/^(not started|not yet started|none|open|missing|no)$/, "NOT_STARTED"],
  [/^(in progress|wip|ongoing|started|partial|partially implemented)$/, "IN_PROGRESS"],
  [/^(planned|todo|to do|backlog|scheduled)$/, "PLANNED"],
  [/^(implemented|done|complete|completed|yes|in place|active)$/, "IMPLEMENTED"],
];

export function implementationStatusWord(text: string): ImplementationStatus | null {
  const w = words(text);
  for (const [pattern, status] of STATUS_WORDS) if (pattern.test(w)) return status;
  return null;
}

/** A leading status marker (✅ 🔄 📋) and the text after it. */
export function splitStatusMarker(text: string): { marker: ImplementationStatus | null; rest: string } {
  const trimmed = text.trimStart();
  for (const [marker, status] of Object.entries(MARKER_STATUS)) {
    if (trimmed.startsWith(marker))
      return {
        marker: status,
        rest: trimmed
          .slice(marker.length)
          .replace(/^\uFE0F/, "")
          .trimStart(),
      };
  }
  return { marker: null, rest: text };
}

/** "✅ Implemented", "NOT_STARTED", "In Progress": the status a cell states, null when it states none. */
export function readImplementationStatus(text: string): ImplementationStatus | null {
  const { marker, rest } = splitStatusMarker(text);
  return implementationStatusWord(rest) ?? marker;
}

/**
 * A mitigation as a list item or cell: "🔄 DDoS protection (CDN, planned)" is the planned
 * mitigation "DDoS protection (CDN)". The words in the trailing parentheses win over the marker,
 * as the example writes "🔄 Device trust (planned)" for something not yet started.
 */
export function readMitigationMention(text: string): { title: string; fullTitle: string; status: ImplementationStatus | null } {
  const { marker, rest } = splitStatusMarker(text);
  const fullTitle = rest.trim();
  const paren = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(fullTitle);
  if (paren) {
    const parts = paren[2]!.split(",").map((p) => p.trim());
    const statusIndex = parts.findIndex((p) => implementationStatusWord(p) !== null);
    if (statusIndex >= 0) {
      const status = implementationStatusWord(parts[statusIndex]!);
      const remaining = parts.filter((_, i) => i !== statusIndex);
      const title = remaining.length ? `${paren[1]} (${remaining.join(", ")})` : paren[1]!;
      return { title: title.trim(), fullTitle, status };
    }
  }
  return { title: fullTitle, fullTitle, status: marker };
}

const LEVELS: Record<string, "VERY_LOW" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL"> = {
  "very low": "VERY_LOW",
  vl: "VERY_LOW",
  negligible: "VERY_LOW",
  minimal: "VERY_LOW",
  l: "LOW",
  low: "LOW",
  m: "MEDIUM",
  med: "MEDIUM",
  medium: "MEDIUM",
  moderate: "MEDIUM",
  h: "HIGH",
  high: "HIGH",
  c: "CRITICAL",
  crit: "CRITICAL",
  critical: "CRITICAL",
};

function level(text: string) {
  return (
    LEVELS[
      words(text)
        .replace(/[()[\].:🔴🟠🟡🟢]/gu, "")
        .trim()
    ] ?? null
  );
}

export function readLikelihood(text: string): Likelihood | null {
  const l = level(text);
  if (l === "VERY_LOW") return "LOW";
  if (l === "CRITICAL") return "HIGH";
  return l;
}
export function readImpact(text: string): Impact | null {
  const l = level(text);
  return l === "VERY_LOW" ? "LOW" : l;
}
export function readPriority(text: string): Priority | null {
  const l = level(text);
  return l === "VERY_LOW" ? "LOW" : l;
}
export function readRiskRating(text: string): RiskRating | null {
  return level(text);
}
export function readEffectiveness(text: string): Effectiveness | null {
  const l = level(text);
  if (l === "VERY_LOW") return "LOW";
  if (l === "CRITICAL") return "HIGH";
  return l;
}

const CLASSIFICATIONS: Record<string, AssetClassification> = {
  public: "PUBLIC",
  internal: "INTERNAL",
  "internal only": "INTERNAL",
  confidential: "CONFIDENTIAL",
  sensitive: "CONFIDENTIAL",
  restricted: "RESTRICTED",
  secret: "RESTRICTED",
  "highly confidential": "RESTRICTED",
};
export function readClassification(text: string): AssetClassification | null {
  return CLASSIFICATIONS[words(text)] ?? null;
}

const MODEL_STATUSES: [RegExp, ThreatModelStatus][] = [
  [/^(draft|wip|work in progress|new)$/, "DRAFT"],
  [/^(in review|review|under review|pending review|pending|submitted)$/, "IN_REVIEW"],
  [/^(changes requested|changes needed|needs changes|rejected)$/, "CHANGES_REQUESTED"],
  [/^(approved|signed off|accepted)$/, "APPROVED"],
  [/^(archived|deprecated|retired|superseded|obsolete)$/, "ARCHIVED"],
];
export function readModelStatus(text: string): ThreatModelStatus | null {
  const w = words(text);
  for (const [pattern, status] of MODEL_STATUSES) if (pattern.test(w)) return status;
  return null;
}

/** "1.4 Information Disclosure", "Spoofing (S) — Can an attacker…?", "DoS": the STRIDE category named. */
export function readStrideCategory(heading: string): StrideCategory | null {
  const w = words(stripNumbering(heading).split(/[—–:]|\s-\s|\(/)[0] ?? "");
  if (!w) return null;
  for (const category of STRIDE_CATEGORIES) {
    const label = STRIDE_LABELS[category];
    if (w === label.name.toLowerCase() || w === category.toLowerCase().replace(/_/g, " ")) return category;
  }
  if (w === "dos" || w === "denial of service dos") return "DENIAL_OF_SERVICE";
  if (w === "eop" || w === "privilege escalation") return "ELEVATION_OF_PRIVILEGE";
  if (w === "info disclosure") return "INFORMATION_DISCLOSURE";
  return null;
}

/** "5. ", "1.2 ", "2.3) " at the start of a heading. */
export function stripNumbering(heading: string): string {
  return heading.replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Z][.)])\s+/, "");
}

/** The first YYYY-MM-DD in a short string that is a real calendar date. */
export function readIsoDate(text: string): string | null {
  const match = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return null;
  return isCalendarDay(match[0]) ? match[0] : null;
}

/**
 * Template guidance: "[Name from PRD.md]", "T-[NNN]", "[APPROVED / PENDING]". Judged on the
 * cell's source, so "\[WIP\]" (brackets someone escaped to mean them) is text.
 */
export function isPlaceholder(rawSource: string): boolean {
  const unbracketed = rawSource.replace(/(?<!\\)\[[^\]]*\]/g, "");
  if (unbracketed.length === rawSource.length) return false;
  return unbracketed.replace(/[\s\-–—:/#.,|*_`()]/g, "").length <= 2;
}

/** An empty value written as a dash. */
export function isDash(text: string): boolean {
  return /^\s*[-–—]?\s*$/.test(text);
}
