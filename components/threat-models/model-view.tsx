import type { ReactNode } from "react";
import { Markdown } from "@/components/model-editor/markdown";
import { Card, CardHeader } from "@/components/ui/card";
import { fromDay, today as todayOf, toDay } from "@/lib/domain/calendar";
import { riskSignOffLabel, signOffRows } from "@/lib/domain/exchange/sign-offs";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import type { ReviewCapacity } from "@/lib/domain/review";
import {
  CLASSIFICATION_LABELS,
  LEVEL_LABELS,
  PRIORITIES,
  STRIDE_CATEGORIES,
  STRIDE_LABELS,
  type AssetClassification,
  type Effectiveness,
  type Impact,
  type ImplementationStatus,
  type Likelihood,
  type Priority,
  type RiskRating,
  type StrideCategory,
} from "@/lib/domain/threat-model";
import { fixByWording, type FixBySettings } from "@/lib/domain/sla";
import { formatDate } from "@/lib/format";
import { ImplementationBadge, LevelBadge } from "./badges";

function Section({ id, number, title, description, children }: { id: string; number: number; title: string; description?: string; children: ReactNode }) {
  return (
    <Card className="mb-5 break-inside-avoid">
      <CardHeader id={id} title={`${number}. ${title}`} description={description} />
      <div className="px-5 py-4">{children}</div>
    </Card>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-600 italic">{children}</p>;
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="border-b border-slate-200 py-2 pr-4 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) => (
                <td key={j} className="py-2 pr-4 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Linked = { mitigationId: string };

/**
 * What the document view reads: a stored model (ThreatModelDetail fits as it is) or an approved
 * revision's snapshot (see viewOfDocument).
 */
export type ModelViewData = {
  featureName: string;
  ownerTeam: string;
  systemDiagramRef: string;
  overview: string;
  scopeIn: string;
  scopeOut: string;
  architecture: string;
  dataFlow: string;
  trustBoundaries: { name: string; description: string; crossing: string }[];
  assets: { name: string; classification: AssetClassification; compromiseImpact: string }[];
  threats: {
    id: string;
    category: StrideCategory;
    title: string;
    description: string;
    attackVectors: string[];
    likelihood: Likelihood;
    impact: Impact;
    priority: Priority;
    priorityOverrideReason: string | null;
    residualRisk: RiskRating | null;
    residualRiskJustification: string;
    mitigations: Linked[];
  }[];
  strideAssessments: { category: StrideCategory; residualRisk: RiskRating; justification: string }[];
  mitigations: { id: string; title: string; status: ImplementationStatus; taskRef: string; dueDate: Date | null; owner: { name: string } | null; threats: unknown[]; scenarios: unknown[] }[];
  attackScenarios: { id: string; title: string; description: string; likelihood: Likelihood; impact: Impact; mitigations: Linked[] }[];
  securityControls: { name: string; status: ImplementationStatus; effectiveness: Effectiveness }[];
  securityInvariants: { id: string; article: number; topic: string; condition: string; requirement: string }[];
  acceptances: {
    threatTitle: string;
    reason: string;
    riskOwner: string;
    reviewDate: Date;
    status: "PROPOSED" | "ACCEPTED" | "REJECTED";
    decidedBy: { name: string } | null;
    decidedAt: Date | null;
  }[];
  approvals: { capacity: ReviewCapacity; reviewer: { name: string }; decision: "APPROVED" | "CHANGES_REQUESTED"; createdAt: Date }[];
};

const day = fromDay;

/**
 * An approved revision's snapshot as the document view reads it. A snapshot stores the document
 * and its approvals; residual risks in it were part of the approved model, their sign-off state
 * is not (it lives on after approval).
 */
export function viewOfDocument(
  doc: ThreatModelDocument,
  approvals: { capacity: ReviewCapacity; reviewerName: string; at: string }[],
  memberName: (userId: string) => string | undefined,
): ModelViewData {
  const covering = (key: string) => ({
    threats: doc.threats.filter((t) => t.mitigationKeys.includes(key)),
    scenarios: doc.attackScenarios.filter((s) => s.mitigationKeys.includes(key)),
  });
  const links = (keys: string[]) => keys.map((mitigationId) => ({ mitigationId }));
  return {
    ...doc,
    threats: doc.threats.map((t, i) => ({
      ...t,
      id: `t${i}`,
      priorityOverrideReason: t.priorityOverrideReason ?? null,
      residualRisk: t.residualRisk ?? null,
      residualRiskJustification: t.residualRiskJustification ?? "",
      mitigations: links(t.mitigationKeys),
    })),
    mitigations: doc.mitigations.map((m) => {
      const name = m.ownerId ? memberName(m.ownerId) : undefined;
      return { id: m.key, title: m.title, status: m.status, taskRef: m.taskRef, dueDate: day(m.dueDate), owner: name ? { name } : null, ...covering(m.key) };
    }),
    attackScenarios: doc.attackScenarios.map((s, i) => ({ ...s, id: `s${i}`, mitigations: links(s.mitigationKeys) })),
    securityInvariants: doc.securityInvariants.map((v) => ({ ...v, id: `a${v.article}` })),
    acceptances: doc.residualRisks.map((r) => ({ ...r, reviewDate: day(r.reviewDate)!, status: "PROPOSED" as const, decidedBy: null, decidedAt: null })),
    approvals: approvals.map((a) => ({ capacity: a.capacity, reviewer: { name: a.reviewerName }, decision: "APPROVED" as const, createdAt: new Date(a.at) })),
  };
}

/**
 * The whole model, read-only, in the order of the team's template. `mitigations` replaces the
 * mitigations table (an approved model's tracking stays editable there).
 */
export function ModelView({ model, fixBy, snapshot = false, mitigations }: { model: ModelViewData; fixBy: FixBySettings; snapshot?: boolean; mitigations?: ReactNode }) {
  // Review dates are calendar dates at UTC midnight: past once today's UTC midnight is later.
  const today = todayOf();
  const ymd = toDay;
  const mitigationById = new Map(model.mitigations.map((m) => [m.id, m]));
  const priorityCounts = Object.fromEntries(PRIORITIES.map((p) => [p, model.threats.filter((t) => t.priority === p).length])) as Record<Priority, number>;

  return (
    <div>
      <Section id="overview" number={1} title="Feature overview">
        <dl className="grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-slate-600">Feature being modeled</dt>
            <dd className="mt-0.5 text-slate-900">{model.featureName || "—"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">System diagram reference</dt>
            <dd className="mt-0.5 text-slate-900">{model.systemDiagramRef || "—"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Owning team</dt>
            <dd className="mt-0.5 text-slate-900">{model.ownerTeam || "—"}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="font-medium text-slate-600">Overview</dt>
            <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{model.overview || "—"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">In scope</dt>
            <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{model.scopeIn || "—"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Out of scope</dt>
            <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{model.scopeOut || "—"}</dd>
          </div>
        </dl>
      </Section>

      <Section id="architecture" number={2} title="System architecture">
        {/* Written in Markdown, as the editor's preview shows it: a fenced block is the diagram. */}
        {model.architecture ? <Markdown>{model.architecture}</Markdown> : <Empty>No architecture or data flow described yet.</Empty>}
        {model.dataFlow && (
          <div className="mt-3">
            <h3 className="text-sm font-semibold text-slate-900">Data flow</h3>
            <Markdown>{model.dataFlow}</Markdown>
          </div>
        )}
      </Section>

      <Section id="trust-boundaries" number={3} title="Trust boundaries">
        {model.trustBoundaries.length ? (
          <Table caption="Trust boundaries" head={["Boundary", "Description", "What crosses it"]} rows={model.trustBoundaries.map((b) => [<strong key="n">{b.name}</strong>, b.description, b.crossing])} />
        ) : (
          <Empty>No trust boundaries recorded.</Empty>
        )}
      </Section>

      <Section id="assets" number={4} title="Assets to protect">
        {model.assets.length ? (
          <Table caption="Assets" head={["Asset", "Classification", "If compromised"]} rows={model.assets.map((a) => [<strong key="n">{a.name}</strong>, CLASSIFICATION_LABELS[a.classification], a.compromiseImpact])} />
        ) : (
          <Empty>No assets recorded.</Empty>
        )}
      </Section>

      <Section id="stride" number={5} title="STRIDE threat analysis">
        <div className="space-y-6">
          {STRIDE_CATEGORIES.map((category) => {
            const threats = model.threats.filter((t) => t.category === category);
            const assessment = model.strideAssessments.find((a) => a.category === category);
            const label = STRIDE_LABELS[category];
            return (
              <section key={category} aria-labelledby={`stride-${category}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 id={`stride-${category}`} className="text-sm font-semibold text-slate-900">
                    {label.name} ({label.letter}) <span className="font-normal text-slate-500">— {label.question}</span>
                  </h3>
                  {assessment && <LevelBadge level={assessment.residualRisk} prefix="Residual risk" />}
                </div>
                {assessment?.justification && <p className="mt-1 text-xs text-slate-600">{assessment.justification}</p>}
                {threats.length === 0 ? (
                  <p className="mt-2 text-sm text-slate-600 italic">No threats recorded in this category.</p>
                ) : (
                  <ul className="mt-2 space-y-2">
                    {threats.map((t) => (
                      <li key={t.id} id={`threat-${t.id}`} className="scroll-mt-24 rounded-md border border-slate-200 p-3">
                        <div className="flex flex-wrap items-start justify-between gap-2">
                          <p className="font-medium text-slate-900">{t.title}</p>
                          <span className="flex flex-wrap gap-1.5">
                            <LevelBadge level={t.priority} prefix="Priority" />
                            {t.residualRisk && <LevelBadge level={t.residualRisk} prefix="Residual risk" />}
                          </span>
                        </div>
                        <p className="mt-1 text-xs text-slate-600">
                          Likelihood {LEVEL_LABELS[t.likelihood]} · Impact {LEVEL_LABELS[t.impact]}
                          {t.priorityOverrideReason && ` · Priority set by hand: ${t.priorityOverrideReason}`}
                        </p>
                        {t.description && <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{t.description}</p>}
                        {(t.residualRisk || t.residualRiskJustification) && (
                          <p className="mt-1 text-sm text-slate-700">
                            <span className="font-medium">Residual risk:</span> {t.residualRisk ? LEVEL_LABELS[t.residualRisk] : "Not rated"}
                            {t.residualRiskJustification && ` — ${t.residualRiskJustification}`}
                          </p>
                        )}
                        {t.attackVectors.length > 0 && (
                          <p className="mt-1 text-sm text-slate-700">
                            <span className="font-medium">Attack vectors:</span> {t.attackVectors.join("; ")}
                          </p>
                        )}
                        {t.mitigations.length > 0 && (
                          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Mitigations">
                            {t.mitigations.map(({ mitigationId }) => {
                              const m = mitigationById.get(mitigationId);
                              return m ? (
                                <li key={mitigationId} className="flex items-center gap-1 rounded border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs">
                                  {m.title} <ImplementationBadge status={m.status} />
                                </li>
                              ) : null;
                            })}
                          </ul>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      </Section>

      <Section id="risk-summary" number={6} title="Risk summary" description="Counted from the threats above; fix-by rules from the organization’s settings.">
        <Table caption="Threats per priority" head={["Priority", "Count", "Must fix"]} rows={PRIORITIES.map((p) => [<LevelBadge key="p" level={p} />, <span key="c" className="tabular-nums">{priorityCounts[p]}</span>, fixByWording(p, fixBy)])} />
      </Section>

      <Section id="mitigations" number={7} title="Mitigations">
        {mitigations ?? (model.mitigations.length ? (
          <Table
            caption="Mitigations"
            head={["Mitigation", "Status", "Task", "Owner", "Due", "Covers"]}
            rows={model.mitigations.map((m) => [
              <span key="t" className="font-medium">{m.title}</span>,
              <ImplementationBadge key="s" status={m.status} />,
              m.taskRef || "—",
              m.owner?.name ?? "—",
              formatDate(m.dueDate),
              `${m.threats.length} threat${m.threats.length === 1 ? "" : "s"}, ${m.scenarios.length} scenario${m.scenarios.length === 1 ? "" : "s"}`,
            ])}
          />
        ) : (
          <Empty>No mitigations recorded.</Empty>
        ))}
      </Section>

      <Section id="scenarios" number={8} title="Attack scenarios">
        {model.attackScenarios.length ? (
          <ul className="space-y-3">
            {model.attackScenarios.map((s) => (
              <li key={s.id} className="rounded-md border border-slate-200 p-3">
                <p className="font-medium text-slate-900">{s.title}</p>
                {/* Steps written as a numbered list stay a list. */}
                {s.description && <Markdown>{s.description}</Markdown>}
                <p className="mt-1 text-xs text-slate-600">
                  Likelihood {LEVEL_LABELS[s.likelihood]} · Impact {LEVEL_LABELS[s.impact]}
                </p>
                {s.mitigations.length > 0 && (
                  <p className="mt-1 text-xs text-slate-700">
                    Mitigated by: {s.mitigations.map((l) => mitigationById.get(l.mitigationId)?.title).filter(Boolean).join(", ")}
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No attack scenarios recorded.</Empty>
        )}
      </Section>

      <Section id="controls" number={9} title="Security controls summary">
        {model.securityControls.length ? (
          <Table caption="Security controls" head={["Control", "Status", "Effectiveness"]} rows={model.securityControls.map((c) => [c.name, <ImplementationBadge key="s" status={c.status} />, LEVEL_LABELS[c.effectiveness]])} />
        ) : (
          <Empty>No security controls recorded.</Empty>
        )}
      </Section>

      <Section id="invariants" number={10} title="Security invariants">
        {model.securityInvariants.length ? (
          <ol className="space-y-3">
            {model.securityInvariants.map((i) => (
              <li key={i.id} className="rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800">
                <p className="font-semibold">
                  Article {i.article} — {i.topic}
                </p>
                <p>WHEN {i.condition}</p>
                <p>THE SYSTEM SHALL {i.requirement}</p>
              </li>
            ))}
          </ol>
        ) : (
          <Empty>No security invariants recorded.</Empty>
        )}
      </Section>

      <Section id="residual-risks" number={11} title="Residual risks" description="Threats accepted without full mitigation; each needs a security lead’s sign-off.">
        {model.acceptances.length ? (
          <Table
            caption="Residual risks"
            head={["Threat", "Why accepted", "Risk owner", "Review date", "Sign-off"]}
            rows={model.acceptances.map((a) => [
              a.threatTitle,
              a.reason,
              a.riskOwner,
              formatDate(a.reviewDate),
              snapshot
                ? "See the review page"
                : riskSignOffLabel({ status: a.status, decidedBy: a.decidedBy?.name ?? null, decidedByEmail: null, decidedAt: a.decidedAt?.toISOString() ?? null }, ymd(a.reviewDate), today),
            ])}
          />
        ) : (
          <Empty>No residual risks proposed for acceptance.</Empty>
        )}
      </Section>

      <Section id="approval" number={12} title="Review & approval">
        {model.approvals.length ? (
          <Table
            caption="Approvals"
            head={["Role", "Name", "Decision", "Date"]}
            rows={signOffRows(model.approvals.map((a) => ({ capacity: a.capacity, name: a.reviewer.name, email: null, decision: a.decision, at: a.createdAt.toISOString() }))).map((r) => [r.role, r.name, r.decision, r.date])}
          />
        ) : (
          <Empty>No review decisions yet. Approval by a security lead and a tech lead is required before implementing any security-sensitive feature.</Empty>
        )}
      </Section>
    </div>
  );
}
