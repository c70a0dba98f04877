// A password sign-in against next-auth's credentials callback, read the way the sign-in form
// needs it: a 429 (too many attempts, or a locked account) carries the message to show.
export type SignInOutcome = { ok: true } | { ok: false; message: string };

const INCORRECT = "The email or password is incorrect.";
const UNREACHABLE = "Could not reach ThreatDesk. Check your connection and try again.";

export async function passwordSignIn(email: string, password: string, callbackUrl: string): Promise<SignInOutcome> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl, json: "true" }),
    });
    const body = (await response.json().catch(() => null)) as { url?: string; message?: string } | null;
    if (response.status === 429) {
      const seconds = response.headers.get("Retry-After");
      return { ok: false, message: body?.message ?? `Too many sign-in attempts. Try again in ${seconds ?? "a few"} seconds.` };
    }
    const error = body?.url ? new URL(body.url, window.location.origin).searchParams.get("error") : "unknown";
    return response.ok && !error ? { ok: true } : { ok: false, message: INCORRECT };
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
}
