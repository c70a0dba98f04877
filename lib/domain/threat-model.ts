// The vocabulary of a threat model, as the team's template and example name it. Enum values
// match the database's; labels are what people read in the UI and in exported documents.

export const THREAT_MODEL_STATUSES = ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "ARCHIVED"] as const;
export type ThreatModelStatus = (typeof THREAT_MODEL_STATUSES)[number];
export const THREAT_MODEL_STATUS_LABELS: Record<ThreatModelStatus, string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  ARCHIVED: "Archived",
};

export const STRIDE_CATEGORIES = ["SPOOFING", "TAMPERING", "REPUDIATION", "INFORMATION_DISCLOSURE", "DENIAL_OF_SERVICE", "ELEVATION_OF_PRIVILEGE"] as const;
export type StrideCategory = (typeof STRIDE_CATEGORIES)[number];
export const STRIDE_LABELS: Record<StrideCategory, { letter: string; name: string; question: string }> = {
  SPOOFING: { letter: "S", name: "Spoofing", question: "Can an attacker impersonate something or someone?" },
  TAMPERING: { letter: "T", name: "Tampering", question: "Can an attacker modify data without authorization?" },
  REPUDIATION: { letter: "R", name: "Repudiation", question: "Can an attacker deny performing an action?" },
  INFORMATION_DISCLOSURE: { letter: "I", name: "Information Disclosure", question: "Can an attacker access data they shouldn't?" },
  DENIAL_OF_SERVICE: { letter: "D", name: "Denial of Service", question: "Can an attacker degrade service availability?" },
  ELEVATION_OF_PRIVILEGE: { letter: "E", name: "Elevation of Privilege", question: "Can an attacker gain more access than allowed?" },
};

export const LIKELIHOODS = ["LOW", "MEDIUM", "HIGH"] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];
export const IMPACTS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Impact = (typeof IMPACTS)[number];
export const PRIORITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const RISK_RATINGS = ["VERY_LOW", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];
export const ASSET_CLASSIFICATIONS = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"] as const;
export type AssetClassification = (typeof ASSET_CLASSIFICATIONS)[number];
export const IMPLEMENTATION_STATUSES = ["NOT_STARTED", "PLANNED", "IN_PROGRESS", "IMPLEMENTED"] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];
export const EFFECTIVENESS_LEVELS = ["LOW", "MEDIUM", "HIGH"] as const;
export type Effectiveness = (typeof EFFECTIVENESS_LEVELS)[number];

export const LEVEL_LABELS: Record<Likelihood | Impact | Priority | RiskRating | Effectiveness, string> = {
  VERY_LOW: "Very low",
  LOW: "Low",
  MEDIUM: "Medium",
  HIGH: "High",
  CRITICAL: "Critical",
};
export const CLASSIFICATION_LABELS: Record<AssetClassification, string> = {
  PUBLIC: "Public",
  INTERNAL: "Internal",
  CONFIDENTIAL: "Confidential",
  RESTRICTED: "Restricted",
};
export const IMPLEMENTATION_STATUS_LABELS: Record<ImplementationStatus, string> = {
  NOT_STARTED: "Not started",
  PLANNED: "Planned",
  IN_PROGRESS: "In progress",
  IMPLEMENTED: "Implemented",
};
