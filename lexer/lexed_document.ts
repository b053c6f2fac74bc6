/**
 * The read-only view that the batch and the incremental lexer share.
 *
 * @module
 */

import type { LexState } from "./state.ts";
import type { Token } from "./token.ts";

/** A lexed text, line by line, with the checkpoint (start state) of every line. */
export interface LexedDocument {
  /** The number of lines: line endings plus one. */
  readonly lineCount: number;
  /** The state after the last line. */
  readonly finalState: LexState;
  /**
   * The tokens of one line.
   *
   * @param line A line number, `0 .. lineCount - 1`.
   * @returns Its tokens, in order; their texts concatenated give the line back.
   */
  lineTokens(line: number): Token[];
  /**
   * The packed tokens of one line: one `uint32` each, decoded by `tokenKindCode`, `tokenLength`
   * and `tokenMath`; columns are implicit, the tokens being contiguous from column 0.
   *
   * @param line A line number, `0 .. lineCount - 1`.
   * @returns A copy of the line's packed tokens.
   */
  lineWords(line: number): Uint32Array;
  /**
   * The state at the start of one line (its checkpoint).
   *
   * @param line A line number, `0 .. lineCount - 1`.
   * @returns The state.
   */
  lineState(line: number): LexState;
  /**
   * All tokens, in document order.
   *
   * @returns The tokens.
   */
  tokens(): Token[];
}
