import { describe, expect, it } from "vitest";
import { accountLockedMessage } from "./messages/account-locked";
import { factorChangedMessage } from "./messages/factor-changed";
import { invitationMessage } from "./messages/invitation";
import { newDeviceSignInMessage } from "./messages/new-device-sign-in";
import { passwordResetMessage } from "./messages/password-reset";
import { signUpAttemptMessage } from "./messages/sign-up-attempt";
import { verifyEmailMessage } from "./messages/verify-email";

const TO = "ada@example.test";

describe("email messages", () => {
  it("an invitation names the organization, the inviter, the role, the link and its expiry", () => {
    const m = invitationMessage({
      to: TO,
      organizationName: "Acme",
      invitedBy: "Olivia Owner",
      roleLabel: "Security lead",
      link: "http://x/invite/t",
      expiresOn: "9 Dec 2026",
    });
    expect(m).toMatchObject({ to: TO, subject: "Olivia Owner invited you to Acme on ThreatDesk" });
    for (const part of ["as Security lead", "http://x/invite/t", "expires on 9 Dec 2026", "confirms that this address is yours"])
      expect(m.text).toContain(part);
  });

  it("names that carry line breaks cannot add lines to a subject", () => {
    const m = invitationMessage({
      to: TO,
      organizationName: "Acme\r\nBcc: evil@example.test",
      invitedBy: "Eve\nX",
      roleLabel: "Viewer",
      link: "l",
      expiresOn: "d",
    });
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.subject).toBe("Eve X invited you to Acme Bcc: evil@example.test on ThreatDesk");
  });

  it("the confirmation and reset messages carry their link and how long it works", () => {
    const v = verifyEmailMessage({ to: TO, link: "http://x/verify-email/t", validHours: 24 });
    expect(v.subject).toBe("Confirm your email address for ThreatDesk");
    expect(v.text).toContain("http://x/verify-email/t");
    expect(v.text).toContain("for 24 hours");
    const r = passwordResetMessage({ to: TO, link: "http://x/reset-password/t", validMinutes: 30 });
    expect(r.subject).toBe("Reset your ThreatDesk password");
    expect(r.text).toContain("http://x/reset-password/t");
    expect(r.text).toContain("for 30 minutes");
    expect(r.text).toContain("signs you out everywhere");
  });

  it("the sign-up attempt notice says nothing was created and how to get back in", () => {
    const m = signUpAttemptMessage({ to: TO, signInLink: "http://x/login", resetLink: "http://x/forgot-password" });
    expect(m.text).toContain("No account was created");
    expect(m.text).toContain("http://x/login");
    expect(m.text).toContain("http://x/forgot-password");
  });

  it("security notices: new device, lockout, factor added and removed", () => {
    const d = newDeviceSignInMessage({ to: TO, device: "Firefox", ip: "203.0.113.9", at: "2026-12-02 10:00 UTC", resetLink: "http://x/forgot-password" });
    expect(d.subject).toBe("New sign-in to your ThreatDesk account");
    for (const part of ["Firefox", "203.0.113.9", "2026-12-02 10:00 UTC", "http://x/forgot-password"]) expect(d.text).toContain(part);
    const l = accountLockedMessage({ to: TO, failedAttempts: 5, lockedUntil: "10:15 UTC", resetLink: "http://x/forgot-password" });
    expect(l.subject).toBe("Your ThreatDesk account was locked");
    expect(l.text).toContain("After 5 failed sign-in attempts");
    expect(l.text).toContain("until 10:15 UTC");
    const a = factorChangedMessage({ to: TO, change: "added", factorName: "YubiKey", factorKind: "Security key", at: "2 Dec 2026" });
    expect(a.subject).toBe("A sign-in factor was added to your ThreatDesk account");
    expect(a.text).toContain('Security key "YubiKey" was added');
    const r = factorChangedMessage({ to: TO, change: "removed", factorName: "Phone", factorKind: "Authenticator app", at: "2 Dec 2026" });
    expect(r.subject).toBe("A sign-in factor was removed from your ThreatDesk account");
    expect(r.text).toContain('Authenticator app "Phone" was removed from the ThreatDesk account');
    expect(r.text).toContain("It can no longer be used to sign in.");
  });
});
