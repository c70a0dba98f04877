import { describe, expect, it } from "vitest";
import { SESSION_COOKIE_NAME, sessionCookie } from "./session-cookie";

describe("the session cookie", () => {
  it("on an https public URL is Secure, HttpOnly, SameSite=Lax, host-only with the __Host- prefix", () => {
    const cookie = sessionCookie(true);
    expect(cookie.name).toBe("__Host-next-auth.session-token");
    // What browsers require of a __Host- cookie: Secure, path "/", no Domain.
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
  });

  it("on plain http (local use) is HttpOnly and SameSite=Lax without the prefix a browser would refuse", () => {
    const cookie = sessionCookie(false);
    expect(cookie.name).toBe("next-auth.session-token");
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
  });

  it("is recognised under every name it may carry when it is cleared", () => {
    for (const name of ["next-auth.session-token", "__Host-next-auth.session-token", "__Secure-next-auth.session-token", "next-auth.session-token.0"]) {
      expect(name).toMatch(SESSION_COOKIE_NAME);
    }
    expect("next-auth.csrf-token").not.toMatch(SESSION_COOKIE_NAME);
  });
});
