import type { ReactNode } from "react";
import { fromDay } from "@/lib/domain/calendar";
import type { Diagram } from "@/lib/domain/diagram/diagram";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import type { FixBySettings } from "@/lib/domain/sla";
import type { ReviewCapacity } from "@/lib/domain/review";
import { TEMPLATE_SECTIONS, type TemplateSectionId } from "@/lib/domain/team-template";
import type { Impact, ImplementationStatus, Likelihood, Priority, RiskRating, StrideCategory } from "@/lib/domain/threat-model";
import { ArchitectureSection } from "./document/architecture";
import { AssetsSection } from "./document/assets";
import { AttackScenariosSection } from "./document/attack-scenarios";
import { FeatureOverviewSection } from "./document/feature-overview";
import { MitigationsSection } from "./document/mitigations";
import { ResidualRisksSection } from "./document/residual-risks";
import { ReviewApprovalSection } from "./document/review-approval";
import { RiskSummarySection } from "./document/risk-summary";
import type { SectionProps } from "./document/section";
import { SecurityControlsSection } from "./document/security-controls";
import { SecurityInvariantsSection } from "./document/security-invariants";
import { StrideSection } from "./document/stride";
import { TrustBoundariesSection } from "./document/trust-boundaries";

type Linked = { mitigationId: string };

/**
 * What the document view reads: a stored model (ThreatModelDetail fits as it is) or an approved
 * revision's snapshot (see viewOfDocument).
 */
export type ModelViewData = Pick<
  ThreatModelDocument,
  | "featureName"
  | "ownerTeam"
  | "systemDiagramRef"
  | "overview"
  | "scopeIn"
  | "scopeOut"
  | "architecture"
  | "dataFlow"
  | "trustBoundaries"
  | "assets"
  | "strideAssessments"
  | "securityControls"
> & {
  threats: {
    id: string;
    category: StrideCategory;
    title: string;
    description: string;
    attackVectors: string[];
    likelihood: Likelihood;
    impact: Impact;
    priority: Priority;
    priorityOverrideReason: string | null;
    residualRisk: RiskRating | null;
    residualRiskJustification: string;
    mitigations: Linked[];
    elementIds?: string[];
  }[];
  /** The model's data-flow diagrams, read from its rows or a revision's snapshot. */
  drawn?: Diagram[];
  /** Where the saved diagrams download from (…/models/<id>/diagrams). */
  svgBase?: string;
  mitigations: {
    id: string;
    title: string;
    status: ImplementationStatus;
    taskRef: string;
    dueDate: Date | null;
    owner: { name: string } | null;
    threats: unknown[];
    scenarios: unknown[];
  }[];
  attackScenarios: { id: string; title: string; description: string; likelihood: Likelihood; impact: Impact; mitigations: Linked[] }[];
  securityInvariants: { id: string; article: number; topic: string; condition: string; requirement: string }[];
  acceptances: {
    threatTitle: string;
    reason: string;
    riskOwner: string;
    reviewDate: Date;
    status: "PROPOSED" | "ACCEPTED" | "REJECTED";
    decidedBy: { name: string } | null;
    decidedAt: Date | null;
  }[];
  approvals: { capacity: ReviewCapacity; reviewer: { name: string }; decision: "APPROVED" | "CHANGES_REQUESTED"; createdAt: Date }[];
};

const day = fromDay;

/**
 * An approved revision's snapshot as the document view reads it. A snapshot stores the document
 * and its approvals; residual risks in it were part of the approved model, their sign-off state
 * is not (it lives on after approval).
 */
export function viewOfDocument(
  doc: ThreatModelDocument,
  approvals: { capacity: ReviewCapacity; reviewerName: string; at: string }[],
  memberName: (userId: string) => string | undefined,
): ModelViewData {
  const covering = (key: string) => ({
    threats: doc.threats.filter((t) => t.mitigationKeys.includes(key)),
    scenarios: doc.attackScenarios.filter((s) => s.mitigationKeys.includes(key)),
  });
  const links = (keys: string[]) => keys.map((mitigationId) => ({ mitigationId }));
  return {
    ...doc,
    threats: doc.threats.map((t, i) => ({
      ...t,
      id: `t${i}`,
      priorityOverrideReason: t.priorityOverrideReason ?? null,
      residualRisk: t.residualRisk ?? null,
      residualRiskJustification: t.residualRiskJustification ?? "",
      mitigations: links(t.mitigationKeys),
    })),
    mitigations: doc.mitigations.map((m) => {
      const name = m.ownerId ? memberName(m.ownerId) : undefined;
      return { id: m.key, title: m.title, status: m.status, taskRef: m.taskRef, dueDate: day(m.dueDate), owner: name ? { name } : null, ...covering(m.key) };
    }),
    attackScenarios: doc.attackScenarios.map((s, i) => ({ ...s, id: `s${i}`, mitigations: links(s.mitigationKeys) })),
    securityInvariants: doc.securityInvariants.map((v) => ({ ...v, id: `a${v.article}` })),
    drawn: doc.diagrams ?? [],
    acceptances: doc.residualRisks.map((r) => ({ ...r, reviewDate: day(r.reviewDate)!, status: "PROPOSED" as const, decidedBy: null, decidedAt: null })),
    approvals: approvals.map((a) => ({ capacity: a.capacity, reviewer: { name: a.reviewerName }, decision: "APPROVED" as const, createdAt: new Date(a.at) })),
  };
}

/** Each section of the template as the document view shows it. */
const SECTIONS: Record<TemplateSectionId, (props: SectionProps) => ReactNode> = {
  "feature-overview": FeatureOverviewSection,
  architecture: ArchitectureSection,
  "trust-boundaries": TrustBoundariesSection,
  assets: AssetsSection,
  stride: StrideSection,
  "risk-summary": RiskSummarySection,
  mitigations: MitigationsSection,
  "attack-scenarios": AttackScenariosSection,
  "security-controls": SecurityControlsSection,
  "security-invariants": SecurityInvariantsSection,
  "residual-risks": ResidualRisksSection,
  "review-approval": ReviewApprovalSection,
};

/**
 * The whole model, read-only (and as it prints), section by section in the template's order.
 * `mitigations` replaces the mitigations table (an approved model's tracking stays editable there).
 */
export function ModelView({
  model,
  fixBy,
  snapshot = false,
  mitigations,
}: {
  model: ModelViewData;
  fixBy: FixBySettings;
  snapshot?: boolean;
  mitigations?: ReactNode;
}) {
  const props: SectionProps = { model, fixBy, snapshot, mitigations, mitigationById: new Map(model.mitigations.map((m) => [m.id, m])) };
  return (
    <div>
      {TEMPLATE_SECTIONS.map(({ id }) => {
        const View = SECTIONS[id];
        return <View key={id} {...props} />;
      })}
    </div>
  );
}
