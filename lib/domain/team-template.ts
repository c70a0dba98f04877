// The team's threat-model template (shared/seeds/003, "Threat Model: [Feature/Component Name]"):
// its sections, which the editor, the document view (and its print), the Markdown importer and
// exporter all list from here, and its starting data. Only the rows the template fills in with real examples are taken: its four
// trust boundaries and four assets. Everything written as a placeholder ("[Other assets]",
// "[threat]", "[N]", "T-[NNN]", the "[Your Service]" diagram) is left out, because a stored
// placeholder reads as a finished answer in lists, exports and reviews. Threat rows come from
// the threat library, not from here.
import type { ThreatModelDocument } from "./model-document";

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

/**
 * The sections of a threat model, in the template's order and with its numbers: Feature overview
 * through Mitigations are the template's 1 to 7. Attack scenarios and the security controls
 * summary come from the filled-in example (seed 000), which the template lacks; they follow the
 * mitigations they link to, so the template's last three sections are numbered 10 to 12.
 * `title` is what the screen shows, `heading` what the Markdown export writes (the template's own
 * heading), `anchor` the section's id on the page, `guidance` the line that says what it holds.
 */
export const TEMPLATE_SECTIONS = [
  {
    id: "feature-overview",
    number: 1,
    anchor: "overview",
    title: "Feature overview",
    heading: "Feature Overview",
    guidance: "What is being modeled and where the model’s edges are.",
  },
  {
    id: "architecture",
    number: 2,
    anchor: "architecture",
    title: "System architecture",
    heading: "System Architecture for This Feature",
    guidance: "Draw the data flow: who sends data, where it goes, what stores it. Markdown, with ASCII diagrams in fenced code blocks.",
  },
  {
    id: "trust-boundaries",
    number: 3,
    anchor: "trust-boundaries",
    title: "Trust boundaries",
    heading: "Trust Boundaries",
    guidance: "Where data crosses from one level of trust to another, and what crosses.",
  },
  {
    id: "assets",
    number: 4,
    anchor: "assets",
    title: "Assets to protect",
    heading: "Assets to Protect",
    guidance: "What an attacker wants, how it is classified, and what happens if it is compromised.",
  },
  {
    id: "stride",
    number: 5,
    anchor: "stride",
    title: "STRIDE threat analysis",
    heading: "STRIDE Threat Analysis",
    guidance: "For each category: the threats, how likely and how bad, the suggested priority, and the mitigations that cover them.",
  },
  {
    id: "risk-summary",
    number: 6,
    anchor: "risk-summary",
    title: "Risk summary",
    heading: "Risk Summary",
    guidance: "Counted from the threats above; the fix-by rules are the organization’s settings.",
  },
  {
    id: "mitigations",
    number: 7,
    anchor: "mitigations",
    title: "Mitigations",
    heading: "Mitigations Implemented",
    guidance: "Every mitigation once, with its status, task and owner; link it from as many threats and scenarios as it covers.",
  },
  {
    id: "attack-scenarios",
    number: 8,
    anchor: "scenarios",
    title: "Attack scenarios",
    heading: "Attack Scenarios",
    guidance: "How an attack would unfold end to end, how likely it is, and which mitigations stop it.",
  },
  {
    id: "security-controls",
    number: 9,
    anchor: "controls",
    title: "Security controls summary",
    heading: "Security Controls Summary",
    guidance: "The controls in place or planned, and how effective each is.",
  },
  {
    id: "security-invariants",
    number: 10,
    anchor: "invariants",
    title: "Security invariants",
    heading: "Security Invariants Added to CONSTITUTION.md",
    guidance: "Rules the system must always keep, as numbered articles: WHEN a condition, THE SYSTEM SHALL do something.",
  },
  {
    id: "residual-risks",
    number: 11,
    anchor: "residual-risks",
    title: "Residual risks",
    heading: "Residual Risks",
    guidance: "Threats you propose to accept without full mitigation. Each needs a security lead’s sign-off, which comes with the review.",
  },
  {
    id: "review-approval",
    number: 12,
    anchor: "approval",
    title: "Review & approval",
    heading: "Review & Approval",
    guidance: "Approval by a security lead and a tech lead is required before implementing any security-sensitive feature.",
  },
] as const;

export type TemplateSection = (typeof TEMPLATE_SECTIONS)[number];
export type TemplateSectionId = TemplateSection["id"];

export function templateSection(id: TemplateSectionId): TemplateSection {
  return TEMPLATE_SECTIONS.find((s) => s.id === id)!;
}
