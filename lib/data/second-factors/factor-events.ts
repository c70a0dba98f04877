import "server-only";
import type { UserContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import type { AuditAction } from "@/lib/domain/audit-vocabulary";
import { FRESH_SECOND_FACTOR_MINUTES, SECOND_FACTOR_KIND_LABEL, secondFactorIsFresh, type SecondFactorKind } from "@/lib/domain/second-factor";
import { SafeError } from "@/lib/errors";
import { log } from "@/lib/log";
import { factorChangedMessage } from "@/lib/mail/messages/factor-changed";
import { sendMail } from "@/lib/mail/send-mail";
import { recordAccountEvent } from "../accounts/record-account-event";

export const FRESH_FACTOR_NEEDED = `This change needs your second factor again: you last gave it more than ${FRESH_SECOND_FACTOR_MINUTES} minutes ago.`;

/** Refuses, as a step-up, unless this session passed its second factor in the last minutes. */
export function requireFreshSecondFactor(user: UserContext, now: Date): void {
  if (!secondFactorIsFresh(user.secondFactor?.passedAt ?? null, now)) throw new SafeError(FRESH_FACTOR_NEEDED, "step-up");
}

/** The audit event of a change to the account's factors, in every organization the account is in. */
export function recordFactorEvent(
  tx: Tx,
  user: UserContext,
  action: AuditAction,
  factor: { id: string; kind: SecondFactorKind; name: string } | null,
  summary: Record<string, unknown> = {},
) {
  const actor = { id: user.userId, label: user.email, meta: user.meta };
  const target = factor ? { type: "second-factor" as const, id: factor.id } : { type: "user" as const, id: user.userId };
  return recordAccountEvent(tx, user.email, actor, action, target, factor ? { name: factor.name, kind: factor.kind, ...summary } : summary);
}

/** Tells the account's owner that a factor was added or removed; a mail server that is down does not undo the change. */
export function mailFactorChange(user: UserContext, change: "added" | "removed", factor: { kind: SecondFactorKind; name: string }, now: Date) {
  const message = factorChangedMessage({
    to: user.email,
    change,
    factorName: factor.name,
    factorKind: SECOND_FACTOR_KIND_LABEL[factor.kind],
    at: `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  });
  void sendMail(message, `factor-${change}`).catch((error: unknown) => log.error("mail.factor-change-failed", { userId: user.userId, error }));
}
