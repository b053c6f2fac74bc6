/**
 * The buffer the line scanner writes a line's packed tokens into; its owner (the batch lexer,
 * the incremental driver, `lexLine`) reads them out before the next line.
 *
 * @module
 */

/** A growable array of packed tokens (see `token_kind.ts` for the layout). */
export class TokenBuffer {
  /** The packed tokens, in `words[0 .. count)`. */
  words: Uint32Array;
  /** How many tokens the buffer holds. */
  count = 0;

  /**
   * Makes an empty buffer.
   *
   * @param capacity The initial room, in tokens.
   */
  constructor(capacity = 256) {
    this.words = new Uint32Array(capacity);
  }

  /** Doubles the room, keeping the tokens. */
  grow(): void {
    const bigger = new Uint32Array(this.words.length * 2);
    bigger.set(this.words);
    this.words = bigger;
  }

  /**
   * A copy of the tokens.
   *
   * @returns `words[0 .. count)` in an array of its own.
   */
  copy(): Uint32Array {
    return this.words.slice(0, this.count);
  }
}
