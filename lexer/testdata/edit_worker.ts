/**
 * A worker for the concurrency test: builds a lexer, applies the edits it is sent, and posts
 * back the final tokens.
 *
 * @module
 */

import { IncrementalLexer } from "../incremental.ts";

/** The message a worker gets. */
export interface EditJob {
  /** The starting text. */
  text: string;
  /** Edits `[from, to, insert]`, applied in order. */
  edits: [number, number, string][];
}

const self = globalThis as unknown as {
  onmessage: ((e: MessageEvent<EditJob>) => void) | null;
  postMessage(data: unknown): void;
};

self.onmessage = (e) => {
  const lexer = new IncrementalLexer(e.data.text);
  for (const [from, to, insert] of e.data.edits) lexer.edit(from, to, insert);
  self.postMessage(JSON.stringify({ text: lexer.text, tokens: lexer.tokens() }));
};
