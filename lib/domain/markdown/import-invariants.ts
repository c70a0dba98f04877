// Security invariants: "Article N — Topic", then WHEN and THE SYSTEM SHALL lines.
import type { Reader } from "./import-reader";
import { isPlaceholder } from "./vocabulary";

// ─── Security invariants ────────────────────────────────────────────────────────────────

export function readInvariants(r: Reader, text: string, line: number | undefined, fromCode: boolean) {
  type Draft = {
    article: number | null;
    articleText: string;
    topic: string;
    condition: string[];
    requirement: string[];
    line: number | undefined;
    part: "topic" | "when" | "shall";
  };
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const lines = text.split("\n");
  lines.forEach((rawLine, i) => {
    const lineNo = line === undefined ? undefined : line + i + (fromCode ? 1 : 0);
    const article = /^\s*Article\s+(\S+)\s*(?:[—–:-]+\s?)?(.*)$/i.exec(rawLine);
    if (article) {
      current = {
        article: /^\d+$/.test(article[1]!) ? Number(article[1]) : null,
        articleText: article[1]!,
        topic: article[2]!,
        condition: [],
        requirement: [],
        line: lineNo,
        part: "topic",
      };
      drafts.push(current);
      return;
    }
    const draft = current as Draft | null;
    if (!draft) {
      if (rawLine.trim()) r.warn(null, "A security invariant must start with “Article N — Topic”; this line was not imported.", lineNo);
      return;
    }
    const when = /^WHEN\s(.*)$/.exec(rawLine) ?? /^WHEN$/.exec(rawLine);
    const shall = /^THE SYSTEM SHALL\s(.*)$/.exec(rawLine) ?? /^THE SYSTEM SHALL$/.exec(rawLine);
    if (when && draft.part === "topic") {
      draft.part = "when";
      draft.condition.push(when[1] ?? "");
    } else if (shall && draft.part !== "shall") {
      draft.part = "shall";
      draft.requirement.push(shall[1] ?? "");
    } else if (draft.part === "topic") draft.topic += `\n${rawLine}`;
    else if (draft.part === "when") draft.condition.push(rawLine);
    else draft.requirement.push(rawLine);
  });
  for (const draft of drafts) {
    // Kept as written, full stop included: the requirement is the author's sentence.
    const requirement = draft.requirement.join("\n").replace(/\n+$/, "");
    const condition = draft.condition.join("\n");
    const parts = [draft.articleText, draft.topic, condition, requirement];
    if (parts.some((p) => isPlaceholder(p.trim()))) continue; // the template's "Article [N] — [Topic]"
    if (!draft.requirement.length) {
      r.warn(null, "This security invariant has no “THE SYSTEM SHALL” line; it was not imported.", draft.line);
      continue;
    }
    let article = draft.article;
    if (article === null) {
      article = r.doc.securityInvariants.length + 1;
      r.warn(null, `The article number “${draft.articleText}” is not a number; it was imported as ${article}.`, draft.line);
    }
    r.doc.securityInvariants.push({ article, topic: draft.topic, condition, requirement });
  }
}
