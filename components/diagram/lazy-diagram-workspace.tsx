"use client";
import dynamic from "next/dynamic";

/**
 * The diagram editor, loaded only when the diagram is shown: React Flow is most of its weight,
 * and the model page's first load stays small without it. Browser only (it measures the DOM).
 */
export const LazyDiagramWorkspace = dynamic(() => import("./diagram-workspace"), {
  ssr: false,
  loading: () => (
    <p className="h-[32rem] rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-600" role="status">
      Loading the diagram editor…
    </p>
  ),
});

export default LazyDiagramWorkspace;
