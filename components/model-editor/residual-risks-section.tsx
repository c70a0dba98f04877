"use client";
import { acceptanceState } from "@/lib/domain/acceptance";
import { Choice } from "./inputs";
import { RowFields, type FieldSpec } from "./row-fields";
import { RowSection, type RowSectionCopy, type RowSectionProps } from "./row-section";
import { newKey } from "./section-shell";
import type { ResidualRiskRow, ThreatRow } from "./state";

const RESIDUAL_RISK_COPY: RowSectionCopy<ResidualRiskRow> = {
  section: "residual-risks",
  addLabel: "Propose a residual risk",
  emptyText: "No residual risks proposed.",
  itemLabel: (r) => r.threatTitle,
  newRow: () => ({ key: newKey(), threatId: null, threatTitle: "", reason: "", riskOwner: "", reviewDate: "" }),
};

const THREAT_AS_WRITTEN: FieldSpec<ResidualRiskRow>[] = [{ kind: "text", name: "threatTitle", label: "Threat as written" }];
const REASON: FieldSpec<ResidualRiskRow>[] = [
  { kind: "area", name: "reason", label: "Why accepted", rows: 2, placeholder: "The business reason for accepting the risk" },
];
const OWNER_AND_REVIEW: FieldSpec<ResidualRiskRow>[] = [
  { kind: "text", name: "riskOwner", label: "Risk owner", placeholder: "A role, e.g. Payments tech lead" },
  { kind: "date", name: "reviewDate", label: "Review date" },
];

export function ResidualRisks({
  threats,
  today,
  ...props
}: RowSectionProps<ResidualRiskRow> & {
  threats: ThreatRow[];
  /** The server's calendar day (UTC), never the browser's: an acceptance's state depends on it. */
  today: string;
}) {
  const savedThreats = threats.filter((t) => t.id && t.title.trim());
  return (
    <RowSection<ResidualRiskRow>
      {...props}
      copy={RESIDUAL_RISK_COPY}
      render={(r, update, err) => (
        <div className="space-y-3">
          <div className="grid gap-3 md:grid-cols-2">
            <Choice
              label="Threat"
              value={r.threatId}
              options={savedThreats.map((t) => t.id!)}
              labels={Object.fromEntries(savedThreats.map((t) => [t.id!, t.title]))}
              emptyLabel="A threat not listed above"
              onChange={(threatId) => update({ threatId, threatTitle: threatId ? savedThreats.find((t) => t.id === threatId)!.title : r.threatTitle })}
            />
            <RowFields fields={THREAT_AS_WRITTEN} row={r} update={update} err={err} />
          </div>
          <RowFields fields={REASON} row={r} update={update} err={err} />
          <div className="grid gap-3 md:grid-cols-3">
            <RowFields className="contents" fields={OWNER_AND_REVIEW} row={r} update={update} err={err} />
            <p className="self-end pb-2 text-xs text-slate-600">
              Sign-off:{" "}
              {r.status === "ACCEPTED"
                ? acceptanceState({ status: "ACCEPTED", reviewDate: r.reviewDate }, today) === "expired"
                  ? `expired: accepted by ${r.decidedBy ?? "a security lead"} until ${r.reviewDate}, open again until renewed`
                  : `accepted by ${r.decidedBy ?? "a security lead"}`
                : r.status === "REJECTED"
                  ? `rejected by ${r.decidedBy ?? "a security lead"}`
                  : "awaiting a security lead"}
            </p>
          </div>
        </div>
      )}
    />
  );
}
