import "server-only";
import type { NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { createSession } from "@/lib/data/sessions/create-session";
import { hasSecondFactor } from "@/lib/data/second-factors/has-second-factor";
import { noticeNewDevice } from "@/lib/data/sessions/notice-new-device";
import { revokeSession } from "@/lib/data/sessions/revoke-session";
import { verifyCredentials } from "@/lib/data/accounts/verify-credentials";
import { recordFailedSignIn } from "@/lib/data/lockouts/record-failed-sign-in";
import { recordSuccessfulSignIn } from "@/lib/data/lockouts/record-successful-sign-in";
import { log } from "@/lib/log";
import { ZSignIn } from "@/lib/validation/account";
import { metaFromHeaders } from "./request-meta";
import { sessionCookie } from "./session-cookie";

/** The Session row the request's session cookie names, or null (none, or not one this installation signed). */
async function sessionIdOfCookie(cookieHeader: unknown): Promise<string | null> {
  if (typeof cookieHeader !== "string" || !process.env.NEXTAUTH_SECRET) return null;
  const name = sessionCookie(config.secureCookies()).name;
  const value = cookieHeader
    .split(/;\s*/)
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  if (!value) return null;
  const token = await decode({ token: decodeURIComponent(value), secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  return typeof token?.sid === "string" ? token.sid : null;
}

/* eslint-disable @typescript-eslint/consistent-type-definitions -- module augmentation needs interfaces */
declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    sid?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

// The cookie is a signed JWT that only names a Session row; the row is checked on every request
// (lib/auth/session.ts), so signing out or revoking ends access on every instance at once.
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: config.sessionHours() * 3600 },
  useSecureCookies: config.secureCookies(),
  cookies: { sessionToken: sessionCookie(config.secureCookies()) },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const meta = metaFromHeaders(new Headers((req?.headers ?? {}) as Record<string, string>));
        const parsed = ZSignIn.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await verifyCredentials(parsed.data.email, parsed.data.password);
        if (!user) {
          const { failures } = await recordFailedSignIn(parsed.data.email, meta);
          log.info("auth.sign-in-failed", { requestId: meta.requestId, ip: meta.ip, failures });
          return null;
        }
        // Locked by a failure that raced this attempt: refused like a wrong password.
        if (!(await recordSuccessfulSignIn(user.email)).allowed) {
          log.info("auth.sign-in-locked", { requestId: meta.requestId, ip: meta.ip, userId: user.id });
          return null;
        }
        // This browser's earlier session (another account's, or its own) ends: its cookie is replaced now.
        const previous = await sessionIdOfCookie(req?.headers?.cookie);
        if (previous) await revokeSession(previous);
        // With a second factor, the password opens only the second step (lib/auth/session.ts).
        const session = await createSession(user.id, meta, new Date(), { secondFactorDue: await hasSecondFactor(user.id) });
        void noticeNewDevice(user, session.id, meta).catch((error: unknown) => log.error("auth.new-device-notice-failed", { userId: user.id, error }));
        log.info("auth.signed-in", { requestId: meta.requestId, userId: user.id });
        return { id: user.id, email: user.email, name: user.name, sid: session.id };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      session.sid = token.sid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) await revokeSession(token.sid);
    },
  },
};
