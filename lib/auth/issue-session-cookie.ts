import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { sessionCookie } from "./session-cookie";

/**
 * Points the browser's session cookie at a new Session row (after rotation), in the same signed
 * JWT next-auth itself issues, from a server action or route handler. The JWT only names the
 * row; the row is what is checked on every request.
 */
export async function issueSessionCookie(user: { id: string; email: string; name: string }, session: { id: string; expiresAt: Date }) {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  const maxAge = Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.name, sid: session.id }, secret, maxAge });
  const { name, options } = sessionCookie(config.secureCookies());
  (await cookies()).set(name, token, { ...options, maxAge });
}
