import { signature, type MailMessage } from "../message";

export function passwordResetMessage(input: { to: string; link: string; validMinutes: number }): MailMessage {
  return {
    to: input.to,
    subject: "Reset your ThreatDesk password",
    text:
      `Someone asked to reset the password of the ThreatDesk account ${input.to}. Choose a new password here:\n${input.link}\n\n` +
      `The link works once and for ${input.validMinutes} minutes. Setting a new password signs you out everywhere.` +
      signature("If you did not ask for this, ignore this email: your password stays as it is."),
  };
}
