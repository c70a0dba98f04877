"use client";
import Link from "next/link";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import type { SummaryEntry } from "@/lib/domain/audit-summary";
import { auditTargetLabel } from "@/lib/domain/audit-vocabulary";
import { auditHref, type TAuditFilters } from "@/lib/validation/audit";

/** One event as the table shows it: times as ISO strings, the summary already made readable on the server. */
export type AuditTableRow = {
  id: string;
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  actorName: string | null;
  actorLabel: string;
  action: string;
  target: { kind: "model"; modelId: string; title: string | null; exists: boolean } | { kind: "other"; type: string; id: string | null };
  summary: SummaryEntry[];
  ip: string | null;
  /** The server's id of the request, and the one the client sent (its claim only). */
  requestId: string | null;
  clientRequestId: string | null;
};

/** "2026-11-20T14:03:05.123Z" → "2026-11-20 14:03:05": the header says UTC. */
function utcTime(iso: string) {
  return iso.slice(0, 19).replace("T", " ");
}

function columns(base: string): DataColumn<AuditTableRow>[] {
  return [
    {
      id: "at",
      header: "Time (UTC)",
      cell: (row) => (
        <>
          <time dateTime={row.at} className="whitespace-nowrap tabular-nums">
            {utcTime(row.at)}
          </time>
          <p className="text-xs text-slate-500 tabular-nums">#{row.seq}</p>
        </>
      ),
    },
    {
      id: "actor",
      header: "Actor",
      cell: (row) =>
        row.actorName ? (
          <>
            <p className="font-medium text-slate-900">{row.actorName}</p>
            <p className="text-xs break-all text-slate-500">{row.actorLabel}</p>
          </>
        ) : (
          <span className="break-all">{row.actorLabel}</span>
        ),
    },
    {
      id: "action",
      header: "Action",
      cell: (row) => <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-slate-800">{row.action}</code>,
    },
    { id: "target", header: "Target", cell: (row) => <Target base={base} target={row.target} /> },
    { id: "summary", header: "Summary", cell: (row) => <Summary entries={row.summary} /> },
    {
      id: "ip",
      header: "IP",
      // An address is read whole: it never breaks across lines (the table scrolls instead).
      cell: (row) => (row.ip ? <span className="font-mono text-xs whitespace-nowrap">{row.ip}</span> : <span className="text-slate-600">—</span>),
    },
    { id: "request", header: "Request", cell: (row) => <RequestIds requestId={row.requestId} clientRequestId={row.clientRequestId} /> },
  ];
}

function Target({ base, target }: { base: string; target: AuditTableRow["target"] }) {
  if (target.kind === "model") {
    const title = target.title ?? "Untitled threat model";
    return target.exists ? (
      <Link href={`${base}/models/${target.modelId}`} className="font-medium text-brand-700 hover:underline">
        {title}
      </Link>
    ) : (
      <span>
        {title} <span className="text-xs text-slate-500">(deleted)</span>
      </span>
    );
  }
  return (
    <>
      <p>{auditTargetLabel(target.type)}</p>
      {target.id && (
        <p className="max-w-48 truncate font-mono text-xs text-slate-500" title={target.id}>
          {target.id}
        </p>
      )}
    </>
  );
}

/** The server's request id (what logs are searched by), and below it the id the client sent, labelled as the client's. */
function RequestIds({ requestId, clientRequestId }: { requestId: string | null; clientRequestId: string | null }) {
  if (!requestId && !clientRequestId) return <span className="text-slate-600">—</span>;
  return (
    <>
      {requestId && (
        <p className="max-w-40 truncate font-mono text-xs text-slate-800" title={requestId}>
          {requestId}
        </p>
      )}
      {clientRequestId && (
        <p className="max-w-40 truncate text-xs text-slate-500" title={`Sent by the client: ${clientRequestId}`} data-testid="client-request-id">
          client: <span className="font-mono">{clientRequestId}</span>
        </p>
      )}
    </>
  );
}

function Summary({ entries }: { entries: SummaryEntry[] }) {
  if (entries.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <dl className="space-y-0.5 text-xs">
      {entries.map((entry, i) => (
        <div key={`${entry.key}-${i}`} className="flex gap-1">
          <dt className="shrink-0 text-slate-500">{entry.key}:</dt>
          <dd className="min-w-0 break-words text-slate-800">{entry.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The events newest first, a fixed number a page; the server filters and pages, the pager links to the pages around this one. */
export function AuditTable({
  organizationSlug,
  rows,
  total,
  filters,
  pageSize,
}: {
  organizationSlug: string;
  rows: AuditTableRow[];
  total: number;
  filters: TAuditFilters;
  pageSize: number;
}) {
  const base = `/${organizationSlug}`;
  const hrefOf = (page: number) => auditHref(`${base}/audit`, { ...filters, page });
  return (
    <DataTable
      rows={rows}
      columns={columns(base)}
      rowId={(row) => row.id}
      caption="Audit events, newest first. Times are in UTC."
      scrollLabel="Audit events"
      rowTestId={(row) => `audit-event-${row.seq}`}
      paging={{
        label: "Pages of audit events",
        noun: ["event", "events"],
        total,
        page: filters.page,
        pageSize,
        moves: { hrefOf },
        directions: ["Newer", "Older"],
      }}
    />
  );
}
