import { Card, CardHeader } from "@/components/ui/card";
import type { SessionListItem } from "@/lib/data/sessions/list-sessions";
import { describeUserAgent } from "@/lib/domain/user-agent";
import { formatUtcDateTime } from "@/lib/format-time";
import { EndOtherSessions } from "./end-other-sessions";
import { SessionEndButton } from "./session-end-button";

/** The user's signed-in browsers: device, where from, when last active; each but this one can be signed out. */
export function SessionsCard({ sessions, idleMinutes, lifetimeHours }: { sessions: SessionListItem[]; idleMinutes: number; lifetimeHours: number }) {
  const others = sessions.filter((session) => !session.current).length;
  return (
    <Card>
      <CardHeader
        id="sessions"
        title="Sessions"
        description={`Where your account is signed in. A session ends after ${idleMinutes} minutes without activity, after ${lifetimeHours} hours in any case, or when it is used from another browser.`}
        actions={<EndOtherSessions count={others} />}
      />
      <ul aria-labelledby="sessions" className="divide-y divide-slate-200">
        {sessions.map((session) => {
          const device = describeUserAgent(session.userAgent);
          return (
            <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3" data-testid="session-row">
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900" title={session.userAgent ?? undefined}>
                  {device}
                  {session.current && <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">This browser</span>}
                </p>
                <p className="mt-0.5 text-sm text-slate-600">
                  {session.ip ?? "Address unknown"} · signed in {formatUtcDateTime(session.createdAt)} · last active {formatUtcDateTime(session.lastSeenAt)}
                </p>
              </div>
              {!session.current && <SessionEndButton sessionId={session.id} device={device} />}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
