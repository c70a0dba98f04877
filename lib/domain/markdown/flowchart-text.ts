// Whether a ```mermaid block is a flowchart (which can become a diagram) or another kind of
// Mermaid chart (which stays text). Its own file: the exporter's escaping and the diagram
// blocks both ask.

/** Whether the first statement of a Mermaid block, past comments and front matter, is "flowchart" or "graph". */
export function isMermaidFlowchartText(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let i = 0;
  const skip = () => {
    while (i < lines.length && (!lines[i]!.trim() || /^\s*%%/.test(lines[i]!))) i++;
  };
  skip();
  if (lines[i]?.trim() === "---") {
    const close = lines.findIndex((l, at) => at > i && l.trim() === "---");
    if (close < 0) return false;
    i = close + 1;
    skip();
  }
  return /^(flowchart|graph)\b/i.test(lines[i]?.trim() ?? "");
}
