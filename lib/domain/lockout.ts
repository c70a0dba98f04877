// Account lockout: after `attempts` consecutive failed sign-ins an email address is locked for
// `minutes`; while locked even the right password is refused; a successful sign-in resets the
// count. The state is kept per email address (lib/data/lockouts), these are the rules.
import { waitWording } from "./rate-limit";
import { toDay } from "./calendar";

export type LockoutPolicy = { attempts: number; minutes: number };

export const DEFAULT_LOCKOUT: LockoutPolicy = { attempts: 5, minutes: 15 };

export type LockoutState = { failures: number; lockedAt: Date | null; lockedUntil: Date | null; lockedAfter: number | null };

/** Whether the address is locked at `now`. */
export function isLocked(state: Pick<LockoutState, "lockedUntil"> | null | undefined, now: Date): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil.getTime() > now.getTime());
}

/** Whether this failure (the `failures`-th in a row) locks the address. */
export function failureLocks(failures: number, policy: LockoutPolicy): boolean {
  return failures >= policy.attempts;
}

/** The refusal while locked: the same for every address, so it tells nobody whether an account exists. */
export function lockedMessage(lockedUntil: Date, now: Date): string {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return `This account is locked after too many failed sign-ins. Try again in ${waitWording(seconds)}, or ask an owner or admin of your organization to unlock it.`;
}

/** What the owner is told after signing in: "Your account was locked at 14:02 UTC on 2026-12-02 after 5 failed sign-ins." */
export function lockoutNotice(lockedAt: Date, failures: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(lockedAt.getUTCHours())}:${pad(lockedAt.getUTCMinutes())} UTC`;
  const day = toDay(lockedAt);
  return `Your account was locked at ${time} on ${day} after ${failures} failed sign-ins. If that was not you, someone may be guessing your password: choose a new one.`;
}
