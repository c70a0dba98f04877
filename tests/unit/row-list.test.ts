import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ROWS_DRAWN_AT_ONCE, RowList } from "@/components/model-editor/row-list";

type Row = { key: string; id?: string; title: string };

function markup(rows: Row[]) {
  return renderToStaticMarkup(
    createElement(RowList<Row>, {
      rows,
      setRows: () => undefined,
      newRow: () => ({ key: "new", title: "" }),
      render: (row) => createElement("input", { "aria-label": "Title", defaultValue: row.title }),
      itemLabel: (row) => row.title,
      summaryOf: (row) => `summary of ${row.title}`,
      anchorOf: (row) => (row.id ? `threat-${row.id}` : undefined),
      addLabel: "Add",
      emptyText: "None",
    }),
  );
}

describe("a long list of rows, as the server sends it", () => {
  const saved = Array.from({ length: 25 }, (_, i) => ({ key: `k${i}`, id: `id${i}`, title: `Row ${i + 1}` }));

  it("draws the first rows in full and the others by name, summary and link target", () => {
    const html = markup(saved);
    expect(html.match(/<input/g)).toHaveLength(ROWS_DRAWN_AT_ONCE);
    expect(html.match(/data-deferred-row/g)).toHaveLength(25 - ROWS_DRAWN_AT_ONCE);
    expect(html).toContain('id="threat-id24"');
    expect(html).toContain("Row 25");
    expect(html).toContain("summary of Row 25");
    expect(html).not.toContain("summary of Row 1<");
  });

  it("draws a new row at once, wherever it is", () => {
    const html = markup([...saved, { key: "fresh", title: "Typed just now" }]);
    expect(html).toContain('value="Typed just now"');
  });

  it("draws a short list in full", () => {
    expect(markup(saved.slice(0, 4)).match(/<input/g)).toHaveLength(4);
  });
});
