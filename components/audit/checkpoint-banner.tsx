import { Alert } from "@/components/ui/alert";
import { describeSeqRanges } from "@/lib/domain/audit-checkpoint";
import type { CheckpointStanding } from "@/lib/data/audit-checkpoints/get-checkpoint-standing";

function utc(date: Date) {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function events(n: number) {
  return `${n.toLocaleString("en")} ${n === 1 ? "event" : "events"}`;
}

/** The organization's chain against its latest signed checkpoint: the events it vouched for are all still there, or which are not. */
export function CheckpointBanner({ standing }: { standing: CheckpointStanding }) {
  const unsigned = "unsigned" in standing && standing.unsigned && (
    <Alert tone="error" title="A checkpoint that was not signed by this installation" className="mb-6">
      The newest checkpoint stored for this organization does not verify with the installation&apos;s signing key: it was written outside ThreatDesk. The checks
      below use the latest one that verifies.
    </Alert>
  );
  if (standing.state === "no-key") {
    return (
      <Alert tone="warning" title="Checkpoints are off" className="mb-6">
        The installation has no audit signing key, so removing the newest events would go unnoticed. An operator sets AUDIT_SIGNING_KEY (see the README).
      </Alert>
    );
  }
  if (standing.state === "none") {
    return (
      <>
        {unsigned}
        <p className="mb-6 text-sm text-slate-600">No signed checkpoint of this chain yet: the server signs one every hour.</p>
      </>
    );
  }
  const { checkpoint } = standing;
  const at = <time dateTime={checkpoint.createdAt.toISOString()}>{utc(checkpoint.createdAt)}</time>;
  if (standing.state === "matches") {
    return (
      <>
        {unsigned}
        <p className="mb-6 text-sm text-slate-600" data-testid="checkpoint-standing">
          Matches the signed checkpoint of {at}: {events(checkpoint.seq)}, up to event #{checkpoint.seq}, all present and unchanged (key{" "}
          <code className="font-mono text-xs">{checkpoint.keyId}</code>).
        </p>
      </>
    );
  }
  const { comparison } = standing;
  return (
    <>
      {unsigned}
      {comparison.kind === "missing" ? (
        <Alert tone="error" title={`${events(comparison.missingCount)} missing since the signed checkpoint`} className="mb-6">
          <p>
            Missing: {describeSeqRanges(comparison.missing, comparison.missingCount)}. The checkpoint signed at {at} records {events(checkpoint.seq)}; the chain
            now {comparison.lastSeq === 0 ? "has none" : `ends at event #${comparison.lastSeq}`}.
          </p>
          <p className="mt-1">They were removed outside ThreatDesk: restore them from a backup, and compare with the checkpoint file an operator keeps.</p>
        </Alert>
      ) : (
        <Alert tone="error" title={`Event #${comparison.seq} differs from the signed checkpoint`} className="mb-6">
          The checkpoint signed at {at} recorded another event #{comparison.seq}: the chain up to it was rewritten outside ThreatDesk, though it links up again.
        </Alert>
      )}
    </>
  );
}
