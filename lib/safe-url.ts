// The one rule for a return path (after sign-in, after the second step, after sign-out): it must
// stay on this site. Browsers drop tabs and newlines from URLs and read "\" as "/", so
// "/%09/evil.example" arrives as "/\t/evil.example" and would be followed as "//evil.example".
const BASE = "http://threatdesk.invalid";

/** Whether `value` is a path on this site that a redirect may go to. */
export function isSafeReturnPath(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/")) return false;
  if (/[\u0000-\u0020\u007f\\]/.test(value) || value.startsWith("//")) return false;
  try {
    return new URL(value, BASE).origin === BASE;
  } catch {
    return false;
  }
}

/** A return path that is safe to redirect to, or `fallback`. */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  return isSafeReturnPath(value) ? value : fallback;
}
