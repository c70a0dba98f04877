import type { Role } from "@/lib/domain/roles";

// The demo organization's people: one per role.
export const DEMO_ORGANIZATION = { name: "Acme", slug: "acme" };

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "owner@acme.test", name: "Olivia Owner", role: "OWNER" },
  { email: "admin@acme.test", name: "Adam Admin", role: "ADMIN" },
  { email: "security@acme.test", name: "Sam Security", role: "SECURITY_LEAD" },
  { email: "techlead@acme.test", name: "Tara Techlead", role: "TECH_LEAD" },
  { email: "contributor@acme.test", name: "Carl Contributor", role: "CONTRIBUTOR" },
  { email: "viewer@acme.test", name: "Vera Viewer", role: "VIEWER" },
];
