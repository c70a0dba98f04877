import "server-only";
import { installationSigningKey } from "@/lib/audit-signing-key";
import { log } from "@/lib/log";
import { recordAuditCheckpoints } from "./record-audit-checkpoints";

/** How often each server signs checkpoints of the chains that moved. */
const CHECKPOINT_EVERY_MS = 60 * 60_000;

/**
 * The hourly checkpoint job, started by each server (instrumentation.ts) like the daily risk
 * snapshot: now, then every hour. An installation without a signing key says so once and
 * writes none (the audit page says so too). Returns at once.
 */
export function scheduleAuditCheckpoints() {
  let key;
  try {
    key = installationSigningKey();
  } catch (error) {
    log.error("audit-checkpoints.bad-key", { error });
    return;
  }
  if (!key) {
    log.warn("audit-checkpoints.disabled", { reason: "no AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE" });
    return;
  }
  const run = async () => {
    try {
      const { checkpoints, withheld } = await recordAuditCheckpoints();
      const created = checkpoints.filter((c) => c.created).length;
      if (created > 0) log.info("audit-checkpoints.recorded", { created, chains: checkpoints.length });
      // A chain that lost events since its checkpoint: an operator must look at it.
      for (const chain of withheld) log.error("audit-checkpoints.chain-mismatch", chain);
    } catch (error) {
      log.error("audit-checkpoints.failed", { error });
    }
  };
  void run();
  setInterval(() => void run(), CHECKPOINT_EVERY_MS).unref();
}
