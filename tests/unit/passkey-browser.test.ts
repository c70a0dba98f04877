import { describe, expect, it } from "vitest";
import { browserPasskeyMessage } from "@/components/auth/passkey-browser";

function browserError(name: string) {
  return Object.assign(new Error("The operation either timed out or was not allowed."), { name });
}

describe("browserPasskeyMessage", () => {
  it("answers a closed or timed-out prompt calmly, pointing at the way on", () => {
    expect(browserPasskeyMessage(browserError("NotAllowedError"), "sign-in")).toBe(
      "The passkey prompt was closed or timed out. Try again, or use a code instead.",
    );
    expect(browserPasskeyMessage(browserError("NotAllowedError"), "add")).toMatch(/^No passkey was added/);
  });

  it("names an authenticator registered already", () => {
    expect(browserPasskeyMessage(browserError("InvalidStateError"), "add")).toMatch(/already holds a passkey/);
  });

  it("never shows the browser's own wording for anything else", () => {
    const message = browserPasskeyMessage(new TypeError("Cannot read properties of undefined"), "sign-in");
    expect(message).toBe("The browser could not use your passkey. Try again, or use a code instead.");
  });
});
