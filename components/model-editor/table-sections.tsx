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
import { Choice, TextArea, TextInput } from "./inputs";
import { RowSection, type RowSectionCopy, type RowSectionProps } from "./row-section";
import { newKey } from "./section-shell";

export type BoundaryRow = { key: string; id?: string; name: string; description: string; crossing: string };
export type AssetRow = { key: string; id?: string; name: string; classification: AssetClassification; compromiseImpact: string };
export type ControlRow = { key: string; id?: string; name: string; status: ImplementationStatus; effectiveness: Effectiveness };
export type InvariantRow = { key: string; id?: string; article: number; topic: string; condition: string; requirement: string };

const BOUNDARY_COPY: RowSectionCopy<BoundaryRow> = {
  section: "trust-boundaries",
  addLabel: "Add trust boundary",
  emptyText: "No trust boundaries yet. Typical ones: Internet → API, API → Database, API → third party, Admin → System.",
  itemLabel: (r) => r.name,
  newRow: () => ({ key: newKey(), name: "", description: "", crossing: "" }),
};
const ASSET_COPY: RowSectionCopy<AssetRow> = {
  section: "assets",
  addLabel: "Add asset",
  emptyText: "No assets yet: passwords, personal data, payment data and session tokens are common ones.",
  itemLabel: (r) => r.name,
  newRow: () => ({ key: newKey(), name: "", classification: "CONFIDENTIAL", compromiseImpact: "" }),
};
const CONTROL_COPY: RowSectionCopy<ControlRow> = {
  section: "security-controls",
  addLabel: "Add control",
  emptyText: "No security controls listed yet.",
  itemLabel: (r) => r.name,
  newRow: () => ({ key: newKey(), name: "", status: "PLANNED", effectiveness: "MEDIUM" }),
};
const INVARIANT_COPY: RowSectionCopy<InvariantRow> = {
  section: "security-invariants",
  addLabel: "Add invariant",
  emptyText: "No security invariants yet.",
  itemLabel: (r) => (r.topic ? `Article ${r.article} — ${r.topic}` : `Article ${r.article}`),
  newRow: (rows) => ({ key: newKey(), article: Math.max(0, ...rows.map((r) => Number(r.article) || 0)) + 1, topic: "", condition: "", requirement: "" }),
};

export function TrustBoundaries(props: RowSectionProps<BoundaryRow>) {
  return (
    <RowSection<BoundaryRow>
      {...props}
      copy={BOUNDARY_COPY}
      render={(row, update, err) => (
        <div className="grid gap-3 md:grid-cols-3">
          <TextInput label="Boundary" value={row.name} onChange={(name) => update({ name })} placeholder="Internet → API" error={err.name} />
          <TextInput
            label="Description"
            value={row.description}
            onChange={(description) => update({ description })}
            placeholder="Public internet to your API"
            error={err.description}
          />
          <TextInput
            label="What crosses it"
            value={row.crossing}
            onChange={(crossing) => update({ crossing })}
            placeholder="HTTP requests, user input"
            error={err.crossing}
          />
        </div>
      )}
    />
  );
}

export function Assets(props: RowSectionProps<AssetRow>) {
  return (
    <RowSection<AssetRow>
      {...props}
      copy={ASSET_COPY}
      render={(row, update, err) => (
        <div className="grid gap-3 md:grid-cols-[2fr_1fr_2fr]">
          <TextInput label="Asset" value={row.name} onChange={(name) => update({ name })} placeholder="User passwords" error={err.name} />
          <Choice
            label="Classification"
            value={row.classification}
            options={ASSET_CLASSIFICATIONS}
            labels={CLASSIFICATION_LABELS}
            onChange={(v) => v && update({ classification: v })}
            error={err.classification}
          />
          <TextInput
            label="If compromised"
            value={row.compromiseImpact}
            onChange={(compromiseImpact) => update({ compromiseImpact })}
            placeholder="Account takeover"
            error={err.compromiseImpact}
          />
        </div>
      )}
    />
  );
}

export function SecurityControls(props: RowSectionProps<ControlRow>) {
  return (
    <RowSection<ControlRow>
      {...props}
      copy={CONTROL_COPY}
      render={(row, update, err) => (
        <div className="grid gap-3 md:grid-cols-[2fr_1fr_1fr]">
          <TextInput label="Control" value={row.name} onChange={(name) => update({ name })} placeholder="Rate limiting" error={err.name} />
          <Choice
            label="Status"
            value={row.status}
            options={IMPLEMENTATION_STATUSES}
            labels={IMPLEMENTATION_STATUS_LABELS}
            onChange={(v) => v && update({ status: v })}
            error={err.status}
          />
          <Choice
            label="Effectiveness"
            value={row.effectiveness}
            options={EFFECTIVENESS_LEVELS}
            labels={LEVEL_LABELS}
            onChange={(v) => v && update({ effectiveness: v })}
            error={err.effectiveness}
          />
        </div>
      )}
    />
  );
}

export function SecurityInvariants(props: RowSectionProps<InvariantRow>) {
  return (
    <RowSection<InvariantRow>
      {...props}
      copy={INVARIANT_COPY}
      render={(row, update, err) => (
        <div className="grid gap-3 md:grid-cols-[8rem_1fr]">
          <TextInput
            label="Article"
            type="number"
            value={String(row.article)}
            onChange={(v) => update({ article: v === "" ? 0 : Number(v) })}
            error={err.article}
          />
          <TextInput label="Topic" value={row.topic} onChange={(topic) => update({ topic })} placeholder="Token handling" error={err.topic} />
          <TextArea
            className="md:col-span-2"
            rows={2}
            label="WHEN"
            value={row.condition}
            onChange={(condition) => update({ condition })}
            placeholder="a refresh token is used more than once"
            error={err.condition}
          />
          <TextArea
            className="md:col-span-2"
            rows={2}
            label="THE SYSTEM SHALL"
            value={row.requirement}
            onChange={(requirement) => update({ requirement })}
            placeholder="revoke every token of that session and record a security event"
            error={err.requirement}
          />
        </div>
      )}
    />
  );
}
