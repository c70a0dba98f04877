// Markdown parsing time grows faster than the input on a few shapes (huge tables, deep nesting,
// thousands of unmatched brackets) and a deep enough nesting overflows the parser's stack.
// A threat model is a few dozen kilobytes; these limits are far above any real one and keep a
// hostile or broken upload to a few seconds. Lines are blanked, never removed, so every
// warning's line number still points into the file the user has.

export const LIMITS = {
  maxChars: 200_000,
  maxLineChars: 4_000,
  maxTableRows: 2_000,
  maxIndent: 64,
  maxQuoteDepth: 32,
  maxBracketsPerBlock: 400,
} as const;

export type GuardNote = { line?: number; message: string };

export function guardSource(input: string): { source: string; notes: GuardNote[] } {
  const notes: GuardNote[] = [];
  let text = input;
  if (text.length > LIMITS.maxChars) {
    const cut = text.lastIndexOf("\n", LIMITS.maxChars);
    text = text.slice(0, cut > 0 ? cut : LIMITS.maxChars);
    notes.push({
      line: text.split("\n").length,
      message: `The file is larger than ${LIMITS.maxChars.toLocaleString("en")} characters; only the first ${text.split("\n").length.toLocaleString("en")} lines were read.`,
    });
  }

  const lines = text.split("\n");
  let longLine: number | undefined;
  let deepLine: number | undefined;
  let tableRows = 0;
  let tableCutAt: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.length > LIMITS.maxLineChars) {
      line = line.slice(0, LIMITS.maxLineChars);
      longLine ??= i + 1;
    }
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent > LIMITS.maxIndent) {
      line = line.slice(0, LIMITS.maxIndent) + line.slice(indent);
      deepLine ??= i + 1;
    }
    const prefix = /^[\s>]*/.exec(line)![0];
    if ((prefix.match(/>/g)?.length ?? 0) > LIMITS.maxQuoteDepth) {
      line = ">".repeat(LIMITS.maxQuoteDepth) + " " + line.slice(prefix.length);
      deepLine ??= i + 1;
    }
    const listPrefix = /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)+/.exec(line)?.[0] ?? "";
    if (listPrefix.length > LIMITS.maxIndent) {
      line = line.slice(listPrefix.length - LIMITS.maxIndent);
      deepLine ??= i + 1;
    }
    if (line.trimStart().startsWith("|")) {
      tableRows++;
      if (tableRows > LIMITS.maxTableRows + 2) {
        tableCutAt ??= i + 1;
        line = "";
      }
    } else tableRows = 0;
    lines[i] = line;
  }
  if (longLine !== undefined) notes.push({ line: longLine, message: `Lines longer than ${LIMITS.maxLineChars} characters were cut short.` });
  if (deepLine !== undefined) notes.push({ line: deepLine, message: "Very deeply nested quotes or lists were flattened." });
  if (tableCutAt !== undefined) notes.push({ line: tableCutAt, message: `Tables longer than ${LIMITS.maxTableRows} rows were cut short.` });

  // Unmatched brackets make link matching quadratic: a block full of them is not a template
  // placeholder, so its brackets are read as plain characters.
  let blockStart = 0;
  let brackets = 0;
  let escapedAt: number | undefined;
  const closeBlock = (end: number) => {
    if (brackets > LIMITS.maxBracketsPerBlock) {
      escapedAt ??= blockStart + 1;
      for (let j = blockStart; j < end; j++) lines[j] = lines[j]!.replace(/(?<!\\)([[\]])/g, "\\$1");
    }
  };
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.trim() === "") {
      closeBlock(i);
      blockStart = i + 1;
      brackets = 0;
    } else {
      for (const char of line) if (char === "[" || char === "]") brackets++;
    }
  }
  if (escapedAt !== undefined) notes.push({ line: escapedAt, message: "A block with hundreds of brackets was read as plain text." });

  return { source: lines.join("\n"), notes };
}
