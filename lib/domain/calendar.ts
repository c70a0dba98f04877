// Calendar days in UTC. Due dates, review dates and fix-by dates are days, not instants: they are
// written YYYY-MM-DD, stored at UTC midnight, and counted in UTC, so neither the server's time
// zone nor a daylight-saving shift moves one to a neighbouring date. Every piece of calendar
// arithmetic in ThreatDesk goes through these functions.

/** A calendar day, YYYY-MM-DD. */
export type CalendarDay = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function parts(day: CalendarDay): [number, number, number] {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Whether a text is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

/**
 * The UTC calendar day of an instant, or of a date as the database and JSON write it (a day, or an
 * ISO timestamp in UTC), so dates of either kind compare as days (null stays null).
 */
export function toDay(date: Date | string): CalendarDay;
export function toDay(date: Date | string | null | undefined): CalendarDay | null;
export function toDay(date: Date | string | null | undefined): CalendarDay | null {
  if (date === null || date === undefined) return null;
  return (typeof date === "string" ? date : date.toISOString()).slice(0, 10);
}

/** Today's calendar day in UTC. */
export function today(now: Date = new Date()): CalendarDay {
  return toDay(now);
}

/** The instant a calendar day is stored as: its UTC midnight (null and "" become null). */
export function fromDay(day: CalendarDay): Date;
export function fromDay(day: CalendarDay | null | undefined): Date | null;
export function fromDay(day: CalendarDay | null | undefined): Date | null {
  if (!day) return null;
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d));
}

/** `day` plus `days` calendar days (negative counts back). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  const [y, m, d] = parts(day);
  return toDay(new Date(Date.UTC(y, m - 1, d + days)));
}

/** `day` plus `months` months; a day the target month lacks becomes its last day (Nov 30 + 3 → Feb 28). */
export function addMonths(day: CalendarDay, months: number): CalendarDay {
  const [y, m, d] = parts(day);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return toDay(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((fromDay(to).getTime() - fromDay(from).getTime()) / DAY_MS);
}

/** Orders two days: negative when `a` is earlier, 0 on the same day, positive when later. */
export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
