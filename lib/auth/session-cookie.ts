/**
 * The session cookie: HttpOnly and SameSite=Lax always; on an https public URL also Secure, with
 * the `__Host-` prefix, which browsers honour only for a Secure, host-only cookie on path "/" (no
 * subdomain or plain-http page can plant or overwrite it). Plain http (local use) cannot carry the
 * prefix: a browser refuses a prefixed cookie that is not Secure.
 */
export function sessionCookie(secure: boolean) {
  return {
    name: secure ? "__Host-next-auth.session-token" : "next-auth.session-token",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** Every name the session cookie has had (next-auth's own `__Secure-` default included), chunks too. */
export const SESSION_COOKIE_NAME = /^(__Secure-|__Host-)?next-auth\.session-token(\.\d+)?$/;
