import type { ReactNode } from "react";
import type { PriorityCounts } from "@/lib/data/dashboard/get-dashboard";
import { LEVEL_LABELS, PRIORITIES, type Priority } from "@/lib/domain/threat-model";

// The trend as plain SVG drawn on the server: no chart library, no script, nothing focusable.
// Three drawings for three widths (only one shows), so the text stays legible on a phone; each
// series is two paths (its line and its markers), which keeps the page's DOM and payload small.

export type TrendChartPoint = { label: string; counts: PriorityCounts | null; demo: boolean; beforeRecording: boolean };

/** Colour repeats what the dash pattern and the marker already say, so the lines read in grey. */
type Marker = "square" | "triangle" | "diamond" | "circle";
const SERIES: Record<Priority, { color: string; dash?: string; marker: Marker }> = {
  CRITICAL: { color: "#b91c1c", marker: "square" },
  HIGH: { color: "#b45309", dash: "8 4", marker: "triangle" },
  MEDIUM: { color: "#1d4ed8", dash: "3 3", marker: "diamond" },
  LOW: { color: "#475569", dash: "1 5", marker: "circle" },
};
const AXIS_TEXT = "#475569";
const GRID = "#e2e8f0";

/** One marker's outline as path data, so all of a series' markers are a single element. */
function markerPath(x: number, y: number, shape: Marker): string {
  const s = 4;
  switch (shape) {
    case "square":
      return `M${x - s} ${y - s}h${2 * s}v${2 * s}h${-2 * s}Z`;
    case "triangle":
      return `M${x} ${y - s - 1}L${x + s + 1} ${y + s}L${x - s - 1} ${y + s}Z`;
    case "diamond":
      return `M${x} ${y - s - 1}L${x + s + 1} ${y}L${x} ${y + s + 1}L${x - s - 1} ${y}Z`;
    default:
      return `M${x - s} ${y}a${s} ${s} 0 1 0 ${2 * s} 0a${s} ${s} 0 1 0 ${-2 * s} 0Z`;
  }
}

/** Squares and triangles are filled; diamonds and circles are outlined, a second cue besides the shape. */
function Markers({ d, priority }: { d: string; priority: Priority }) {
  const { color, marker } = SERIES[priority];
  const filled = marker === "square" || marker === "triangle";
  return <path d={d} fill={filled ? color : "white"} stroke={filled ? undefined : color} strokeWidth={filled ? undefined : 2} />;
}

/** A round top for the y axis and its tick step: at most five gridlines, whole numbers. */
function yScale(max: number) {
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000].find((s) => max / s <= 4) ?? Math.ceil(max / 4);
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

type Size = { id: string; width: number; height: number; labelEvery: number; className: string };
const SIZES: Size[] = [
  { id: "narrow", width: 360, height: 220, labelEvery: 3, className: "sm:hidden" },
  { id: "medium", width: 640, height: 240, labelEvery: 2, className: "hidden sm:block xl:hidden" },
  { id: "wide", width: 920, height: 260, labelEvery: 1, className: "hidden xl:block" },
];

function Drawing({ points, size }: { points: TrendChartPoint[]; size: Size }) {
  const pad = { left: 36, right: 14, top: 22, bottom: 34 };
  const innerW = size.width - pad.left - pad.right;
  const innerH = size.height - pad.top - pad.bottom;
  const step = innerW / Math.max(1, points.length - 1);
  const x = (i: number) => pad.left + i * step;
  const max = Math.max(0, ...points.flatMap((p) => (p.counts ? PRIORITIES.map((pr) => p.counts![pr]) : [])));
  const { top, step: tick } = yScale(max);
  const y = (n: number) => pad.top + innerH - (n / top) * innerH;
  const ticks = Array.from({ length: top / tick + 1 }, (_, i) => i * tick);
  const last = points.length - 1;
  // Week i's band reaches half a step either side of its point, within the plot.
  const band = (from: number, to: number) => {
    const left = Math.max(pad.left, x(from) - step / 2);
    return { x: left, width: Math.min(pad.left + innerW, x(to) + step / 2) - left };
  };
  /** Runs of consecutive weeks sharing a property, as [first, last] index pairs. */
  const runs = (has: (p: TrendChartPoint) => boolean) => {
    const out: [number, number][] = [];
    points.forEach((p, i) => {
      if (!has(p)) return;
      const run = out.at(-1);
      if (run && run[1] === i - 1) run[1] = i;
      else out.push([i, i]);
    });
    return out;
  };
  const hatch = `trend-hatch-${size.id}`;
  const path = (priority: Priority) =>
    points.map((p, i) => (p.counts ? `${i > 0 && points[i - 1]!.counts ? "L" : "M"}${x(i).toFixed(1)} ${y(p.counts[priority]).toFixed(1)}` : "")).join("");

  return (
    <svg
      viewBox={`0 0 ${size.width} ${size.height}`}
      className={`h-auto w-full ${size.className}`}
      role="img"
      aria-label="Line chart of the recorded open threats per priority at each week's end. The same figures are in the table below."
      fontFamily="inherit"
    >
      <defs>
        <pattern id={hatch} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#f8fafc" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#cbd5e1" strokeWidth="2" />
        </pattern>
      </defs>
      {runs((p) => p.counts === null).map(([from, to]) => {
        const b = band(from, to);
        const before = points[from]!.beforeRecording;
        return (
          <g key={`gap-${from}`}>
            <rect x={b.x} y={pad.top} width={b.width} height={innerH} fill={`url(#${hatch})`} />
            {b.width >= 64 && (
              <text x={b.x + b.width / 2} y={pad.top + innerH / 2} textAnchor="middle" fontSize="12" fontWeight="600" fill={AXIS_TEXT}>
                <tspan x={b.x + b.width / 2}>Not recorded</tspan>
                {before && b.width >= 110 && (
                  <tspan x={b.x + b.width / 2} dy="16" fontWeight="400">
                    (before recording began)
                  </tspan>
                )}
              </text>
            )}
          </g>
        );
      })}
      {runs((p) => p.demo).map(([from, to]) => {
        const b = band(from, to);
        return (
          <g key={`demo-${from}`}>
            <rect x={b.x} y={pad.top} width={b.width} height={innerH} fill="#fffbeb" />
            <text x={b.x + b.width / 2} y={pad.top - 7} textAnchor="middle" fontSize="11" fontWeight="600" fill="#92400e">
              Demo data
            </text>
          </g>
        );
      })}
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pad.left} x2={pad.left + innerW} y1={y(t)} y2={y(t)} stroke={GRID} strokeDasharray={t === 0 ? undefined : "2 4"} />
          <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill={AXIS_TEXT}>
            {t}
          </text>
        </g>
      ))}
      {points.map((p, i) =>
        (last - i) % size.labelEvery === 0 ? (
          <text
            key={p.label}
            x={x(i)}
            y={size.height - pad.bottom + 18}
            textAnchor={i === last ? "end" : "middle"}
            fontSize="11"
            fill={AXIS_TEXT}
            dx={i === last ? 6 : 0}
          >
            {i === last ? "Today" : p.label}
          </text>
        ) : null,
      )}
      {PRIORITIES.map((priority) => (
        <g key={priority}>
          <path d={path(priority)} fill="none" stroke={SERIES[priority].color} strokeWidth={2} strokeDasharray={SERIES[priority].dash} />
          <Markers priority={priority} d={points.map((p, i) => (p.counts ? markerPath(x(i), y(p.counts[priority]), SERIES[priority].marker) : "")).join("")} />
        </g>
      ))}
    </svg>
  );
}

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" className="shrink-0">
      {children}
    </svg>
  );
}

/** Open threats per priority at the last 12 week ends, as recorded. The table beside it carries the numbers. */
export function TrendChart({ points }: { points: TrendChartPoint[] }) {
  const anyGap = points.some((p) => p.counts === null);
  const anyDemo = points.some((p) => p.demo);
  return (
    <figure>
      {SIZES.map((size) => (
        <Drawing key={size.id} points={points} size={size} />
      ))}
      <figcaption>
        <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 px-2 pt-1 text-xs text-slate-700">
          {PRIORITIES.map((p) => (
            <li key={p} className="flex items-center gap-1.5">
              <Swatch>
                <line x1="1" x2="27" y1="6" y2="6" stroke={SERIES[p].color} strokeWidth="2" strokeDasharray={SERIES[p].dash} />
                <Markers priority={p} d={markerPath(14, 6, SERIES[p].marker)} />
              </Swatch>
              {LEVEL_LABELS[p]}
            </li>
          ))}
          {anyGap && (
            <li className="flex items-center gap-1.5">
              <Swatch>
                <pattern id="trend-hatch-legend" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill="#f8fafc" />
                  <line x1="0" y1="0" x2="0" y2="6" stroke="#94a3b8" strokeWidth="2" />
                </pattern>
                <rect x="1" y="1" width="26" height="10" fill="url(#trend-hatch-legend)" stroke="#cbd5e1" />
              </Swatch>
              Not recorded
            </li>
          )}
          {anyDemo && (
            <li className="flex items-center gap-1.5">
              <Swatch>
                <rect x="1" y="1" width="26" height="10" fill="#fffbeb" stroke="#fcd34d" />
              </Swatch>
              Demo data
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
