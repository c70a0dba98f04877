import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { approvalBlockers, type Blocker } from "@/lib/domain/review";
import { toDay } from "@/lib/domain/calendar";

/** The gate's input, read in the caller's transaction. */
export async function blockersOf(tx: Tx, ctx: OrgContext, modelId: string, today: string): Promise<Blocker[]> {
  const threats = await tx.threat.findMany({
    where: { organizationId: ctx.organizationId, threatModelId: modelId, priority: "CRITICAL" },
    orderBy: [{ category: "asc" }, { position: "asc" }],
    select: {
      id: true,
      title: true,
      category: true,
      priority: true,
      mitigations: { select: { mitigation: { select: { status: true } } } },
      acceptances: { select: { status: true, reviewDate: true } },
    },
  });
  return approvalBlockers(
    threats.map((t) => ({
      id: t.id,
      title: t.title,
      category: t.category,
      priority: t.priority,
      mitigationStatuses: t.mitigations.map((l) => l.mitigation.status),
      acceptances: t.acceptances.map((a) => ({ status: a.status, reviewDate: ymd(a.reviewDate) })),
    })),
    today,
  );
}

const ymd = toDay;
