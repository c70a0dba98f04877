import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ModelView, viewOfDocument } from "@/components/threat-models/model-view";
import { AUTH_SERVICE_MODEL } from "@/lib/demo/models";
import { exportMarkdown } from "@/lib/domain/markdown/export";
import { DEFAULT_FIX_BY } from "@/lib/domain/sla";

/** "6. Risk summary" for every numbered section heading the document view shows, in order. */
function viewHeadings(): string[] {
  const html = renderToStaticMarkup(createElement(ModelView, { model: viewOfDocument(AUTH_SERVICE_MODEL, [], () => undefined), fixBy: DEFAULT_FIX_BY }));
  return Array.from(html.matchAll(/<h2[^>]*>(\d+\. [^<]+)<\/h2>/g), (m) => m[1]!.replace(/&amp;/g, "&"));
}

describe("the document view and the Markdown export", () => {
  it("number the same sections the same way", () => {
    const exported = exportMarkdown(AUTH_SERVICE_MODEL)
      .split("\n")
      .filter((line) => line.startsWith("## "))
      .map((line) => line.slice(3));
    const shown = viewHeadings();
    expect(shown).toHaveLength(exported.length);
    // The screen's titles are the short form of the template's headings ("Mitigations" for "Mitigations Implemented").
    shown.forEach((heading, i) => expect(exported[i]!.toLowerCase().startsWith(heading.toLowerCase())).toBe(true));
  });

  it("show Risk summary 6th, as the template does", () => {
    expect(viewHeadings()[5]).toBe("6. Risk summary");
  });
});
