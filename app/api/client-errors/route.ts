import { z } from "zod";
import { publicRoute } from "@/lib/api/route";
import { getCurrentUser } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { ZText } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

const ZClientError = z.object({
  message: ZText().max(2_000).default(""),
  digest: ZText().max(100).optional(),
  path: ZText().max(2_000).optional(),
  stack: ZText().max(8_000).optional(),
});

/**
 * An error the browser's error page caught, reported once: one log line carrying this request's
 * id, which is the reference the page shows. The id the page chose (sent as x-request-id, shown
 * when the report cannot be sent) is logged beside it as the client's. A server error's digest
 * rides along, so the reference also leads to the server's own line.
 */
export const POST = publicRoute({ name: "client-errors.report", body: ZClientError, maxBytes: 16_000 }, async ({ body }, { requestId, clientRequestId }) => {
  const user = await getCurrentUser().catch(() => null);
  log.error("client.error", { requestId, clientRequestId, userId: user?.userId, ...body });
  return { reference: requestId };
});
