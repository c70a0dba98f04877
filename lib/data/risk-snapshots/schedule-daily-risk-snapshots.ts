import "server-only";
import { log } from "@/lib/log";
import { recordDailyRiskSnapshots } from "./record-daily-risk-snapshots";

/** How often each server checks whether today's snapshots are taken (cheap when they are). */
const SNAPSHOT_CHECK_MS = 15 * 60_000;

/**
 * The daily job, started by each server (instrumentation.ts): now, then every quarter of an hour,
 * so a new day's snapshots are taken within minutes of midnight (UTC) by whichever instance gets
 * there first. Returns at once: the server answers requests meanwhile.
 */
export function scheduleDailyRiskSnapshots() {
  const run = async () => {
    try {
      const result = await recordDailyRiskSnapshots();
      if (result.recorded > 0) log.info("risk-snapshots.recorded", result);
    } catch (error) {
      // The next check, or the day's first dashboard load, takes it instead.
      log.error("risk-snapshots.failed", { error });
    }
  };
  void run();
  setInterval(() => void run(), SNAPSHOT_CHECK_MS).unref();
}
