import { orgRoute } from "@/lib/api/route";
import { EXPORT_ROW_LIMIT, exportRisks } from "@/lib/data/risk-register/export-risks";
import type { RiskAcceptanceRow, RiskMitigationRow, RiskModelRow, RiskRowOf, RiskThreatRow } from "@/lib/data/risk-register/list-query";
import { csvRow, type CsvValue } from "@/lib/domain/csv";
import { standingText } from "@/lib/domain/model-standing";
import { IMPLEMENTATION_STATUS_LABELS, LEVEL_LABELS, STRIDE_LABELS } from "@/lib/domain/threat-model";
import { log } from "@/lib/log";
import { resolveRiskList, ZRiskList, type RiskView } from "@/lib/validation/dashboard";
import { today } from "@/lib/domain/calendar";

type Columns<R> = { header: string[]; values: (row: R) => CsvValue[] };

const CSV: { [V in RiskView]: Columns<RiskRowOf[V]> } = {
  threats: {
    header: ["Threat", "Priority", "Likelihood", "Impact", "STRIDE category", "Fix by", "Created", "Not yet reviewed", "Threat model", "Model owner"],
    values: (r: RiskThreatRow) => [
      r.title,
      LEVEL_LABELS[r.priority],
      LEVEL_LABELS[r.likelihood],
      LEVEL_LABELS[r.impact],
      STRIDE_LABELS[r.category].name,
      r.dueDate,
      r.createdAt,
      r.notYetReviewed ? "yes" : "no",
      r.modelTitle,
      r.modelOwner,
    ],
  },
  acceptances: {
    header: ["Threat", "Risk owner", "Reason", "Review date", "Expired", "Accepted on", "Accepted by", "Threat model"],
    values: (r: RiskAcceptanceRow) => [r.threatTitle, r.riskOwner, r.reason, r.reviewDate, r.expired ? "yes" : "no", r.decidedAt, r.decidedBy, r.modelTitle],
  },
  mitigations: {
    header: ["Mitigation", "Status", "Owner", "Fix by", "Overdue", "Threats covered", "Threat model"],
    values: (r: RiskMitigationRow) => [
      r.title,
      IMPLEMENTATION_STATUS_LABELS[r.status],
      r.ownerName,
      r.dueDate,
      r.overdue ? "yes" : "no",
      r.threatCount,
      r.modelTitle,
    ],
  },
  models: {
    header: ["Threat model", "Status", "Category", "Owner", "Next review", "Review overdue", "Open Critical", "Open High"],
    values: (r: RiskModelRow) => [r.title, standingText(r), r.category, r.ownerName, r.nextReviewDate, r.reviewOverdue ? "yes" : "no", r.critical, r.high],
  },
};

/**
 * GET /[org]/risks/export?view=…&<the list's filters>: the whole drill-down list as CSV, in the
 * list's order, streamed a chunk of rows at a time and capped at EXPORT_ROW_LIMIT rows (a last
 * line says so). Formula-like cells are neutralized (lib/domain/csv). The filters are read
 * strictly: one that does not parse (a NUL, an unknown status) is a 422 naming it, never a file
 * of other rows. The page links only filters it parsed itself.
 */
export const GET = orgRoute({ name: "risks.export", permission: "model.read", query: ZRiskList }, async (ctx, { query }) => {
  const state = resolveRiskList(query);
  const columns = CSV[state.view] as Columns<RiskRowOf[RiskView]>;
  const rows = exportRisks(ctx, state);
  const encoder = new TextEncoder();
  let written = 0;
  let total = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // The byte-order mark makes spreadsheet programs read the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(columns.header)}`));
    },
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) {
          if (total > written)
            controller.enqueue(
              encoder.encode(csvRow([`Only the first ${EXPORT_ROW_LIMIT} of ${total} rows are exported. Narrow the filters to export the rest.`])),
            );
          log.info("risks.export", { requestId: ctx.meta.requestId, userId: ctx.userId, organizationId: ctx.organizationId, view: state.view, rows: written });
          controller.close();
          return;
        }
        total = next.value.total;
        written += next.value.rows.length;
        controller.enqueue(encoder.encode(next.value.rows.map((row) => csvRow(columns.values(row))).join("")));
      } catch (error) {
        log.error("risks.export.failed", { requestId: ctx.meta.requestId, organizationId: ctx.organizationId, error });
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const filename = `${ctx.organizationSlug}-${state.view}-${today()}.csv`;
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
