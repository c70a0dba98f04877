import { signature, type MailMessage } from "../message";

export function accountLockedMessage(input: { to: string; failedAttempts: number; lockedUntil: string; resetLink: string }): MailMessage {
  return {
    to: input.to,
    subject: "Your ThreatDesk account was locked",
    text:
      `After ${input.failedAttempts} failed sign-in attempts in a row, the ThreatDesk account ${input.to} is locked until ${input.lockedUntil}. ` +
      `Sign-in works again after that, or sooner when an owner or admin of your organization unlocks it.` +
      signature(`If these attempts were not yours, someone may be guessing your password. Choose a new one:\n${input.resetLink}`),
  };
}
