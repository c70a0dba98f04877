// The six roles of an organization, most privileged first.
export const ROLES = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

/** What each role is called and what it may do, in people's words (lib/auth/permissions.ts decides it). */
const ROLE_TERMS: Record<Role, { label: string; description: string }> = {
  OWNER: { label: "Owner", description: "Everything, including managing owners." },
  ADMIN: { label: "Admin", description: "Manages members and settings; edits models." },
  SECURITY_LEAD: { label: "Security lead", description: "Reviews models as Security and signs off residual risks." },
  TECH_LEAD: { label: "Tech lead", description: "Reviews models as Tech lead." },
  CONTRIBUTOR: { label: "Contributor", description: "Writes and edits threat models." },
  VIEWER: { label: "Viewer", description: "Reads threat models and the dashboard; changes nothing." },
};

function termOf(term: "label" | "description"): Record<Role, string> {
  return Object.fromEntries(ROLES.map((role) => [role, ROLE_TERMS[role][term]])) as Record<Role, string>;
}

export const ROLE_LABELS = termOf("label");
export const ROLE_DESCRIPTIONS = termOf("description");
