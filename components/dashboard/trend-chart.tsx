"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { LEVEL_LABELS, PRIORITIES, type Priority } from "@/lib/domain/threat-model";

export type TrendChartPoint = { label: string } & Record<Priority, number>;

/** Colour repeats what the dash pattern and the marker already say, so the lines read in grey. */
const SERIES: Record<Priority, { color: string; dash: string; dot: "circle" | "square" | "triangle" | "diamond" }> = {
  CRITICAL: { color: "#b91c1c", dash: "", dot: "square" },
  HIGH: { color: "#b45309", dash: "8 4", dot: "triangle" },
  MEDIUM: { color: "#1d4ed8", dash: "3 3", dot: "diamond" },
  LOW: { color: "#475569", dash: "1 5", dot: "circle" },
};

function Marker({ cx, cy, shape, color }: { cx?: number; cy?: number; shape: (typeof SERIES)[Priority]["dot"]; color: string }) {
  if (cx === undefined || cy === undefined) return null;
  const s = 4;
  switch (shape) {
    case "square":
      return <rect x={cx - s} y={cy - s} width={2 * s} height={2 * s} fill={color} />;
    case "triangle":
      return <path d={`M${cx} ${cy - s - 1}L${cx + s + 1} ${cy + s}L${cx - s - 1} ${cy + s}Z`} fill={color} />;
    case "diamond":
      return <path d={`M${cx} ${cy - s - 1}L${cx + s + 1} ${cy}L${cx} ${cy + s + 1}L${cx - s - 1} ${cy}Z`} fill="white" stroke={color} strokeWidth={2} />;
    default:
      return <circle cx={cx} cy={cy} r={s} fill="white" stroke={color} strokeWidth={2} />;
  }
}

/** Open threats per priority over the last 12 week ends. The table beside it carries the numbers. */
export default function TrendChart({ points }: { points: TrendChartPoint[] }) {
  return (
    <div className="h-64 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        {/* Hidden from assistive technology (the table beside it carries the numbers), so nothing in it may take focus. */}
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="2 4" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={40} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {PRIORITIES.map((p) => (
            <Line
              key={p}
              type="linear"
              dataKey={p}
              name={LEVEL_LABELS[p]}
              stroke={SERIES[p].color}
              strokeWidth={2}
              strokeDasharray={SERIES[p].dash}
              isAnimationActive={false}
              dot={(props: { cx?: number; cy?: number; index?: number }) => <Marker key={`${p}-${props.index}`} cx={props.cx} cy={props.cy} shape={SERIES[p].dot} color={SERIES[p].color} />}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
