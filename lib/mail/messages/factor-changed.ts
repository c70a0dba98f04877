import { oneLine, signature, type MailMessage } from "../message";

const WORDING = {
  added: {
    subject: "A sign-in factor was added to your ThreatDesk account",
    verb: "was added to",
    effect: "It can now be used as the second step of signing in.",
    advice: "If you did not add it, sign in, remove it under Account, and change your password.",
  },
  removed: {
    subject: "A sign-in factor was removed from your ThreatDesk account",
    verb: "was removed from",
    effect: "It can no longer be used to sign in.",
    advice: "If you did not remove it, change your password and check the factors listed under Account.",
  },
} as const;

/** The notice that a second factor (an authenticator app, a passkey) was added to or removed from an account. */
export function factorChangedMessage(input: { to: string; change: keyof typeof WORDING; factorName: string; factorKind: string; at: string }): MailMessage {
  const wording = WORDING[input.change];
  return {
    to: input.to,
    subject: wording.subject,
    text:
      `${input.factorKind} "${oneLine(input.factorName)}" ${wording.verb} the ThreatDesk account ${input.to} on ${input.at}. ${wording.effect}` +
      signature(wording.advice),
  };
}
