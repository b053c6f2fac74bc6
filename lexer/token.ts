/**
 * The public token object, made from the packed form only when asked for.
 *
 * @module
 */

import { LENGTH_SHIFT, MATH_BIT, TOKEN_KINDS, type TokenKind } from "./token_kind.ts";
import { KIND_MASK } from "./token_kind.ts";

/** A token of a LaTeX text. Positions and lengths are in UTF-16 code units, as in LSP. */
export interface Token {
  /** What kind of token it is. */
  kind: TokenKind;
  /** Its line, from 0. */
  line: number;
  /** Its column in that line, from 0. */
  column: number;
  /** Its length; tokens never span lines. */
  length: number;
  /** Its text: the line's text from `column` for `length` code units. */
  text: string;
  /** Whether it is in math (delimiters that open or close math included). */
  math: boolean;
}

/**
 * Turns a line's packed tokens into token objects, appending them to `out`.
 *
 * @param words The packed tokens.
 * @param from The index of the line's first token in `words`.
 * @param to The index after its last token.
 * @param line The line number.
 * @param text The line's text.
 * @param out Where to append.
 */
export function unpackLine(
  words: Uint32Array,
  from: number,
  to: number,
  line: number,
  text: string,
  out: Token[],
): void {
  let column = 0;
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    const length = Math.floor(w / (1 << LENGTH_SHIFT));
    out.push({
      kind: TOKEN_KINDS[w & KIND_MASK]!,
      line,
      column,
      length,
      text: text.slice(column, column + length),
      math: (w & MATH_BIT) !== 0,
    });
    column += length;
  }
}
