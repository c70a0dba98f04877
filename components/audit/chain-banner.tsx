import { Alert } from "@/components/ui/alert";
import { CHAIN_BREAK_LABELS, type ChainVerdict } from "@/lib/domain/audit-chain";

function events(n: number) {
  return `${n.toLocaleString("en")} ${n === 1 ? "event" : "events"}`;
}

/** Whether the organization's audit chain verifies, as computed on the server for this visit. */
export function ChainBanner({ verdict }: { verdict: ChainVerdict }) {
  if (verdict.ok) {
    return (
      <Alert tone="success" title={`Chain verified: ${events(verdict.checked)}, unbroken`} className="mb-6">
        Every event matches its hash and links to the one before it, checked from the first event just now.
      </Alert>
    );
  }
  const e = verdict.brokenAt;
  return (
    <Alert tone="error" title={`Chain broken at event #${e.seq}`} className="mb-6">
      <p>
        Event #{e.seq} — <code className="font-mono text-xs">{e.action}</code> by {e.actorLabel} at{" "}
        <time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC</time> (id{" "}
        <code className="font-mono text-xs">{e.id}</code>) — does not verify: {CHAIN_BREAK_LABELS[verdict.kind]}, {verdict.reason}.
      </p>
      <p className="mt-1">
        The {events(verdict.checked)} before it verify. This event and those after it may have been changed or removed outside ThreatDesk: compare them with a
        backup before relying on them.
      </p>
    </Alert>
  );
}
