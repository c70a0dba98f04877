import { signature, type MailMessage } from "../message";

export function verifyEmailMessage(input: { to: string; link: string; validHours: number }): MailMessage {
  return {
    to: input.to,
    subject: "Confirm your email address for ThreatDesk",
    text:
      `Confirm that ${input.to} is your address:\n${input.link}\n\n` +
      `The link works once and for ${input.validHours} hours. Until the address is confirmed you can use ThreatDesk, ` +
      `but you cannot be made a security lead or tech lead, the roles that sign off threat models.` +
      signature("If you did not create a ThreatDesk account, ignore this email."),
  };
}
