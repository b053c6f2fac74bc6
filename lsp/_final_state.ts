/**
 * The lexer state after a document's last line, which the editor session does not expose: the
 * last line lexed once more from its start state. Folding the end of the document like a
 * paragraph end, and seeing a verbatim environment never closed, need it.
 *
 * @module
 */

import type { LexerOptions, LexState } from "../mod.ts";
import { LineLexer } from "../lexer/line_lexer.ts";
import { resolveOptions } from "../lexer/options.ts";
import { StateTable } from "../lexer/_state_table.ts";

/** Lexes last lines to find the final state; one per document (its options are fixed). */
export class FinalState {
  readonly #options: LexerOptions;
  #table = new StateTable();
  #lexer: LineLexer;

  /**
   * Prepares for a document's options.
   *
   * @param options The document's lexer options.
   */
  constructor(options: LexerOptions) {
    this.#options = options;
    this.#lexer = new LineLexer(resolveOptions(options), this.#table);
  }

  /**
   * The state after a line.
   *
   * @param text The line's text.
   * @param start The state at its start.
   * @returns The state at its end.
   */
  after(text: string, start: LexState): LexState {
    const id = this.#lexer.lex(text, this.#table.intern(start));
    const state = this.#table.state(id);
    // Keep the table small: no state is needed after this call.
    if (this.#table.size > 64) {
      this.#table = new StateTable();
      this.#lexer = new LineLexer(resolveOptions(this.#options), this.#table);
    }
    return state;
  }
}
