// Factories for the threat-library integration tests, beside the shared ones in helpers.ts.
import { db } from "@/lib/db/client";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import type { TLibraryEntryInput } from "@/lib/validation/threat-library";
import { richDocument, uid, type TestOrg } from "./helpers";

/** A complete, valid entry input; override what a test cares about. */
export function libraryInput(overrides: Partial<TLibraryEntryInput> = {}): TLibraryEntryInput {
  return {
    category: "TAMPERING",
    title: `Webhook replay ${uid()}`,
    description: "A captured webhook is sent again later.",
    likelihood: "MEDIUM",
    impact: "HIGH",
    mitigation: "Timestamp inside the signature; reject deliveries older than 5 minutes",
    ...overrides,
  };
}

/**
 * A rich model in the organization (richDocument: a Spoofing threat linked to "Rate limiting",
 * a Tampering threat linked to "Rate limiting" and "Key rotation"), with the threats' ids by title.
 */
export async function createModelWithThreats(org: TestOrg, label = "library") {
  const title = `${label} ${org.slug}`;
  const model = await db().$transaction((tx) =>
    insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, richDocument(title)),
  );
  const threats = await db().threat.findMany({ where: { threatModelId: model.id }, select: { id: true, title: true } });
  const idOf = (suffix: string) => threats.find((t) => t.title === `${title}: ${suffix}`)!.id;
  return { modelId: model.id, spoofingThreatId: idOf("credential stuffing"), tamperingThreatId: idOf("token forgery"), title };
}

/** The organization's library rows and audit trail, to compare before and after a refused call. */
export async function snapshotLibrary(organizationId: string) {
  const [entries, auditEvents] = await Promise.all([
    db().threatLibraryEntry.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    db().auditEvent.findMany({ where: { organizationId }, orderBy: { seq: "asc" } }),
  ]);
  return { entries, auditEvents };
}

/** The library events of an organization's audit trail, oldest first. */
export async function libraryAuditEvents(organizationId: string) {
  return db().auditEvent.findMany({
    where: { organizationId, action: { startsWith: "library-entry." } },
    orderBy: { seq: "asc" },
    select: { action: true, actorId: true, targetType: true, targetId: true, summary: true },
  });
}
