import { oneLine, signature, type MailMessage } from "../message";

export function factorAddedMessage(input: { to: string; factorName: string; factorKind: string; at: string }): MailMessage {
  return {
    to: input.to,
    subject: "A sign-in factor was added to your ThreatDesk account",
    text:
      `${input.factorKind} "${oneLine(input.factorName)}" was added to the ThreatDesk account ${input.to} on ${input.at}. ` +
      `It can now be used as the second step of signing in.` +
      signature("If you did not add it, sign in, remove it under Account, and change your password."),
  };
}
