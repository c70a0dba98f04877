"use client";
import dynamic from "next/dynamic";
import type { TrendChartPoint } from "./trend-chart";

/** The chart library loads only on the dashboard, after the page: the numbers are already in the table. */
const TrendChart = dynamic(() => import("./trend-chart"), {
  ssr: false,
  loading: () => <div className="h-64 w-full animate-pulse rounded bg-slate-50" aria-hidden="true" />,
});

export function LazyTrendChart({ points }: { points: TrendChartPoint[] }) {
  return <TrendChart points={points} />;
}
