import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import type { AuditAction, AuditTargetType } from "@/lib/domain/audit-vocabulary";
import { actedAs, recordAuditEvent } from "../audit";

/**
 * Records an event about an account (a lockout, an unlock, a refused attempt) in every
 * organization the account is a member of, since audit events belong to organizations; in the
 * installation's chain when no account has the email, or it belongs to none.
 */
export async function recordAccountEvent(
  tx: Tx,
  email: string | null,
  actor: { id: string | null; label: string; meta: RequestMeta },
  action: AuditAction,
  target: { type: AuditTargetType; id?: string | null },
  summary: Record<string, unknown>,
): Promise<number> {
  const memberships = email
    ? await tx.membership.findMany({ where: { user: { email } }, select: { organizationId: true }, orderBy: { organizationId: "asc" } })
    : [];
  const chains = memberships.length ? memberships.map((m) => m.organizationId) : [null];
  for (const organizationId of chains) await recordAuditEvent(tx, actedAs(organizationId, actor), action, target, summary);
  return chains.length;
}
