/**
 * The lexer's tunables in one place, each with why it has its value.
 *
 * @module
 */

/** Bounds of the per-line API's caches (`lex_line.ts`). */
export const LEX_LINE = {
  /** Option sets whose lexer is kept: an editor uses one or two. */
  CONTEXTS: 8,
  /**
   * States one option set's table holds before it is dropped for a fresh one: a document
   * visits a few dozen; the bound keeps a long session from growing the table.
   */
  STATES: 4096,
} as const;
