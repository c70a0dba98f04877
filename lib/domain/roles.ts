// The six roles of an organization, most privileged first.
export const ROLES = ["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  SECURITY_LEAD: "Security lead",
  TECH_LEAD: "Tech lead",
  CONTRIBUTOR: "Contributor",
  VIEWER: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Everything, including managing owners.",
  ADMIN: "Manages members and settings; edits models.",
  SECURITY_LEAD: "Reviews models as Security and signs off residual risks.",
  TECH_LEAD: "Reviews models as Tech lead.",
  CONTRIBUTOR: "Writes and edits threat models.",
  VIEWER: "Reads threat models and the dashboard; changes nothing.",
};
