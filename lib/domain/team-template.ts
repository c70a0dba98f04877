// The team's threat-model template (shared/seeds/003, "Threat Model: [Feature/Component Name]")
// as starting data. Only the rows the template fills in with real examples are taken: its four
// trust boundaries and four assets. Everything written as a placeholder ("[Other assets]",
// "[threat]", "[N]", "T-[NNN]", the "[Your Service]" diagram) is left out, because a stored
// placeholder reads as a finished answer in lists, exports and reviews. Threat rows come from
// the threat library, not from here.
import { emptyDocument, type ThreatModelDocument } from "./model-document";

export const TEMPLATE_TRUST_BOUNDARIES: ThreatModelDocument["trustBoundaries"] = [
  { name: "Internet → API", description: "Public internet to your API", crossing: "HTTP requests, user input" },
  { name: "API → Database", description: "Application to data store", crossing: "SQL queries, connection string" },
  { name: "API → External", description: "Application to third party", crossing: "API calls, webhooks" },
  { name: "Admin → System", description: "Privileged access", crossing: "Admin operations, config changes" },
];

export const TEMPLATE_ASSETS: ThreatModelDocument["assets"] = [
  { name: "User passwords", classification: "RESTRICTED", compromiseImpact: "Account takeover" },
  { name: "User PII (email, name)", classification: "CONFIDENTIAL", compromiseImpact: "Privacy violation, GDPR liability" },
  { name: "Payment data", classification: "RESTRICTED", compromiseImpact: "Financial fraud, PCI-DSS violation" },
  { name: "Session tokens / JWT", classification: "RESTRICTED", compromiseImpact: "Account takeover" },
];

/** A new draft with the template's trust boundaries and assets, for the user to edit. */
export function templateStartDocument(title: string, featureName: string, category: string): ThreatModelDocument {
  return {
    ...emptyDocument(title),
    featureName,
    category,
    // Copies, so a caller that edits the document cannot change the template for the next one.
    trustBoundaries: TEMPLATE_TRUST_BOUNDARIES.map((b) => ({ ...b })),
    assets: TEMPLATE_ASSETS.map((a) => ({ ...a })),
  };
}
