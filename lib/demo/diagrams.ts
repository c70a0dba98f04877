// The demo models' data-flow diagrams, drawn from what each model says about its system, with
// the threats that sit on an element attached to it. Links to a model's assets and trust
// boundaries go by the document keys that withDiagrams gives those rows.
import { newBoundaryBox, newEntity, newFlow, newProcess, newStore } from "@/lib/domain/diagram/new-items";
import type { ThreatModelDocument } from "@/lib/domain/model-document";

type DocDiagram = NonNullable<ThreatModelDocument["diagrams"]>[number];

/**
 * A document with its diagrams, its asset and trust-boundary rows keyed A1…, B1… (in order) for
 * the diagrams to refer to, and the named threats attached to the items given.
 */
export function withDiagrams(doc: ThreatModelDocument, diagrams: DocDiagram[], onItems: Record<string, string[]>): ThreatModelDocument {
  const titles = new Set(doc.threats.map((t) => t.title));
  for (const title of Object.keys(onItems)) if (!titles.has(title)) throw new Error(`Demo diagram: no threat titled “${title}” in “${doc.title}”.`);
  return {
    ...doc,
    trustBoundaries: doc.trustBoundaries.map((b, i) => ({ key: `B${i + 1}`, ...b })),
    assets: doc.assets.map((a, i) => ({ key: `A${i + 1}`, ...a })),
    threats: doc.threats.map((t) => (onItems[t.title] ? { ...t, elementIds: onItems[t.title] } : t)),
    diagrams,
  };
}

const at = (x: number, y: number) => ({ x, y, width: 150, height: 60 });

/** The authentication service as its threats and controls describe it: sign-in, tokens, sessions, audit. */
export const AUTH_SERVICE_DIAGRAM: DocDiagram = {
  id: "auth-overview",
  name: "Overview",
  elements: [
    newEntity({ id: "auth-user", name: "User", actor: "human", position: at(40, 180) }),
    newProcess({ id: "auth-api", name: "Authentication API", handlesUntrustedInput: true, position: at(320, 180) }),
    newProcess({ id: "auth-tokens", name: "Token service (RS256)", privilege: "admin", position: at(600, 60) }),
    newStore({ id: "auth-users", name: "User database (PostgreSQL)", holdsCredentials: true, encryptedAtRest: true, position: at(600, 300) }),
    newStore({ id: "auth-sessions", name: "Refresh tokens", holdsCredentials: true, position: at(880, 60) }),
    newStore({ id: "auth-audit", name: "Audit log", isLog: true, position: at(880, 300) }),
  ],
  flows: [
    newFlow({
      id: "auth-sign-in",
      from: "auth-user",
      to: "auth-api",
      label: "credentials, MFA code",
      protocol: "HTTPS (TLS 1.3)",
      encrypted: true,
      crossesPublicNetwork: true,
    }),
    newFlow({
      id: "auth-issued",
      from: "auth-api",
      to: "auth-user",
      label: "access and refresh tokens",
      protocol: "HTTPS (TLS 1.3)",
      encrypted: true,
      crossesPublicNetwork: true,
      authenticated: true,
    }),
    newFlow({ id: "auth-sign", from: "auth-api", to: "auth-tokens", label: "token request", protocol: "gRPC (mTLS)", encrypted: true, authenticated: true }),
    newFlow({
      id: "auth-lookup",
      from: "auth-api",
      to: "auth-users",
      label: "tenant-scoped queries",
      protocol: "SQL (sqlx, TLS)",
      encrypted: true,
      authenticated: true,
    }),
    newFlow({
      id: "auth-rotate",
      from: "auth-tokens",
      to: "auth-sessions",
      label: "refresh token hashes",
      protocol: "TLS",
      encrypted: true,
      authenticated: true,
    }),
    newFlow({
      id: "auth-record",
      from: "auth-api",
      to: "auth-audit",
      label: "audit events (append-only)",
      protocol: "TLS",
      encrypted: true,
      authenticated: true,
    }),
  ],
  boundaries: [newBoundaryBox({ id: "auth-internal", name: "Internal network", x: 280, y: 20, width: 790, height: 380 })],
};

export const PAYMENTS_DIAGRAM: DocDiagram = {
  id: "pay-overview",
  name: "Webhook ingestion",
  elements: [
    newEntity({ id: "pay-stripe", name: "Stripe", actor: "system", position: at(40, 160) }),
    newProcess({ id: "pay-receiver", name: "Webhook receiver", handlesUntrustedInput: true, position: at(320, 160), assetIds: ["A1"] }),
    newStore({ id: "pay-queue", name: "Event queue (SQS)", position: at(600, 40) }),
    newProcess({ id: "pay-worker", name: "Webhook worker", position: at(600, 280), assetIds: ["A2"] }),
    newStore({ id: "pay-db", name: "Payments database", encryptedAtRest: true, position: at(880, 280), assetIds: ["A3", "A4"] }),
    newEntity({ id: "pay-ops", name: "Operator", actor: "human", position: at(320, 420) }),
  ],
  flows: [
    newFlow({
      id: "pay-event",
      from: "pay-stripe",
      to: "pay-receiver",
      label: "signed event",
      protocol: "HTTPS",
      encrypted: true,
      crossesPublicNetwork: true,
      authenticated: true,
    }),
    newFlow({ id: "pay-enqueue", from: "pay-receiver", to: "pay-queue", label: "event ID", protocol: "SQS API", encrypted: true, authenticated: true }),
    newFlow({ id: "pay-dequeue", from: "pay-queue", to: "pay-worker", label: "event ID", protocol: "SQS API", encrypted: true, authenticated: true }),
    newFlow({
      id: "pay-ledger",
      from: "pay-worker",
      to: "pay-db",
      label: "order status, ledger rows",
      protocol: "SQL (TLS)",
      encrypted: true,
      authenticated: true,
    }),
    newFlow({
      id: "pay-refetch",
      from: "pay-worker",
      to: "pay-stripe",
      label: "event look-up",
      protocol: "HTTPS",
      encrypted: true,
      crossesPublicNetwork: true,
      authenticated: true,
    }),
    newFlow({
      id: "pay-replay",
      from: "pay-ops",
      to: "pay-worker",
      label: "event replay",
      protocol: "HTTPS (ops console)",
      encrypted: true,
      authenticated: true,
    }),
  ],
  boundaries: [newBoundaryBox({ id: "pay-edge", name: "Internet → Webhook endpoint", trustBoundaryId: "B1", x: 280, y: 0, width: 790, height: 380 })],
};

export const ADMIN_SSO_DIAGRAM: DocDiagram = {
  id: "sso-overview",
  name: "Sign-in",
  elements: [
    newEntity({ id: "sso-admin", name: "Admin browser", actor: "human", position: at(40, 120) }),
    newProcess({ id: "sso-console", name: "Admin console", handlesUntrustedInput: true, privilege: "admin", position: at(320, 120), assetIds: ["A2"] }),
    newEntity({ id: "sso-idp", name: "Identity provider", actor: "system", position: at(600, 20) }),
    newStore({ id: "sso-sessions", name: "Admin sessions", holdsCredentials: true, position: at(600, 240), assetIds: ["A1"] }),
  ],
  flows: [
    newFlow({
      id: "sso-browse",
      from: "sso-admin",
      to: "sso-console",
      label: "session cookie",
      protocol: "HTTPS (TLS 1.3)",
      encrypted: true,
      crossesPublicNetwork: true,
    }),
    newFlow({
      id: "sso-token",
      from: "sso-idp",
      to: "sso-console",
      label: "ID token, group claims",
      protocol: "OIDC over HTTPS",
      encrypted: true,
      crossesPublicNetwork: true,
    }),
    newFlow({ id: "sso-store", from: "sso-console", to: "sso-sessions", label: "admin session", protocol: "SQL (TLS)", encrypted: true, authenticated: true }),
  ],
  boundaries: [newBoundaryBox({ id: "sso-edge", name: "Identity provider → Admin console", trustBoundaryId: "B1", x: 280, y: 90, width: 500, height: 250 })],
};

export const FILE_UPLOADS_DIAGRAM: DocDiagram = {
  id: "files-overview",
  name: "Upload and download",
  elements: [
    newEntity({ id: "files-customer", name: "Customer browser", actor: "human", position: at(40, 120) }),
    newProcess({ id: "files-api", name: "File API", handlesUntrustedInput: true, position: at(320, 120) }),
    newStore({ id: "files-bucket", name: "Object storage bucket", position: at(600, 120), assetIds: ["A1"] }),
  ],
  flows: [
    newFlow({
      id: "files-upload",
      from: "files-customer",
      to: "files-api",
      label: "multipart upload",
      protocol: "HTTPS",
      encrypted: true,
      crossesPublicNetwork: true,
      authenticated: true,
    }),
    newFlow({ id: "files-put", from: "files-api", to: "files-bucket", label: "file object", protocol: "S3 API", encrypted: true, authenticated: true }),
    newFlow({
      id: "files-download",
      from: "files-bucket",
      to: "files-customer",
      label: "signed URL download",
      protocol: "HTTPS",
      encrypted: true,
      crossesPublicNetwork: true,
    }),
  ],
  boundaries: [newBoundaryBox({ id: "files-edge", name: "Internet → API", trustBoundaryId: "B1", x: 280, y: 60, width: 520, height: 200 })],
};
