// Factories for the integration tests. The database is shared by every test of the run and is
// never truncated (the audit trail refuses it), so every call builds its own users and
// organization with unique emails and slugs.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, expect, inject } from "vitest";
import type { OperatorContext, OrgContext, RequestMeta, UserContext } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { APPEND_ONLY_TABLES } from "@/lib/domain/database-role";
import { ROLES, type Role } from "@/lib/domain/roles";
import { signUp } from "@/lib/data/accounts/sign-up";
import { operatorAddMember } from "@/lib/data/operator";
import { SafeError } from "@/lib/errors";

export const meta: RequestMeta = { requestId: "test", ip: "127.0.0.1", userAgent: "vitest" };
export const operator: OperatorContext = { kind: "operator", actorLabel: "operator CLI (vitest)", meta };

/** At least 15 characters, as ZNewPassword asks. */
export const PASSWORD = "correct horse battery staple";

/** A short random suffix that makes emails and slugs unique across the run. */
export function uid(): string {
  return randomBytes(5).toString("hex");
}

export type TestUser = { id: string; email: string; name: string };

let sharedHash: Promise<string> | undefined;

/** A user with PASSWORD, written directly (one argon2 hash shared by all, to keep the run fast). */
export async function createUser(label = "user"): Promise<TestUser> {
  sharedHash ??= hashPassword(PASSWORD);
  const suffix = uid();
  return db().user.create({
    data: { email: `${label.toLowerCase()}-${suffix}@example.test`, name: `${label} ${suffix}`, passwordHash: await sharedHash },
    select: { id: true, email: true, name: true },
  });
}

export function userContext(user: TestUser, sessionId: string | null = null): UserContext {
  return { userId: user.id, email: user.email, name: user.name, sessionId, meta };
}

export type TestOrg = {
  id: string;
  slug: string;
  name: string;
  /** One member per role; OWNER is the user who signed up. */
  users: Record<Role, TestUser>;
  ctx: Record<Role, OrgContext>;
};

/**
 * An organization with one member per role: the owner signs up (user + organization + OWNER
 * membership + audit event), the others are added through the operator command's function.
 */
export async function createOrg(label = "org"): Promise<TestOrg> {
  const suffix = uid();
  const ownerEmail = `owner-${suffix}@example.test`;
  const { user: owner, organization } = await signUp(
    { name: `Owner ${suffix}`, email: ownerEmail, password: PASSWORD, organizationName: `${label} ${suffix}`, organizationSlug: `${label}-${suffix}` },
    meta,
  );
  const users = { OWNER: owner } as Record<Role, TestUser>;
  const ctx = {} as Record<Role, OrgContext>;
  const ownerMembership = await db().membership.findUniqueOrThrow({
    where: { organizationId_userId: { organizationId: organization.id, userId: owner.id } },
    select: { id: true },
  });
  ctx.OWNER = orgContext(owner, organization, ownerMembership.id, "OWNER");
  // Grants take effect at once in the suites' organizations, whose members are set up in one go;
  // tests/integration/separation-of-duties.test.ts puts the second-manager default back.
  await db().organization.update({ where: { id: organization.id }, data: { roleGrantsNeedSecondManager: false } });
  for (const role of ROLES.filter((r) => r !== "OWNER")) {
    const user = await createUser(role.toLowerCase().replace("_", "-"));
    const membership = await operatorAddMember(operator, { slug: organization.slug, email: user.email, role });
    users[role] = user;
    ctx[role] = orgContext(user, organization, membership.id, role);
  }
  return { id: organization.id, slug: organization.slug, name: organization.name, users, ctx };
}

export function orgContext(user: TestUser, organization: { id: string; slug: string; name: string }, membershipId: string, role: Role): OrgContext {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    sessionId: null,
    meta,
    organizationId: organization.id,
    organizationSlug: organization.slug,
    organizationName: organization.name,
    membershipId,
    role,
    requireMfa: false,
  };
}

/** Adds another member with the given role (e.g. a second owner) and returns their context. */
export async function addMember(org: TestOrg, role: Role, label = role.toLowerCase()): Promise<OrgContext> {
  const user = await createUser(label);
  const membership = await operatorAddMember(operator, { slug: org.slug, email: user.email, role });
  return orgContext(user, org, membership.id, role);
}

/** A model with a row in every section, for the tenant checks on nested rows. */
export function richDocument(title: string, status: ThreatModelDocument["status"] = "IN_REVIEW"): ThreatModelDocument {
  return {
    title,
    featureName: `${title} feature`,
    version: "1.0.0",
    status,
    ownerTeam: "Security Team",
    category: "Authentication",
    nextReviewDate: "2027-01-31",
    systemDiagramRef: "diagram.png",
    overview: "Overview",
    scopeIn: "In scope",
    scopeOut: "Out of scope",
    architecture: "```\nbrowser -> api\n```",
    dataFlow: "browser to api",
    trustBoundaries: [{ name: "Internet", description: "Public edge", crossing: "HTTP requests" }],
    assets: [{ name: "Password hashes", classification: "RESTRICTED", compromiseImpact: "Account takeover" }],
    threats: [
      {
        category: "SPOOFING",
        title: `${title}: credential stuffing`,
        description: "Reused passwords",
        attackVectors: ["login form"],
        likelihood: "HIGH",
        impact: "HIGH",
        priority: "HIGH",
        mitigationKeys: ["m1"],
      },
      {
        category: "TAMPERING",
        title: `${title}: token forgery`,
        description: "Weak signing key",
        attackVectors: [],
        likelihood: "LOW",
        impact: "CRITICAL",
        priority: "MEDIUM",
        mitigationKeys: ["m1", "m2"],
      },
    ],
    strideAssessments: [{ category: "SPOOFING", residualRisk: "LOW", justification: "Rate limited" }],
    mitigations: [
      { key: "m1", title: "Rate limiting", description: "", status: "IMPLEMENTED", taskRef: "T-1", implementedIn: "v1", dueDate: null },
      { key: "m2", title: "Key rotation", description: "", status: "PLANNED", taskRef: "T-2", implementedIn: "", dueDate: "2027-02-01" },
    ],
    attackScenarios: [{ title: "Botnet login", description: "", likelihood: "MEDIUM", impact: "HIGH", mitigationKeys: ["m1"] }],
    securityControls: [{ name: "WAF", status: "IMPLEMENTED", effectiveness: "MEDIUM" }],
    securityInvariants: [{ article: 1, topic: "Auth", condition: "WHEN a login fails", requirement: "THE SYSTEM SHALL count it" }],
    residualRisks: [{ threatTitle: `${title}: token forgery`, reason: "Accepted for now", riskOwner: "CISO", reviewDate: "2027-03-01" }],
  };
}

const byId = { orderBy: { id: "asc" } } as const;
type OrgScope = { organizationId: string };

/** Each table an organization owns rows in, read in a stable order. */
const ORGANIZATION_ROWS = {
  memberships: (where: OrgScope) => db().membership.findMany({ where, ...byId }),
  invites: (where: OrgScope) => db().invite.findMany({ where, ...byId }),
  threatModels: (where: OrgScope) => db().threatModel.findMany({ where, ...byId }),
  trustBoundaries: (where: OrgScope) => db().trustBoundary.findMany({ where, ...byId }),
  assets: (where: OrgScope) => db().asset.findMany({ where, ...byId }),
  threats: (where: OrgScope) => db().threat.findMany({ where, ...byId }),
  strideAssessments: (where: OrgScope) => db().strideAssessment.findMany({ where, ...byId }),
  mitigations: (where: OrgScope) => db().mitigation.findMany({ where, ...byId }),
  threatMitigations: (where: OrgScope) => db().threatMitigation.findMany({ where, orderBy: [{ threatId: "asc" }, { mitigationId: "asc" }] }),
  attackScenarios: (where: OrgScope) => db().attackScenario.findMany({ where, ...byId }),
  scenarioMitigations: (where: OrgScope) => db().scenarioMitigation.findMany({ where, orderBy: [{ scenarioId: "asc" }, { mitigationId: "asc" }] }),
  securityControls: (where: OrgScope) => db().securityControl.findMany({ where, ...byId }),
  securityInvariants: (where: OrgScope) => db().securityInvariant.findMany({ where, ...byId }),
  acceptances: (where: OrgScope) => db().residualRiskAcceptance.findMany({ where, ...byId }),
  diagrams: (where: OrgScope) => db().diagram.findMany({ where, ...byId }),
  suggestionDismissals: (where: OrgScope) => db().suggestionDismissal.findMany({ where, ...byId }),
  auditEvents: (where: OrgScope) => db().auditEvent.findMany({ where, orderBy: { seq: "asc" } }),
};
type OrganizationRows = { [Table in keyof typeof ORGANIZATION_ROWS]: Awaited<ReturnType<(typeof ORGANIZATION_ROWS)[Table]>> };

/**
 * Everything an organization owns, in a stable order, so two snapshots compare equal exactly
 * when nothing of the organization changed (updatedAt columns included).
 */
export async function snapshotOrg(organizationId: string) {
  const where = { organizationId };
  const [organization, ...rows] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: organizationId } }),
    ...Object.entries(ORGANIZATION_ROWS).map(async ([table, read]) => [table, await read(where)] as const),
  ]);
  return { organization, ...(Object.fromEntries(rows) as OrganizationRows) };
}

/** Organization settings that differ for every n, so each update is a real change. */
export const distinctSettings = (n: number) => ({
  name: `Settings ${n}`,
  fixByDaysHigh: n,
  fixByDaysMedium: 30 + n,
  fixByDaysLow: 60 + n,
  reviewCadenceMonths: 1 + (n % 12),
});

let owner: PrismaClient | undefined;

/**
 * The owner role's connection (it ran the migrations), for what the application's own role may
 * not do: rewriting history behind the triggers' back, as someone with the owner's rights could.
 */
export function ownerDb(): PrismaClient {
  owner ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("ownerDatabaseUrl"), max: 2 }) });
  return owner;
}

/**
 * Runs statements the way someone with the tables' owner's rights could (the application's own
 * role cannot): the append-only tables' own triggers off (the foreign keys' are the superuser's),
 * the statements, triggers on, in one transaction.
 */
export async function rewriteAsOwner(...statements: [sql: string, ...values: unknown[]][]) {
  const client = ownerDb();
  const triggers = (state: "DISABLE" | "ENABLE") => APPEND_ONLY_TABLES.map((table) => client.$executeRawUnsafe(`ALTER TABLE "${table}" ${state} TRIGGER USER`));
  await client.$transaction([...triggers("DISABLE"), ...statements.map(([sql, ...values]) => client.$executeRawUnsafe(sql, ...values)), ...triggers("ENABLE")]);
}

/** Runs one statement as the application in a transaction that is always rolled back, returning its error (or null). */
export function attemptRolledBack(sql: string, ...values: unknown[]): Promise<unknown> {
  return attemptRolledBackAs(db(), sql, ...values);
}

/** The same on another connection (ownerDb()). */
export async function attemptRolledBackAs(client: PrismaClient, sql: string, ...values: unknown[]): Promise<unknown> {
  const rollback = new Error("rollback");
  let caught: unknown = null;
  await client
    .$transaction(async (tx) => {
      try {
        await tx.$executeRawUnsafe(sql, ...values);
      } catch (error) {
        caught = error;
      }
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return caught;
}

/**
 * Organizations made once for a describe block (before its own beforeAll hooks, which run in
 * the order they are registered): the returned objects are filled in place, so a suite can
 * name them as constants.
 */
export function orgsForSuite<Labels extends string[]>(...labels: Labels): { [K in keyof Labels]: TestOrg } {
  const orgs = labels.map(() => ({}) as TestOrg) as { [K in keyof Labels]: TestOrg };
  beforeAll(async () => {
    for (const [i, label] of labels.entries()) Object.assign(orgs[i] as TestOrg, await createOrg(label));
  });
  return orgs;
}

/** Expects the promise to reject with exactly this SafeError subclass (and its code). */
export async function expectSafeError(promise: Promise<unknown>, errorClass: new (...args: never[]) => SafeError, code: SafeError["code"]) {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${errorClass.name} (${code}), but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(errorClass);
  expect((error as SafeError).code).toBe(code);
  return error as SafeError;
}

export function auditActions(organizationId: string) {
  return db()
    .auditEvent.findMany({ where: { organizationId }, orderBy: { seq: "asc" }, select: { seq: true, action: true } })
    .then((rows) => rows.map((r) => r.action));
}

type DocumentThreat = ThreatModelDocument["threats"][number];

/** A threat for a model document inserted as test data: no description or attack vectors. */
export function documentThreat(
  title: string,
  category: DocumentThreat["category"],
  likelihood: DocumentThreat["likelihood"],
  impact: DocumentThreat["impact"],
  priority: DocumentThreat["priority"],
  mitigationKeys: string[] = [],
): DocumentThreat {
  return { category, title, description: "", attackVectors: [], likelihood, impact, priority, mitigationKeys };
}
