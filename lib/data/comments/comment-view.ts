import "server-only";

// How a stored comment is read and handed to the page, shared by the comment use cases.

export type CommentView = {
  id: string;
  body: string;
  createdAt: Date;
  author: { id: string; name: string };
  threat: { id: string; title: string } | null;
  mentions: { id: string; name: string }[];
};

export const COMMENT_SELECT = {
  id: true,
  body: true,
  createdAt: true,
  mentionedUserIds: true,
  author: { select: { id: true, name: true } },
  threat: { select: { id: true, title: true } },
} as const;

type CommentRow = {
  id: string;
  body: string;
  createdAt: Date;
  mentionedUserIds: string[];
  author: { id: string; name: string };
  threat: { id: string; title: string } | null;
};

export function toView(row: CommentRow, names: Map<string, string>): CommentView {
  return {
    id: row.id,
    body: row.body,
    createdAt: row.createdAt,
    author: row.author,
    threat: row.threat,
    // A mentioned account that no longer exists simply drops out of the highlighting.
    mentions: row.mentionedUserIds.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])),
  };
}
