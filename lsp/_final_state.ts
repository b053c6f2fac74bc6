/**
 * The lexer state after a document's last line, which the editor session does not expose: the
 * last line lexed once more from its start state. Folding the end of the document like a
 * paragraph end, and seeing a verbatim environment never closed, need it.
 *
 * @module
 */

import { type LexerOptions, lexLine, type LexState } from "../mod.ts";

/** Lexes last lines to find the final state; one per document (its options are fixed). */
export class FinalState {
  readonly #options: LexerOptions;

  /**
   * Prepares for a document's options.
   *
   * @param options The document's lexer options.
   */
  constructor(options: LexerOptions) {
    this.#options = options;
  }

  /**
   * The state after a line.
   *
   * @param text The line's text.
   * @param start The state at its start.
   * @returns The state at its end.
   */
  after(text: string, start: LexState): LexState {
    return lexLine(text, start, this.#options).endState;
  }
}
