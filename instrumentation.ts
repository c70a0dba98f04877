import type { Instrumentation } from "next";

// At server start, in the Node.js runtime only (the edge bundle never sees the database code) and
// never during the build: a warning when the database role could undo the audit trail's
// protection, the daily open-risk snapshot (lib/data/risk-snapshots/) and the hourly signed audit
// checkpoints (lib/data/audit-checkpoints/), taken by every server.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    if (process.env.NEXT_PHASE === "phase-production-build" || !process.env.DATABASE_URL) return;
    const { checkDatabaseRole } = await import("./lib/data/database-role");
    const { log } = await import("./lib/log");
    // Not awaited: a database that answers late must not hold the server back.
    checkDatabaseRole().catch((error: unknown) => log.warn("database.role-check-failed", { error }));
    const { scheduleDailyRiskSnapshots } = await import("./lib/data/risk-snapshots/schedule-daily-risk-snapshots");
    scheduleDailyRiskSnapshots();
    const { scheduleAuditCheckpoints } = await import("./lib/data/audit-checkpoints/schedule-audit-checkpoints");
    scheduleAuditCheckpoints();
  }
}

// Every error Next catches while rendering or running an action: one structured log line with
// the request id, so the reference a user quotes (the digest) leads to the details.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const { log } = await import("./lib/log");
  const err = error as Error & { digest?: string };
  const headers = request.headers as Record<string, string | string[] | undefined>;
  log.error("request.error", {
    requestId: headers["x-request-id"],
    digest: err.digest,
    method: request.method,
    path: request.path,
    routePath: context.routePath,
    routeType: context.routeType,
    error: err,
  });
};
