"use client";
import { useState } from "react";
import { CoverageFigure } from "@/components/diagram/coverage-figure";
import type { EditorDiagram } from "@/components/diagram/types";
import { documentCoverage } from "@/lib/domain/diagram/coverage";
import type { LocalState } from "./state";

/**
 * Below the diagram: the model's coverage (the rule the review page and the dashboard count by,
 * on what is in the editor now) and the downloads of the saved diagrams. Loaded with the diagram
 * editor, not with the page: the rules behind the figure are only needed once a diagram shows.
 */
export default function DiagramFooter({
  state,
  svgHref,
}: {
  state: Pick<LocalState, "diagrams" | "threats" | "dismissals" | "trustBoundaries">;
  svgHref: (diagramId: string) => string;
}) {
  const coverage = documentCoverage({
    diagrams: state.diagrams.map((d) => ({ ...d, id: d.id ?? d.key })),
    threats: state.threats,
    suggestionDismissals: state.dismissals,
    trustBoundaries: state.trustBoundaries,
  });
  const saved = state.diagrams.filter((d): d is EditorDiagram & { id: string } => Boolean(d.id));
  return (
    <div className="mt-3 space-y-2">
      <CoverageFigure coverage={coverage} nameOf={(id) => coverage.itemNames[id] ?? id} />
      {saved.length > 0 && (
        <ul className="space-y-1 text-sm text-slate-700" aria-label="Downloads of the saved diagrams">
          {saved.map((d) => (
            <li key={d.key}>
              {d.name} (as last saved):{" "}
              <a className="text-brand-700 underline" href={svgHref(d.id)} download>
                SVG
              </a>{" "}
              · <PngDownload href={svgHref(d.id)} name={d.name} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Twice the drawing's size, so the picture stays sharp on a slide or in a ticket. */
const PNG_SCALE = 2;

/**
 * The PNG of a saved diagram, drawn in the browser from its SVG (the same picture readers see),
 * on white: the server sends one drawing, and no image library ships for a download.
 */
function PngDownload({ href, name }: { href: string; name: string }) {
  const [state, setState] = useState<"idle" | "working" | "failed">("idle");
  const download = async () => {
    setState("working");
    try {
      const response = await fetch(href);
      if (!response.ok) throw new Error(String(response.status));
      const svg = URL.createObjectURL(new Blob([await response.text()], { type: "image/svg+xml" }));
      try {
        const image = new Image();
        image.src = svg;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = Math.ceil(image.naturalWidth * PNG_SCALE);
        canvas.height = Math.ceil(image.naturalHeight * PNG_SCALE);
        const context = canvas.getContext("2d")!;
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
        if (!png) throw new Error("no picture");
        const link = document.createElement("a");
        link.href = URL.createObjectURL(png);
        link.download = fileNameOf(response.headers.get("content-disposition"), name);
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      } finally {
        URL.revokeObjectURL(svg);
      }
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <>
      <button type="button" className="text-brand-700 underline disabled:text-slate-500" onClick={download} disabled={state === "working"}>
        {state === "working" ? "PNG (drawing…)" : "PNG"}
      </button>
      {state === "failed" && (
        <span role="alert" className="ml-2 text-red-700">
          The PNG could not be drawn: reload the page and try again, or download the SVG.
        </span>
      )}
    </>
  );
}

/** Named as the server names the SVG (the model's and the diagram's names), or after the diagram. */
function fileNameOf(disposition: string | null, name: string) {
  const sent = disposition?.match(/filename="([^"]+)\.svg"/)?.[1];
  return `${sent || name.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "diagram"}.png`;
}
