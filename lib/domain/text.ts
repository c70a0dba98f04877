// What a text field may hold: anything PostgreSQL can store as it was sent. PostgreSQL refuses the
// NUL character in text, and a lone surrogate (half of an emoji's UTF-16 pair, cut off) has no
// UTF-8 form at all, so it would be stored as U+FFFD, a different text from the one sent.

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether the text holds only characters that can be stored as they are. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

export const UNSTORABLE_TEXT_MESSAGE = "This text contains a character that cannot be stored (a NUL or half of an emoji). Remove it and try again.";
