import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { headers } from "next/headers";
import { resolveSession, type ResolvedSession } from "@/lib/data/sessions/resolve-session";
import { log } from "@/lib/log";
import { findMembership } from "@/lib/data/organizations/find-membership";
import type { OrgContext, UserContext } from "./context";
import { authOptions } from "./next-auth";
import type { Permission } from "./permissions";
import { can } from "./permissions";
import { requestMeta } from "./request-meta";

/** This request's session: its user, or why it ended. Checked against the Session row every time. */
const currentSession = cache(async (): Promise<{ sessionId: string; resolved: ResolvedSession } | null> => {
  const session = await getServerSession(authOptions);
  const sessionId = session?.sid;
  if (!sessionId) return null;
  const meta = await requestMeta();
  return { sessionId, resolved: await resolveSession(sessionId, meta) };
});

/** The signed-in user of this request, or null. */
export const getCurrentUser = cache(async (): Promise<UserContext | null> => {
  const current = await currentSession();
  const user = current?.resolved.user;
  if (!current || !user) return null;
  return { userId: user.id, email: user.email, name: user.name, sessionId: current.sessionId, meta: await requestMeta() };
});

/** Where a signed-out visitor goes: the sign-in page, told why their session ended when it did. */
async function signInUrl(callbackUrl: string) {
  const ended = (await currentSession())?.resolved.ended;
  const reason = ended && ended !== "unknown" && ended !== "signed-out" ? `&ended=${ended}` : "";
  return `/login?callbackUrl=${encodeURIComponent(callbackUrl)}${reason}`;
}

/** The user's context inside an organization, or null when they are not (or no longer) a member. */
export const getOrgContext = cache(async (slug: string): Promise<OrgContext | null> => {
  const user = await getCurrentUser();
  if (!user) return null;
  const membership = await findMembership(user.userId, slug);
  if (!membership) return null;
  return {
    ...user,
    organizationId: membership.organization.id,
    organizationSlug: membership.organization.slug,
    organizationName: membership.organization.name,
    membershipId: membership.membershipId,
    role: membership.role,
  };
});

// ─── For pages: redirect or 404 instead of throwing ─────────────────────────────────────

export async function requireUserPage(callbackUrl = "/"): Promise<UserContext> {
  const user = await getCurrentUser();
  if (!user) redirect(await signInUrl(callbackUrl));
  return user;
}

/** One log line per page request inside an organization (the layout and the page both ask). */
const logPageRequest = cache(async (ctx: OrgContext | null, userId: string, outcome: "ok" | "not-found") => {
  const path = (await headers()).get("x-request-path");
  log.info("page", { path, requestId: ctx?.meta.requestId, userId, organizationId: ctx?.organizationId, outcome });
});

/** A page inside /[org]: signed-out visitors go to sign-in; non-members and roles without the permission get 404. */
export async function requireOrgPage(slug: string, permission: Permission = "org.read"): Promise<OrgContext> {
  const user = await getCurrentUser();
  if (!user) redirect(await signInUrl(`/${slug}`));
  const ctx = await getOrgContext(slug);
  if (!ctx || !can(ctx.role, permission)) {
    await logPageRequest(ctx, user.userId, "not-found");
    notFound();
  }
  await logPageRequest(ctx, user.userId, "ok");
  return ctx;
}
