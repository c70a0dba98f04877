import { isSessionEnd, sessionEndNotice } from "@/lib/domain/session-policy";

/** Tells someone arriving at the sign-in page why their session ended (idle, another browser, a role change …). */
export function SessionEndedNotice({ reason, idleMinutes }: { reason: string | undefined; idleMinutes: number }) {
  const notice = isSessionEnd(reason) ? sessionEndNotice(reason, { idleMinutes }) : null;
  if (!notice) return null;
  return (
    <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {notice}
    </p>
  );
}
