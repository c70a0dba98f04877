import { format } from "date-fns";

/** Calendar dates (due and review dates) are stored at UTC midnight: format them in UTC. */
export function formatDate(date: Date | null | undefined): string {
  if (!date) return "—";
  return format(new Date(date.getTime() + date.getTimezoneOffset() * 60_000), "d MMM yyyy");
}

export function formatDateTime(date: Date): string {
  return format(date, "d MMM yyyy, HH:mm");
}
