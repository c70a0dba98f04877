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
import { RowList } from "./row-list";
import { SectionShell, newKey, rowErrors } from "./section-shell";
import type { SectionStatus } from "./use-autosave";

type SetRows<R> = (update: (rows: R[]) => R[]) => void;
export type BoundaryRow = { key: string; id?: string; name: string; description: string; crossing: string };
export type AssetRow = { key: string; id?: string; name: string; classification: AssetClassification; compromiseImpact: string };
export type ControlRow = { key: string; id?: string; name: string; status: ImplementationStatus; effectiveness: Effectiveness };
export type InvariantRow = { key: string; id?: string; article: number; topic: string; condition: string; requirement: string };

export function TrustBoundaries({ rows, setRows, status, disabled }: { rows: BoundaryRow[]; setRows: SetRows<BoundaryRow>; status: SectionStatus; disabled?: boolean }) {
  return (
    <SectionShell section="trust-boundaries" status={status}>
      <RowList<BoundaryRow>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel="Add trust boundary"
        emptyText="No trust boundaries yet. Typical ones: Internet → API, API → Database, API → third party, Admin → System."
        itemLabel={(r) => r.name}
        newRow={() => ({ key: newKey(), name: "", description: "", crossing: "" })}
        render={(row, index, update) => {
          const err = rowErrors(status, index);
          return (
            <div className="grid gap-3 md:grid-cols-3">
              <TextInput label="Boundary" value={row.name} onChange={(name) => update({ name })} placeholder="Internet → API" error={err.name} />
              <TextInput label="Description" value={row.description} onChange={(description) => update({ description })} placeholder="Public internet to your API" error={err.description} />
              <TextInput label="What crosses it" value={row.crossing} onChange={(crossing) => update({ crossing })} placeholder="HTTP requests, user input" error={err.crossing} />
            </div>
          );
        }}
      />
    </SectionShell>
  );
}

export function Assets({ rows, setRows, status, disabled }: { rows: AssetRow[]; setRows: SetRows<AssetRow>; status: SectionStatus; disabled?: boolean }) {
  return (
    <SectionShell section="assets" status={status}>
      <RowList<AssetRow>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel="Add asset"
        emptyText="No assets yet: passwords, personal data, payment data and session tokens are common ones."
        itemLabel={(r) => r.name}
        newRow={() => ({ key: newKey(), name: "", classification: "CONFIDENTIAL", compromiseImpact: "" })}
        render={(row, index, update) => {
          const err = rowErrors(status, index);
          return (
            <div className="grid gap-3 md:grid-cols-[2fr_1fr_2fr]">
              <TextInput label="Asset" value={row.name} onChange={(name) => update({ name })} placeholder="User passwords" error={err.name} />
              <Choice label="Classification" value={row.classification} options={ASSET_CLASSIFICATIONS} labels={CLASSIFICATION_LABELS} onChange={(v) => v && update({ classification: v })} error={err.classification} />
              <TextInput label="If compromised" value={row.compromiseImpact} onChange={(compromiseImpact) => update({ compromiseImpact })} placeholder="Account takeover" error={err.compromiseImpact} />
            </div>
          );
        }}
      />
    </SectionShell>
  );
}

export function SecurityControls({ rows, setRows, status, disabled }: { rows: ControlRow[]; setRows: SetRows<ControlRow>; status: SectionStatus; disabled?: boolean }) {
  return (
    <SectionShell section="security-controls" status={status}>
      <RowList<ControlRow>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel="Add control"
        emptyText="No security controls listed yet."
        itemLabel={(r) => r.name}
        newRow={() => ({ key: newKey(), name: "", status: "PLANNED", effectiveness: "MEDIUM" })}
        render={(row, index, update) => {
          const err = rowErrors(status, index);
          return (
            <div className="grid gap-3 md:grid-cols-[2fr_1fr_1fr]">
              <TextInput label="Control" value={row.name} onChange={(name) => update({ name })} placeholder="Rate limiting" error={err.name} />
              <Choice label="Status" value={row.status} options={IMPLEMENTATION_STATUSES} labels={IMPLEMENTATION_STATUS_LABELS} onChange={(v) => v && update({ status: v })} error={err.status} />
              <Choice label="Effectiveness" value={row.effectiveness} options={EFFECTIVENESS_LEVELS} labels={LEVEL_LABELS} onChange={(v) => v && update({ effectiveness: v })} error={err.effectiveness} />
            </div>
          );
        }}
      />
    </SectionShell>
  );
}

export function SecurityInvariants({ rows, setRows, status, disabled }: { rows: InvariantRow[]; setRows: SetRows<InvariantRow>; status: SectionStatus; disabled?: boolean }) {
  return (
    <SectionShell section="security-invariants" status={status}>
      <RowList<InvariantRow>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel="Add invariant"
        emptyText="No security invariants yet."
        itemLabel={(r) => (r.topic ? `Article ${r.article} — ${r.topic}` : `Article ${r.article}`)}
        newRow={() => ({ key: newKey(), article: Math.max(0, ...rows.map((r) => Number(r.article) || 0)) + 1, topic: "", condition: "", requirement: "" })}
        render={(row, index, update) => {
          const err = rowErrors(status, index);
          return (
            <div className="grid gap-3 md:grid-cols-[8rem_1fr]">
              <TextInput label="Article" type="number" value={String(row.article)} onChange={(v) => update({ article: v === "" ? 0 : Number(v) })} error={err.article} />
              <TextInput label="Topic" value={row.topic} onChange={(topic) => update({ topic })} placeholder="Token handling" error={err.topic} />
              <TextArea className="md:col-span-2" rows={2} label="WHEN" value={row.condition} onChange={(condition) => update({ condition })} placeholder="a refresh token is used more than once" error={err.condition} />
              <TextArea className="md:col-span-2" rows={2} label="THE SYSTEM SHALL" value={row.requirement} onChange={(requirement) => update({ requirement })} placeholder="revoke every token of that session and record a security event" error={err.requirement} />
            </div>
          );
        }}
      />
    </SectionShell>
  );
}
