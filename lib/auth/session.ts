import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { headers } from "next/headers";
import { resolveSession, type ResolvedSession } from "@/lib/data/sessions/resolve-session";
import type { SessionUser } from "@/lib/data/sessions/session-user";
import { isSessionEnd, sessionEndNotice } from "@/lib/domain/session-policy";
import { config } from "@/lib/config";
import { isStorableText } from "@/lib/domain/text";
import { log } from "@/lib/log";
import { findMembership } from "@/lib/data/organizations/find-membership";
import type { OrgContext, UserContext } from "./context";
import { authOptions } from "./next-auth";
import type { Permission } from "./permissions";
import { can } from "./permissions";
import { requestMeta } from "./request-meta";
import { enrolmentUrl, secondFactorGate } from "./second-factor-gate";

/** This request's session: its user, or why it ended. Checked against the Session row every time. */
const currentSession = cache(async (): Promise<{ sessionId: string; resolved: ResolvedSession } | null> => {
  const session = await getServerSession(authOptions);
  const sessionId = session?.sid;
  if (!sessionId) return null;
  const meta = await requestMeta();
  return { sessionId, resolved: await resolveSession(sessionId, meta) };
});

/**
 * The signed-in user of this request, or null. A session whose password was accepted but whose
 * second factor is still due is not signed in yet: it opens only the second-factor step.
 */
export const getCurrentUser = cache(async (): Promise<UserContext | null> => {
  const current = await currentSession();
  const resolved = current?.resolved;
  if (!current || !resolved?.user || resolved.secondFactor.due) return null;
  const { user, secondFactor } = resolved;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    sessionId: current.sessionId,
    meta: await requestMeta(),
    secondFactor: { enrolled: secondFactor.enrolled, passedAt: secondFactor.passedAt },
  };
});

/** A live session that may give a second factor now: one still due it, or a signed-in one stepping up. */
export type SecondFactorSession = { sessionId: string; user: SessionUser; due: boolean; passedAt: Date | null; enrolled: boolean; expiresAt: Date };

export const getSecondFactorSession = cache(async (): Promise<SecondFactorSession | null> => {
  const current = await currentSession();
  const resolved = current?.resolved;
  if (!current || !resolved?.user) return null;
  return { sessionId: current.sessionId, user: resolved.user, expiresAt: resolved.expiresAt, ...resolved.secondFactor };
});

export function secondFactorUrl(callbackUrl: string) {
  return `/login/second-factor?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}

/** Where a visitor who is not signed in goes: the second-factor step if the password was given, else sign-in (told why a session ended). */
async function signInUrl(callbackUrl: string) {
  const resolved = (await currentSession())?.resolved;
  if (resolved?.user && resolved.secondFactor.due) return secondFactorUrl(callbackUrl);
  const ended = resolved?.ended;
  const reason = ended && isSessionEnd(ended) && sessionEndNotice(ended, { idleMinutes: config.sessionIdleMinutes() }) ? `&ended=${ended}` : "";
  return `/login?callbackUrl=${encodeURIComponent(callbackUrl)}${reason}`;
}

/** Longer than any slug (ZSlug allows 48), short enough to look up. */
const SLUG_LOOKUP_MAX = 100;

/** The user's context inside an organization, or null when they are not (or no longer) a member. */
export const getOrgContext = cache(async (slug: string): Promise<OrgContext | null> => {
  const user = await getCurrentUser();
  // An address no organization can have (a NUL, a broken character, a page of text) is not looked up.
  if (!user || !isStorableText(slug) || slug.length > SLUG_LOOKUP_MAX) return null;
  const membership = await findMembership(user.userId, slug);
  if (!membership) return null;
  return {
    ...user,
    organizationId: membership.organization.id,
    organizationSlug: membership.organization.slug,
    organizationName: membership.organization.name,
    membershipId: membership.membershipId,
    role: membership.role,
    requireMfa: membership.organization.requireMfa,
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
  // An organization that requires a second factor opens only to a session that gave one.
  const gate = secondFactorGate(ctx);
  if (gate === "enrol") redirect(enrolmentUrl(slug));
  if (gate === "verify") redirect(secondFactorUrl((await headers()).get("x-request-path") ?? `/${slug}`));
  await logPageRequest(ctx, user.userId, "ok");
  return ctx;
}
