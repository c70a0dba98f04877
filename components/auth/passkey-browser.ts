// The browser half of passkeys, shared by adding one and signing in with one. The WebAuthn
// library loads only when a passkey button is pressed, so no other page pays for it.

export type PasskeyCeremony = "add" | "sign-in";

export function loadWebAuthn() {
  return import("@simplewebauthn/browser");
}

const CLOSED: Record<PasskeyCeremony, string> = {
  add: "No passkey was added: the browser's prompt was closed or timed out. Try again when you are ready.",
  "sign-in": "The passkey prompt was closed or timed out. Try again, or use a code instead.",
};

/** What to tell the user when the browser, not the server, stopped the ceremony. */
export function browserPasskeyMessage(error: unknown, ceremony: PasskeyCeremony): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return CLOSED[ceremony];
  if (name === "InvalidStateError") return "This device or security key already holds a passkey for your account. Use another one.";
  if (name === "NotSupportedError") return "This browser or device cannot use passkeys. Use an authenticator app instead.";
  if (name === "SecurityError") return "The browser refused passkeys for this address. Open ThreatDesk at its usual address and try again.";
  return ceremony === "add"
    ? "The browser could not create a passkey. Try again, or use another device or security key."
    : "The browser could not use your passkey. Try again, or use a code instead.";
}
