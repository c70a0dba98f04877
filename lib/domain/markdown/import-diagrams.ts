// Mermaid flowcharts in the architecture section become the document's diagrams; any other
// code block (an ASCII drawing, a sequence diagram) stays in the section's text as before.
import type { Code, RootContent } from "mdast";
import { MAX_DIAGRAMS_PER_MODEL } from "../diagram/schema";
import { isMermaidFlowchartText, readDiagramBlock, withUniqueIds } from "./diagram-blocks";
import type { Reader } from "./import-reader";

export function isMermaidFlowchart(node: RootContent): node is Code {
  return node.type === "code" && /^mermaid$/i.test(node.lang ?? "") && isMermaidFlowchartText(node.value);
}

/**
 * Reads one flowchart block into a diagram, named by the heading just before it ("Diagram:
 * name", or any other heading), else by its title, else "Diagram N". A block that cannot be read
 * is kept in the text with a warning naming its line; it never stops the rest of the file.
 */
export function readDiagramNode(r: Reader, node: Code) {
  const heading = r.lastHeading;
  r.lastHeading = null;
  const line = node.position?.start.line;
  const diagrams = (r.doc.diagrams ??= []);
  const keepAsText = () => {
    // The heading goes back in front of the block, so the text reads as it was written.
    if (heading?.diagram) r.blocks[r.block ?? "architecture"].push(heading.node);
    r.blocks[r.block ?? "architecture"].push(node);
  };
  if (diagrams.length >= MAX_DIAGRAMS_PER_MODEL) {
    r.warn(node, `The Mermaid diagram on line ${line} was kept as text: a threat model holds at most ${MAX_DIAGRAMS_PER_MODEL} diagrams.`);
    keepAsText();
    return;
  }
  const number = diagrams.length + 1;
  const name = heading?.text.trim().slice(0, 200) || undefined;
  const read = readDiagramBlock(node.value, { id: `diagram-${number}`, name });
  if (!read.ok) {
    // Line numbers of the block's text, as lines of the file (the fence is the block's line).
    const refusals = read.refusals.map((m) => (line === undefined ? m : m.replace(/^Line (\d+):/, (_, n: string) => `Line ${Number(n) + line}:`)));
    r.warn(node, `The Mermaid diagram on line ${line} could not be read and was kept as text: ${refusals.join(" ")}`);
    keepAsText();
    return;
  }
  // A heading that went into the text only to name this block comes out of it again.
  if (heading?.pushedTo) {
    const block = r.blocks[heading.pushedTo];
    if (block[block.length - 1] === heading.node) block.pop();
  }
  let diagram = read.diagram;
  if (!name && diagram.name === "Imported diagram") diagram = { ...diagram, name: `Diagram ${number}` };
  const taken = new Set(diagrams.flatMap((d) => [...d.elements, ...d.flows, ...d.boundaries].map((i) => i.id)));
  const ids = new Set(diagrams.map((d) => d.id));
  if (ids.has(diagram.id)) {
    let n = number;
    while (ids.has(`diagram-${n}`)) n++;
    diagram = { ...diagram, id: `diagram-${n}` };
  }
  diagram = withUniqueIds(diagram, taken);
  for (const note of read.notes) r.warn(node, `The Mermaid diagram on line ${line} was read, but ${note}.`);
  diagrams.push(diagram);
  const start = (heading?.node ?? node).position?.start.offset;
  const end = node.position?.end.offset;
  if (start !== undefined && end !== undefined) r.diagramRanges.push({ start, end });
}
