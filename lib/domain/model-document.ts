// A whole threat model as plain data, independent of storage: what the demo seed, duplication,
// import and export all speak. Mitigations are referenced by a document-local key so one
// mitigation can cover several threats and attack scenarios.
import type {
  AssetClassification,
  Effectiveness,
  Impact,
  ImplementationStatus,
  Likelihood,
  Priority,
  RiskRating,
  StrideCategory,
  ThreatModelStatus,
} from "./threat-model";

export type ThreatModelDocument = {
  title: string;
  featureName: string;
  version: string;
  status: ThreatModelStatus;
  ownerTeam: string;
  category: string;
  /** YYYY-MM-DD */
  nextReviewDate: string | null;
  systemDiagramRef: string;
  overview: string;
  scopeIn: string;
  scopeOut: string;
  architecture: string;
  dataFlow: string;
  trustBoundaries: { name: string; description: string; crossing: string }[];
  assets: { name: string; classification: AssetClassification; compromiseImpact: string }[];
  threats: {
    category: StrideCategory;
    title: string;
    description: string;
    attackVectors: string[];
    likelihood: Likelihood;
    impact: Impact;
    priority: Priority;
    priorityOverrideReason?: string | null;
    residualRisk?: RiskRating | null;
    residualRiskJustification?: string;
    /** YYYY-MM-DD, the fix-by date; absent means none is set yet. */
    dueDate?: string | null;
    mitigationKeys: string[];
  }[];
  strideAssessments: { category: StrideCategory; residualRisk: RiskRating; justification: string }[];
  mitigations: {
    key: string;
    title: string;
    description: string;
    status: ImplementationStatus;
    taskRef: string;
    implementedIn: string;
    /** YYYY-MM-DD */
    dueDate: string | null;
    /**
     * The owning member's user id, kept when a model is copied inside its organization. Documents
     * from elsewhere (imports) leave it out; an id that is not a member's is dropped on insert.
     */
    ownerId?: string | null;
  }[];
  attackScenarios: { title: string; description: string; likelihood: Likelihood; impact: Impact; mitigationKeys: string[] }[];
  securityControls: { name: string; status: ImplementationStatus; effectiveness: Effectiveness }[];
  securityInvariants: { article: number; topic: string; condition: string; requirement: string }[];
  residualRisks: {
    threatTitle: string;
    reason: string;
    riskOwner: string;
    reviewDate: string;
    /**
     * Index into `threats` of the threat this risk is about. Absent: matched by `threatTitle`
     * (what a written document can say); null: about no threat row. A copy sets it, because a
     * threat may have been renamed since the risk was proposed, or share its title.
     */
    threatIndex?: number | null;
  }[];
};

/** An empty document with every section present. */
export function emptyDocument(title: string): ThreatModelDocument {
  return {
    title,
    featureName: "",
    version: "0.1.0",
    status: "DRAFT",
    ownerTeam: "",
    category: "",
    nextReviewDate: null,
    systemDiagramRef: "",
    overview: "",
    scopeIn: "",
    scopeOut: "",
    architecture: "",
    dataFlow: "",
    trustBoundaries: [],
    assets: [],
    threats: [],
    strideAssessments: [],
    mitigations: [],
    attackScenarios: [],
    securityControls: [],
    securityInvariants: [],
    residualRisks: [],
  };
}
