"use client";
import {
  ASSET_CLASSIFICATIONS,
  CLASSIFICATION_LABELS,
  EFFECTIVENESS_LEVELS,
  IMPLEMENTATION_STATUSES,
  IMPLEMENTATION_STATUS_LABELS,
  LEVEL_LABELS,
  type AssetClassification,
  type Effectiveness,
  type ImplementationStatus,
} from "@/lib/domain/threat-model";
import { fieldRowSection } from "./row-section";
import { newKey } from "./section-shell";

export type BoundaryRow = { key: string; id?: string; name: string; description: string; crossing: string };
export type AssetRow = { key: string; id?: string; name: string; classification: AssetClassification; compromiseImpact: string };
export type ControlRow = { key: string; id?: string; name: string; status: ImplementationStatus; effectiveness: Effectiveness };
export type InvariantRow = { key: string; id?: string; article: number; topic: string; condition: string; requirement: string };

export const TrustBoundaries = fieldRowSection<BoundaryRow>({
  section: "trust-boundaries",
  addLabel: "Add trust boundary",
  emptyText: "No trust boundaries yet. Typical ones: Internet → API, API → Database, API → third party, Admin → System.",
  itemLabel: (r) => r.name,
  newRow: () => ({ key: newKey(), name: "", description: "", crossing: "" }),
  grid: "grid gap-3 md:grid-cols-3",
  fields: [
    { kind: "text", name: "name", label: "Boundary", placeholder: "Internet → API" },
    { kind: "text", name: "description", label: "Description", placeholder: "Public internet to your API" },
    { kind: "text", name: "crossing", label: "What crosses it", placeholder: "HTTP requests, user input" },
  ],
});

export const Assets = fieldRowSection<AssetRow>({
  section: "assets",
  addLabel: "Add asset",
  emptyText: "No assets yet: passwords, personal data, payment data and session tokens are common ones.",
  itemLabel: (r) => r.name,
  newRow: () => ({ key: newKey(), name: "", classification: "CONFIDENTIAL", compromiseImpact: "" }),
  grid: "grid gap-3 md:grid-cols-[2fr_1fr_2fr]",
  fields: [
    { kind: "text", name: "name", label: "Asset", placeholder: "User passwords" },
    { kind: "choice", name: "classification", label: "Classification", options: ASSET_CLASSIFICATIONS, labels: CLASSIFICATION_LABELS },
    { kind: "text", name: "compromiseImpact", label: "If compromised", placeholder: "Account takeover" },
  ],
});

export const SecurityControls = fieldRowSection<ControlRow>({
  section: "security-controls",
  addLabel: "Add control",
  emptyText: "No security controls listed yet.",
  itemLabel: (r) => r.name,
  newRow: () => ({ key: newKey(), name: "", status: "PLANNED", effectiveness: "MEDIUM" }),
  grid: "grid gap-3 md:grid-cols-[2fr_1fr_1fr]",
  fields: [
    { kind: "text", name: "name", label: "Control", placeholder: "Rate limiting" },
    { kind: "choice", name: "status", label: "Status", options: IMPLEMENTATION_STATUSES, labels: IMPLEMENTATION_STATUS_LABELS },
    { kind: "choice", name: "effectiveness", label: "Effectiveness", options: EFFECTIVENESS_LEVELS, labels: LEVEL_LABELS },
  ],
});

export const SecurityInvariants = fieldRowSection<InvariantRow>({
  section: "security-invariants",
  addLabel: "Add invariant",
  emptyText: "No security invariants yet.",
  itemLabel: (r) => (r.topic ? `Article ${r.article} — ${r.topic}` : `Article ${r.article}`),
  newRow: (rows) => ({ key: newKey(), article: Math.max(0, ...rows.map((r) => Number(r.article) || 0)) + 1, topic: "", condition: "", requirement: "" }),
  grid: "grid gap-3 md:grid-cols-[8rem_1fr]",
  fields: [
    { kind: "number", name: "article", label: "Article" },
    { kind: "text", name: "topic", label: "Topic", placeholder: "Token handling" },
    { kind: "area", name: "condition", label: "WHEN", rows: 2, className: "md:col-span-2", placeholder: "a refresh token is used more than once" },
    {
      kind: "area",
      name: "requirement",
      label: "THE SYSTEM SHALL",
      rows: 2,
      className: "md:col-span-2",
      placeholder: "revoke every token of that session and record a security event",
    },
  ],
});
