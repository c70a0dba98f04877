import { oneLine, signature, type MailMessage } from "../message";

export function factorRemovedMessage(input: { to: string; factorName: string; factorKind: string; at: string }): MailMessage {
  return {
    to: input.to,
    subject: "A sign-in factor was removed from your ThreatDesk account",
    text:
      `${input.factorKind} "${oneLine(input.factorName)}" was removed from the ThreatDesk account ${input.to} on ${input.at}. ` +
      `It can no longer be used to sign in.` +
      signature("If you did not remove it, change your password and check the factors listed under Account."),
  };
}
