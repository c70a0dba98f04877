import type { Role } from "@/lib/domain/roles";
import type { SecondFactorStanding } from "@/lib/domain/second-factor";

/**
 * Where a request came from; recorded with every audit event and log line. `requestId` is always
 * the server's own; `clientRequestId` is the X-Request-Id the client sent, kept only as its claim.
 */
export type RequestMeta = { requestId: string; ip: string | null; userAgent: string | null; clientRequestId?: string | null };

/** A signed-in user, before any organization is chosen. */
export type UserContext = {
  userId: string;
  email: string;
  name: string;
  sessionId: string | null;
  meta: RequestMeta;
  /** What this session has done towards the second factor; absent outside a browser session (the CLI, tests). */
  secondFactor?: SecondFactorStanding;
};

/** A signed-in member acting inside one organization: what every tenant-scoped data function takes. */
export type OrgContext = UserContext & {
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  membershipId: string;
  role: Role;
  /** The organization requires every member to sign in with a second factor. */
  requireMfa: boolean;
};

/** The operator command line: acts on the whole installation, recorded as such in the audit trail. */
export type OperatorContext = { kind: "operator"; actorLabel: string; meta: RequestMeta };
